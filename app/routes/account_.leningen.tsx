import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { formatDay, localToday } from "~/dates";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { amountsDue } from "~/modules/payments/checkout.server";
import { onlinePaymentsOpen } from "~/modules/payments/connect.server";
import { cancelReservation, loansOf } from "~/modules/tool-library/loans.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { members, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";
import { StatusBadge } from "~/components/StatusBadge";

export const access = routeAccess({ site: "neighbourhood", view: members, module: "tool_library" });

export const meta = titleMeta((t) => t.toolLibrary.myLoans.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, member, tenant } = signedInMember(context);
  const loans = await loansOf(db, member.id);
  // Only when the neighbourhood takes payments online does any page mention it.
  const online = await onlinePaymentsOpen(context.payments, context.platformDb, tenant.id);
  const open = online ? loans.filter((loan) => loan.status === "reserved" || loan.status === "on_loan") : [];
  const payable = (await Promise.all(open.map(async (loan) => ((await amountsDue(db, "loan", loan.id, member.id)) ? loan.id : null)))).filter((id) => id !== null);
  return { loans, today: localToday(), payable };
}

const cancelSchema = z.object({ loanId: z.uuid() });

/** A member cancels one of their own reservations. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { db, member } = signedInMember(context);
  const form = parseForm(cancelSchema, await request.formData());
  if (!form.ok || !(await cancelReservation(db, form.data.loanId, member.id))) return { cancelled: false };
  return { cancelled: true };
}

export default function MyLoans() {
  const { loans, today, payable } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, lang, explain } = useLanguage();
  const c = t.toolLibrary.myLoans;
  const day = (d: string) => formatDay(d, lang);
  return (
    <>
      <h1>{c.title}</h1>
      <p>{c.intro}</p>
      {search.get("gereserveerd") && !answer ? (
        <p role="status" className="notice">
          {t.toolLibrary.tool.reserved}
        </p>
      ) : null}
      {answer?.cancelled ? (
        <p role="status" className="notice">
          {c.cancelled}
        </p>
      ) : null}
      {answer && !answer.cancelled ? (
        <p role="alert" className="error">
          {explain("loan_not_reserved")}
        </p>
      ) : null}
      {loans.length === 0 ? (
        <p>{c.none}</p>
      ) : (
        <table className="cards">
          <thead>
            <tr>
              <th scope="col">{c.tool}</th>
              <th scope="col">{c.dates}</th>
              <th scope="col">{c.status}</th>
              <th scope="col">
                <span className="visually-hidden">{c.cancel}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {loans.map((loan) => (
              <tr key={loan.id}>
                <td data-label={c.tool}>
                  <Link to={`/gereedschap/${loan.tool_id}`}>{loan.tool_name}</Link>
                </td>
                <td data-label={c.dates}>{c.fromTo(day(loan.start), day(loan.due))}</td>
                <td data-label={c.status}>
                  <StatusBadge status={loan.status}>{t.toolLibrary.loanStatuses[loan.status]}</StatusBadge>
                  {loan.status === "on_loan" && loan.due < today ? <div className="error">{c.overdue}</div> : null}
                </td>
                <td>
                  {payable.includes(loan.id) ? (
                    <p>
                      <Link to={`/betalen/loan/${loan.id}`} aria-label={`${t.payments.pay.link}: ${loan.tool_name}`}>
                        {t.payments.pay.link}
                      </Link>
                    </p>
                  ) : null}
                  {loan.status === "reserved" ? (
                    <PostForm>
                      <input type="hidden" name="loanId" value={loan.id} />
                      <button type="submit" className="danger" aria-label={c.cancelFor(loan.tool_name)}>
                        {c.cancel}
                      </button>
                    </PostForm>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <Link to="/gereedschap">{c.toCatalog}</Link>
      </p>
    </>
  );
}
