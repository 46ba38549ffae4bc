import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { coordinators, routeAccess } from "~/access";
import { Field } from "~/components/Field";
import { PostForm } from "~/components/PostForm";
import { formatDay } from "~/dates";
import { idParam, parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { centsToInput, formatEuro } from "~/money";
import { signedInMember } from "~/modules/accounts/guard.server";
import { stripeAccountOf } from "~/modules/payments/connect.server";
import { paymentForRefund, refundPayment, refundSchema } from "~/modules/payments/money.server";

export const access = routeAccess({ site: "neighbourhood", view: coordinators });

export const meta = titleMeta((t) => t.payments.money.refund);

export async function loader({ context, params }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  const payment = await paymentForRefund(db, idParam(params.entryId));
  if (!payment) throw new Response(null, { status: 404 });
  const { occurred_at: _at, record_id: _record, record_type: _type, ...shown } = payment;
  return { payment: shown };
}

type Answer = { errors: Record<string, string>; values: Record<string, string>; refundedCents?: number };

/** A coordinator gives back (part of) a cash payment, with a reason; it goes into the ledger. */
export async function action({ request, context, params }: ActionFunctionArgs): Promise<Answer> {
  const { db, member, tenant } = signedInMember(context);
  const entryId = idParam(params.entryId);
  if (!(await paymentForRefund(db, entryId))) throw new Response(null, { status: 404 });
  const formData = await request.formData();
  // The address names the payment, never the form.
  formData.set("entryId", entryId);
  const form = parseForm(refundSchema, formData);
  if (!form.ok) return { errors: form.errors, values: form.values };
  const account = context.payments ? await stripeAccountOf(context.platformDb, tenant.id) : null;
  const online = context.payments && account ? { payments: context.payments, accountId: account.account_id } : null;
  let result;
  try {
    result = await refundPayment(db, form.data, member.id, online);
  } catch (error) {
    context.log.error({ err: error }, "stripe: refund failed");
    return { errors: { entryId: "refund_stripe_unreachable" }, values: form.raw };
  }
  if (!result.ok) return { errors: { [result.field]: result.error }, values: form.raw };
  return { errors: {}, values: {}, refundedCents: result.refundedCents };
}

export default function Refund() {
  const { payment } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, lang, explain } = useLanguage();
  const m = t.payments.money;
  const values = answer?.values ?? {};
  return (
    <div className="desk-page">
      <p>
        <Link to={`/beheer/geld?maand=${payment.day.slice(0, 7)}`}>← {m.title}</Link>
      </p>
      <h1>{m.refund}</h1>
      <p>
        {formatDay(payment.day, lang)}: {payment.description} ({t.payments.purposes[payment.purpose]}), {formatEuro(payment.amount_cents, lang)}{" "}
        {payment.method ? t.payments.methods[payment.method] : null}
      </p>
      {answer?.refundedCents ? (
        <p role="status" className="notice">
          {m.refunded_(formatEuro(answer.refundedCents, lang))}
        </p>
      ) : null}
      {answer?.errors.entryId ? <p className="error">{explain(answer.errors.entryId)}</p> : null}
      {(payment.leftCents > 0 && !answer?.refundedCents) || answer?.errors.amount ? (
        <PostForm>
          <p>{m.refundLeft(formatEuro(payment.leftCents, lang))}</p>
          <Field name="amount" label={m.refundAmount} inputMode="decimal" defaultValue={values.amount ?? centsToInput(payment.leftCents)} error={answer?.errors.amount} />
          <Field name="reason" label={m.refundReason} defaultValue={values.reason} error={answer?.errors.reason} maxLength={300} />
          <button type="submit">{m.refundButton}</button>
        </PostForm>
      ) : null}
    </div>
  );
}
