import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { members, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";
import { idParam } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { signedInMember } from "~/modules/accounts/guard.server";
import { PaymentLines } from "~/modules/payments/PaymentLines";
import { amountsDue, payableRecordTypes, startCheckout } from "~/modules/payments/checkout.server";
import { onlinePaymentsOpen } from "~/modules/payments/connect.server";
import { neighbourhoodUrl } from "~/modules/tenants/tenants.server";
import type { AppLoadContext } from "@remix-run/node";

export const access = routeAccess({ site: "neighbourhood", view: members });

export const meta = titleMeta((t) => t.payments.pay.title);

/** What the person owes for one of their own records, or 404 (not theirs, nothing due, or no online payment here). */
async function dueFor(context: AppLoadContext, params: { recordType?: string; recordId?: string }) {
  const { db, member, tenant } = signedInMember(context);
  const recordType = z.enum(payableRecordTypes as [string, ...string[]]).safeParse(params.recordType);
  if (!recordType.success || !(await onlinePaymentsOpen(context.payments, context.platformDb, tenant.id))) throw new Response(null, { status: 404 });
  const due = await amountsDue(db, recordType.data as (typeof payableRecordTypes)[number], idParam(params.recordId), member.id);
  return { due, db, tenant };
}

export async function loader({ context, params }: LoaderFunctionArgs) {
  const { due } = await dueFor(context, params);
  return { due };
}

/**
 * Opens Stripe's payment page for exactly what the record asks (the amounts come from the record
 * here, never from the form). When Stripe cannot be reached the person is told, and can pay cash.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { due, db, tenant } = await dueFor(context, params);
  if (!due) return { error: "nothing_due" as const };
  try {
    const started = await startCheckout(context.payments!, db, context.platformDb, tenant.id, due, neighbourhoodUrl(context.platformUrl, tenant));
    if (!started.ok) return { error: "closed" as const };
    return redirect(started.url, 303);
  } catch (error) {
    context.log.error({ err: error }, "stripe: checkout could not be opened");
    return { error: "unavailable" as const };
  }
}

export default function Pay() {
  const { due } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useLanguage();
  const p = t.payments.pay;
  return (
    <>
      <h1>{p.title}</h1>
      {answer?.error === "unavailable" ? (
        <p role="alert" className="error">
          {p.unavailable}
        </p>
      ) : null}
      {answer?.error === "closed" ? (
        <p role="alert" className="error">
          {p.closed}
        </p>
      ) : null}
      {!due || answer?.error === "nothing_due" ? (
        <p>{p.nothingDue}</p>
      ) : (
        <>
          <p>{p.intro}</p>
          <PaymentLines description={due.description} lines={due.lines} />
          <PostForm>
            <button type="submit">{p.button}</button>
          </PostForm>
          <p>
            <Link to={due.returnPath}>{t.payments.receipt.back}</Link>
          </p>
        </>
      )}
    </>
  );
}
