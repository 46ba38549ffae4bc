import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDay, localToday } from "~/dates";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { DeskToolSearch } from "~/modules/tool-library/DeskToolSearch";
import { deskOverview, upcomingReservations } from "~/modules/tool-library/loans.server";
import { enabledModules, signedInMember } from "~/modules/accounts/guard.server";
import { AreaPages } from "~/components/AreaPages";
import { desk, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: desk });

export const meta = titleMeta((t) => t.toolLibrary.desk.title);

/** The desk's pages, and with the tool library switched on its day: what to hand out, what is out, what is late, what is coming. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  if (!(await enabledModules(context)).includes("tool_library")) return { lending: null };
  const today = localToday();
  const [overview, upcoming] = await Promise.all([deskOverview(db, today), upcomingReservations(db, today)]);
  return { lending: { ...overview, upcoming } };
}

type LoanRow = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["lending"]>["out"][number];

function LoanTable({ id, title, empty, loans, showPhone }: { id: string; title: string; empty: string; loans: LoanRow[]; showPhone?: boolean }) {
  const { t, lang } = useLanguage();
  const d = t.toolLibrary.desk;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {title} ({loans.length})
      </h2>
      {loans.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <table className="cards">
          <thead>
            <tr>
              <th scope="col">{d.tool}</th>
              <th scope="col">{d.who}</th>
              {showPhone ? <th scope="col">{d.phone}</th> : null}
              <th scope="col">{d.dates}</th>
            </tr>
          </thead>
          <tbody>
            {loans.map((loan) => (
              <tr key={loan.id}>
                <td data-label={d.tool}>
                  <Link to={`/balie/lening/${loan.id}`}>
                    {loan.tool_name} ({t.toolLibrary.catalog.number(loan.tool_number)})
                  </Link>
                </td>
                <td data-label={d.who}>{loan.member_name ?? d.unknownPerson}</td>
                {showPhone ? <td data-label={d.phone}>{loan.member_phone ?? ""}</td> : null}
                <td data-label={d.dates}>{t.toolLibrary.myLoans.fromTo(formatDay(loan.start, lang), formatDay(loan.due, lang))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export default function Desk() {
  const { lending } = useLoaderData<typeof loader>();
  const { t } = useLanguage();
  const d = t.toolLibrary.desk;
  return (
    <div className="desk-page">
      <h1>{lending ? d.title : t.navigation.desk}</h1>
      <AreaPages area="desk" />
      {lending ? (
        <>
          <DeskToolSearch />
          <div className="board">
            <LoanTable id="meegeven" title={d.toHandOut} empty={d.toHandOutNone} loans={lending.toHandOut} />
            <LoanTable id="te-laat" title={d.overdue} empty={d.overdueNone} loans={lending.overdue} showPhone />
            <LoanTable id="uitgeleend" title={d.out} empty={d.outNone} loans={lending.out} />
            <LoanTable id="later" title={d.upcoming} empty={d.upcomingNone} loans={lending.upcoming} />
          </div>
        </>
      ) : null}
    </div>
  );
}
