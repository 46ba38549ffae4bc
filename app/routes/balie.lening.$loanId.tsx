import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CheckboxField, TextAreaField } from "~/components/Field";
import { formatDay, localToday } from "~/dates";
import { idParam, parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { formatEuro } from "~/money";
import { HandOutFields } from "~/modules/tool-library/HandOutFields";
import { cancelReservation, checkIn, checkInSchema, checkOutReservation, checkOutSchema, DEPOSIT_RETURNED, loanForDesk } from "~/modules/tool-library/loans.server";
import { stripeAccountOf } from "~/modules/payments/connect.server";
import { returnOnline } from "~/modules/payments/money.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";
import { StatusBadge } from "~/components/StatusBadge";

export const access = routeAccess({ site: "neighbourhood", view: desk, module: "tool_library" });

export const meta = titleMeta((t) => t.toolLibrary.desk.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  const loan = await loanForDesk(db, idParam(params.loanId));
  if (!loan) throw new Response(null, { status: 404 });
  // A deposit paid online goes back online when the platform takes payments online.
  return { loan, today: localToday(), refundsOnline: context.payments !== null };
}

type Answer = { intent: string; errors: Record<string, string>; values: Record<string, string>; done?: boolean; depositNotReturned?: boolean };

/** The desk hands a reserved tool out, takes a tool back, or cancels a reservation. */
export async function action({ request, context, params }: ActionFunctionArgs): Promise<Answer> {
  const { db, member, tenant } = signedInMember(context);
  const loanId = idParam(params.loanId);
  const loan = await loanForDesk(db, loanId);
  if (!loan) throw new Response(null, { status: 404 });
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  if (intent === "cancel") {
    const done = await cancelReservation(db, loanId, null);
    return { intent, errors: done ? {} : { form: "loan_not_reserved" }, values: {}, done };
  }
  if (intent === "checkIn") {
    const form = parseForm(checkInSchema, formData);
    if (!form.ok) return { intent, errors: form.errors, values: form.values };
    const result = await checkIn(db, loanId, form.data, member.id);
    if (!result.ok) return { intent, errors: { [result.field]: result.error }, values: form.raw };
    if (form.data.depositReturned && loan.deposit_payment === "online") {
      // The tool is back whatever Stripe says; a deposit that could not go back is left to a coordinator.
      const account = context.payments ? await stripeAccountOf(context.platformDb, tenant.id) : null;
      try {
        if (!context.payments || !account) throw new Error("online payments are off");
        await returnOnline(db, { payments: context.payments, accountId: account.account_id }, "loan", loanId, "deposit", DEPOSIT_RETURNED, member.id);
      } catch (error) {
        context.log.warn({ err: error }, "stripe: deposit not given back online");
        return { intent, errors: {}, values: {}, done: true, depositNotReturned: true };
      }
    }
    return { intent, errors: {}, values: {}, done: true };
  }
  const form = parseForm(checkOutSchema, formData);
  if (!form.ok) return { intent: "checkOut", errors: form.errors, values: form.values };
  const result = await checkOutReservation(db, loanId, form.data, member.id, localToday());
  return result.ok ? { intent: "checkOut", errors: {}, values: {}, done: true } : { intent: "checkOut", errors: { [result.field]: result.error }, values: form.raw };
}

export default function DeskLoan() {
  const { loan, today, refundsOnline } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, lang, explain } = useLanguage();
  const d = t.toolLibrary.desk;
  const day = (value: string) => formatDay(value, lang);
  const mine = (intent: string) => (answer?.intent === intent ? answer : undefined);
  const payment = (cents: number | null, how: string | null) =>
    cents && how ? `${formatEuro(cents, lang)}, ${how === "waived" ? d.waived : how === "online" ? d.paidOnline : d.paidCash}` : null;
  const waivedReason = loan.deposit_waived_reason ?? loan.fee_waived_reason;
  return (
    <>
      <p>
        <Link to="/balie">← {d.title}</Link>
      </p>
      <h1>{d.openLoan(`${loan.tool_name} (${t.toolLibrary.catalog.number(loan.tool_number)})`, loan.member_name ?? d.unknownPerson)}</h1>
      <p>
        <Link to={`/balie/gereedschap/${loan.tool_id}`}>{d.aboutTool}</Link>
      </p>
      {answer?.done ? (
        <p role="status" className="notice">
          {answer.intent === "checkOut" ? d.handedOut : answer.intent === "checkIn" ? d.takenBack : d.cancelled}
        </p>
      ) : null}
      {answer?.depositNotReturned ? (
        <p role="alert" className="error">
          {d.depositNotReturned}
        </p>
      ) : null}
      {answer?.errors.form ? (
        <p role="alert" className="error">
          {explain(answer.errors.form)}
        </p>
      ) : null}
      <dl>
        <dt>{t.toolLibrary.myLoans.status}</dt>
        <dd>
          <StatusBadge status={loan.status}>{t.toolLibrary.loanStatuses[loan.status]}</StatusBadge>
          {loan.status === "on_loan" && loan.due < today ? ` · ${d.overdue}` : null}
        </dd>
        {loan.location ? (
          <>
            <dt>{t.toolLibrary.tool.where}</dt>
            <dd>{loan.location}</dd>
          </>
        ) : null}
        <dt>{d.dates}</dt>
        <dd>{t.toolLibrary.myLoans.fromTo(day(loan.start), day(loan.due))}</dd>
        {loan.member_phone ? (
          <>
            <dt>{d.phone}</dt>
            <dd>{loan.member_phone}</dd>
          </>
        ) : null}
        {loan.condition_out ? (
          <>
            <dt>{d.conditionOut}</dt>
            <dd>{loan.condition_out}</dd>
          </>
        ) : null}
        {payment(loan.deposit_cents, loan.deposit_payment) ? (
          <>
            <dt>{t.toolLibrary.manage.deposit}</dt>
            <dd>{payment(loan.deposit_cents, loan.deposit_payment)}</dd>
          </>
        ) : null}
        {payment(loan.fee_cents, loan.fee_payment) ? (
          <>
            <dt>{t.toolLibrary.manage.fee}</dt>
            <dd>{payment(loan.fee_cents, loan.fee_payment)}</dd>
          </>
        ) : null}
        {waivedReason ? (
          <>
            <dt>{d.waivedReason}</dt>
            <dd>{waivedReason}</dd>
          </>
        ) : null}
        {loan.condition_in ? (
          <>
            <dt>{d.conditionIn}</dt>
            <dd>{loan.condition_in}</dd>
          </>
        ) : null}
      </dl>
      {loan.status === "reserved" ? (
        <>
          <h2 id="meegeven">{d.handOut}</h2>
          {loan.needs_instruction ? <p className="notice">{d.instruction}</p> : null}
          {loan.safety_notes ? <p className="pre-line">{loan.safety_notes}</p> : null}
          <p>{d.handOutIntro}</p>
          <PostForm noValidate aria-labelledby="meegeven">
            <input type="hidden" name="intent" value="checkOut" />
            <HandOutFields
              depositCents={loan.deposit_due_cents}
              feeCents={loan.fee_due_cents}
              paidOnline={{ deposit: loan.deposit_payment === "online", fee: loan.fee_payment === "online" }}
              errors={mine("checkOut")?.errors} values={mine("checkOut")?.values} />
            <button type="submit">{d.handOutSubmit}</button>
          </PostForm>
          <PostForm>
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="danger">
              {d.cancel}
            </button>
          </PostForm>
        </>
      ) : null}
      {loan.status === "on_loan" ? (
        <>
          <h2 id="terugnemen">{d.takeBack}</h2>
          <PostForm noValidate aria-labelledby="terugnemen">
            <input type="hidden" name="intent" value="checkIn" />
            <TextAreaField name="conditionIn" label={d.conditionIn} hint={d.conditionInHint} defaultValue={mine("checkIn")?.values.conditionIn} error={mine("checkIn")?.errors.conditionIn} />
            {loan.deposit_cents && loan.deposit_payment === "cash" ? <CheckboxField name="depositReturned" label={d.depositReturned} defaultChecked /> : null}
            {loan.deposit_cents && loan.deposit_payment === "online" ? (
              refundsOnline ? (
                <CheckboxField name="depositReturned" label={d.depositReturnedOnline} defaultChecked />
              ) : (
                <p className="notice">{d.depositOnline}</p>
              )
            ) : null}
            <CheckboxField name="toRepair" label={d.toRepair} />
            <button type="submit">{d.takeBackSubmit}</button>
          </PostForm>
        </>
      ) : null}
    </>
  );
}
