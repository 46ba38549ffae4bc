import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearSessionCookie } from "~/modules/accounts/session-cookie.server";
import { invalidateSession } from "~/modules/accounts/sessions.server";
import { getSession } from "~/modules/accounts/guard.server";
import { routeAccess } from "~/access";

export const access = routeAccess({ site: "both", view: "anyone" });

export async function action({ request, context }: ActionFunctionArgs) {
  const valid = await getSession(request, context);
  if (valid) await invalidateSession(context.platformDb, valid.session.id);
  return redirect("/", { status: 303, headers: { "Set-Cookie": await clearSessionCookie(request) } });
}

export const loader = () => redirect("/", 303);
