import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useParams, useRouteError } from "@remix-run/react";
import { formatDay, localToday } from "~/dates";
import { idParam } from "~/forms";
import { useLanguage } from "~/i18n/use-messages";
import { openLoansOfTool } from "~/modules/tool-library/loans.server";
import { getTool } from "~/modules/tool-library/tools.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, routeAccess } from "~/access";

// The page a tool's QR code opens (see the label sheet, /beheer/gereedschap/labels).
export const access = routeAccess({ site: "neighbourhood", view: desk, module: "tool_library" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.tool.name ?? ""} · Wijkplaats` }];

export async function loader({ context, params }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  const toolId = idParam(params.toolId);
  const today = localToday();
  const [tool, loans] = await Promise.all([getTool(db, toolId), openLoansOfTool(db, toolId, today)]);
  if (!tool) throw new Response(null, { status: 404 });
  return {
    tool: { id: tool.id, number: tool.number, name: tool.name, status: tool.status, location: tool.location, needsInstruction: tool.needs_instruction, safetyNotes: tool.safety_notes },
    out: loans.find((loan) => loan.status === "on_loan") ?? null,
    reservations: loans.filter((loan) => loan.status === "reserved"),
    today,
  };
}

/** A tool at the desk: is it here or out, what is reserved, and what the desk can do with it now. */
export default function ToolAtDesk() {
  const { tool, out, reservations, today } = useLoaderData<typeof loader>();
  const { t, lang } = useLanguage();
  const d = t.toolLibrary.desk;
  const td = t.toolLibrary.toolDesk;
  const day = (value: string) => formatDay(value, lang);
  return (
    <>
      <p>
        <Link to="/balie">← {d.title}</Link>
      </p>
      <h1>
        {tool.name} ({t.toolLibrary.catalog.number(tool.number)})
      </h1>
      <dl>
        <dt>{td.status}</dt>
        <dd>{t.toolLibrary.statuses[tool.status]}</dd>
        {tool.location ? (
          <>
            <dt>{t.toolLibrary.tool.where}</dt>
            <dd>{tool.location}</dd>
          </>
        ) : null}
      </dl>
      {tool.needsInstruction ? <p className="notice">{d.instruction}</p> : null}
      {tool.safetyNotes ? <p className="pre-line">{tool.safetyNotes}</p> : null}
      {out ? (
        <>
          <p>
            {td.outTo(out.member_name ?? d.unknownPerson, day(out.due))}
            {out.due < today ? <strong> {d.overdue}</strong> : null}
          </p>
          {out.member_phone ? (
            <p>
              {d.phone}: {out.member_phone}
            </p>
          ) : null}
          <p>
            <Link className="button" to={`/balie/lening/${out.id}#terugnemen`}>
              {td.takeBack}
            </Link>
          </p>
        </>
      ) : tool.status === "available" ? (
        <>
          <p>{td.free}</p>
          <p>
            <Link className="button" to={`/balie/uitlenen?toolNumber=${tool.number}`}>
              {td.lendNow}
            </Link>
          </p>
        </>
      ) : (
        <p>{td.notLendable}</p>
      )}
      <h2 id="reserveringen">{td.reservations}</h2>
      {reservations.length === 0 ? (
        <p>{td.reservationsNone}</p>
      ) : (
        <table className="cards" aria-labelledby="reserveringen">
          <thead>
            <tr>
              <th scope="col">{d.who}</th>
              <th scope="col">{d.dates}</th>
              <th scope="col">
                <span className="visually-hidden">{td.handOut}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {reservations.map((loan) => (
              <tr key={loan.id}>
                <td data-label={d.who}>{loan.member_name ?? d.unknownPerson}</td>
                <td data-label={d.dates}>{t.toolLibrary.myLoans.fromTo(day(loan.start), day(loan.due))}</td>
                <td>
                  <Link to={`/balie/lening/${loan.id}${loan.start <= today ? "#meegeven" : ""}`}>{loan.start <= today ? td.handOut : d.openLoan(tool.name, loan.member_name ?? d.unknownPerson)}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <Link to={`/gereedschap/${tool.id}`}>{td.toCatalog}</Link>
      </p>
    </>
  );
}

/**
 * Anyone can scan a tool's QR code. Someone who is not at the desk (a resident) gets this page's
 * 403 with the way to the tool's public page; every other error is the site's own error page.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const { toolId } = useParams();
  const { t } = useLanguage();
  if (!isRouteErrorResponse(error) || error.status !== 403) throw error;
  return (
    <>
      <h1>{t.errors.forbiddenTitle}</h1>
      <p>{t.toolLibrary.toolDesk.forDeskOnly}</p>
      <p>
        <Link to={`/gereedschap/${toolId}`}>{t.toolLibrary.toolDesk.toCatalog}</Link>
      </p>
    </>
  );
}
