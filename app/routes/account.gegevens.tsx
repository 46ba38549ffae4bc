import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportOwnData } from "~/modules/members/self-service.server";
import { requireTenant } from "~/request-context.server";
import { signedInAccount } from "~/modules/accounts/guard.server";
import { routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: "signedIn" });

/** Downloads everything kept about the signed-in person in this neighbourhood, as JSON. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { tenant, db } = requireTenant(context);
  const { account } = signedInAccount(context);
  const data = await exportOwnData(db, context.platformDb, account.id, tenant.id);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="mijn-gegevens-${tenant.slug}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
