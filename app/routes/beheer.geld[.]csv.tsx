import type { LoaderFunctionArgs } from "@remix-run/node";
import { coordinators, routeAccess } from "~/access";
import { localToday } from "~/dates";
import { signedInMember } from "~/modules/accounts/guard.server";
import { csvPeriod, ledgerCsv } from "~/modules/payments/money.server";

export const access = routeAccess({ site: "neighbourhood", view: coordinators });

/** One month of the ledger (?maand=YYYY-MM, this month by default) for the bookkeeper. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, tenant } = signedInMember(context);
  const { from, until, month } = csvPeriod(new URL(request.url), localToday().slice(0, 7));
  return new Response(await ledgerCsv(db, from, until), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="kasboek-${tenant.slug}-${month}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
