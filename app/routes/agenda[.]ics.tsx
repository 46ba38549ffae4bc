import type { LoaderFunctionArgs } from "@remix-run/node";
import { localToday } from "~/dates";
import { PUBLIC_FEED_SECONDS, publicAgendaCalendar } from "~/modules/activities/feed.server";
import { requireTenant } from "~/request-context.server";
import { routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: "anyone", module: "activities" });

/** The neighbourhood's agenda as an iCalendar feed, for anyone's calendar app to subscribe to. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, tenant } = requireTenant(context);
  const url = new URL(request.url);
  const text = await publicAgendaCalendar(db, tenant.id, { name: tenant.name, host: url.host, agendaUrl: new URL("/agenda", url).href, today: localToday() });
  return new Response(text, { headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": `public, max-age=${PUBLIC_FEED_SECONDS}` } });
}
