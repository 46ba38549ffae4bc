import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDay } from "~/dates";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { itemName, openStatuses } from "~/modules/repairs/flow";
import { repairBoard } from "~/modules/repairs/repairs.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: desk, module: "repairs" });

export const meta = titleMeta((t) => t.repairs.desk.title);

/** The board: every repair that is not collected yet, by status. Names, no phone numbers. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, member } = signedInMember(context);
  return { board: await repairBoard(db), canExport: member.role === "coordinator" };
}

export default function RepairBoard() {
  const { board, canExport } = useLoaderData<typeof loader>();
  const { t, lang } = useLanguage();
  const d = t.repairs.desk;
  return (
    <div className="desk-page">
      <h1>{d.title}</h1>
      <p>{d.intro}</p>
      <p>
        <Link to="/balie/reparaties/nieuw">{d.new}</Link> · <Link to="/balie/repaircafe">{t.repairCafe.desk.title}</Link>
        {canExport ? (
          <>
            {" · "}
            <a href="/balie/reparaties/ords.csv" download>
              {d.export}
            </a>
          </>
        ) : null}
      </p>
      <div className="board">
      {([...openStatuses, "done"] as const).map((status) => (
        <section key={status} aria-labelledby={`status-${status}`}>
          <h2 id={`status-${status}`}>
            {t.repairs.statuses[status]} ({board[status].length})
          </h2>
          {board[status].length === 0 ? (
            <p>{d.none}</p>
          ) : (
            <table className="cards">
              <thead>
                <tr>
                  <th scope="col">{d.number}</th>
                  <th scope="col">{d.item}</th>
                  <th scope="col">{d.who}</th>
                  <th scope="col">{d.fixers}</th>
                  <th scope="col">{d.plannedOn}</th>
                </tr>
              </thead>
              <tbody>
                {board[status].map((repair) => (
                  <tr key={repair.id}>
                    <td data-label={d.number}>{repair.number}</td>
                    <td data-label={d.item}>
                      <Link to={`/balie/reparaties/${repair.id}`}>{itemName(repair.kind, repair.brand, lang)}</Link>
                    </td>
                    <td data-label={d.who}>{repair.member_name ?? d.unknownPerson}</td>
                    <td data-label={d.fixers}>{repair.fixer_names ?? ""}</td>
                    <td data-label={d.plannedOn}>{repair.planned_on ? formatDay(repair.planned_on, lang) : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      </div>
    </div>
  );
}
