import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { lendingNumbers } from "~/modules/tool-library/numbers.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: coordinators, module: "tool_library" });

export const meta = titleMeta((t) => t.toolLibrary.numbers.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  return lendingNumbers(db);
}

/** Loans per month, different borrowers and the most-borrowed tools, for the impact report. */
export default function LendingNumbers() {
  const { perMonth, topTools, totals } = useLoaderData<typeof loader>();
  const { t, lang } = useLanguage();
  const n = t.toolLibrary.numbers;
  const monthFormat = new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  const monthName = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));
  return (
    <div className="desk-page">
      <p>
        <Link to="/beheer/gereedschap">← {t.toolLibrary.manage.title}</Link>
      </p>
      <h1>{n.title}</h1>
      <p>{n.intro}</p>
      {totals.loans === 0 ? (
        <p>{n.none}</p>
      ) : (
        <>
          <p className="lead">{n.totals(totals.loans, totals.borrowers)}</p>
          <table className="cards">
            <thead>
              <tr>
                <th scope="col">{n.month}</th>
                <th scope="col">{n.loans}</th>
                <th scope="col">{n.borrowers}</th>
              </tr>
            </thead>
            <tbody>
              {perMonth.map((row) => (
                <tr key={row.month}>
                  <td data-label={n.month}>{monthName(row.month)}</td>
                  <td data-label={n.loans}>{row.loans}</td>
                  <td data-label={n.borrowers}>{row.borrowers}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2 id="top">{n.top}</h2>
          <ol aria-labelledby="top">
            {topTools.map((tool) => (
              <li key={tool.id}>
                {tool.name} ({t.toolLibrary.catalog.number(tool.number)}): {tool.loans}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
