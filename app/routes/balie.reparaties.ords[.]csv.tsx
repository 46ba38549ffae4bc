import type { LoaderFunctionArgs } from "@remix-run/node";
import { localToday } from "~/dates";
import { ordsCsv } from "~/modules/repairs/ords.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: coordinators, module: "repairs" });

/** The finished repairs in the Open Repair Data Standard, for coordinators. No personal data. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, tenant } = signedInMember(context);
  const csv = await ordsCsv(db, tenant.slug);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="open-repair-data-${tenant.slug}-${localToday()}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
