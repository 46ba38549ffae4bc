import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDay, localToday } from "~/dates";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { DeskToolSearch } from "~/modules/tool-library/DeskToolSearch";
import { deskOverview, upcomingReservations } from "~/modules/tool-library/loans.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: desk });

export const meta = titleMeta((t) => t.toolLibrary.desk.title);

/** The desk's day: what to hand out, what is out, what is late, what is coming. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  const today = localToday();
  const [overview, upcoming] = await Promise.all([deskOverview(db, today), upcomingReservations(db, today)]);
  return { ...overview, upcoming };
}

type LoanRow = ReturnType<typeof useLoaderData<typeof loader>>["out"][number];

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
  const { toHandOut, out, overdue, upcoming } = useLoaderData<typeof loader>();
  const { t } = useLanguage();
  const d = t.toolLibrary.desk;
  return (
    <>
      <h1>{d.title}</h1>
      <p>
        <Link to="/balie/uitlenen">{d.walkIn}</Link> · <Link to="/balie/reparaties">{t.repairs.desk.title}</Link> · <Link to="/mijn-werk">{t.myWork.title}</Link>
      </p>
      <DeskToolSearch />
      <div className="board">
        <LoanTable id="meegeven" title={d.toHandOut} empty={d.toHandOutNone} loans={toHandOut} />
        <LoanTable id="te-laat" title={d.overdue} empty={d.overdueNone} loans={overdue} showPhone />
        <LoanTable id="uitgeleend" title={d.out} empty={d.outNone} loans={out} />
        <LoanTable id="later" title={d.upcoming} empty={d.upcomingNone} loans={upcoming} />
      </div>
    </>
  );
}
