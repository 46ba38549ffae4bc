import type { LoaderFunctionArgs } from "@remix-run/node";
import { localToday } from "~/dates";
import { feedOwner } from "~/modules/activities/agenda.server";
import { agendaCalendar } from "~/modules/activities/feed.server";
import { requireTenant } from "~/request-context.server";
import { routeAccess } from "~/access";

// A calendar app cannot log in: the secret in the address is the key, and the person can renew or
// stop it on their agenda page. An unknown or stopped link is simply not found.
export const access = routeAccess({ site: "neighbourhood", view: "anyone", module: "activities" });

/** One person's own sign-ups as an iCalendar feed. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, tenant } = requireTenant(context);
  const memberId = params.token ? await feedOwner(db, params.token) : null;
  if (!memberId) throw new Response(null, { status: 404 });
  const url = new URL(request.url);
  const text = await agendaCalendar(db, { name: tenant.name, host: url.host, agendaUrl: new URL("/account/agenda", url).href, today: localToday(), memberId });
  return new Response(text, { headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" } });
}
