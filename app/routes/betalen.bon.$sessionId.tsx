import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { members, routeAccess } from "~/access";
import { formatDay, localToday } from "~/dates";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { signedInMember } from "~/modules/accounts/guard.server";
import { PaymentLines } from "~/modules/payments/PaymentLines";
import { checkoutForReceipt, confirmCheckout } from "~/modules/payments/checkout.server";
import { neighbourhoodUrl } from "~/modules/tenants/tenants.server";

export const access = routeAccess({ site: "neighbourhood", view: members });

export const meta = titleMeta((t) => t.payments.receipt.title);

/**
 * The receipt of one of the person's own online payments, where Stripe sends them back. If the
 * webhook has not told us yet, Stripe is asked directly; if it cannot be reached, the page says so.
 */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const { db, member, tenant } = signedInMember(context);
  const sessionId = params.sessionId ?? "";
  let found = await checkoutForReceipt(db, sessionId, member.id);
  if (!found) throw new Response(null, { status: 404 });
  if (found.session.status === "open" && context.payments) {
    try {
      await confirmCheckout(context.payments, db, context.platformDb, tenant, sessionId, neighbourhoodUrl(context.platformUrl, tenant));
      found = (await checkoutForReceipt(db, sessionId, member.id))!;
    } catch (error) {
      context.log.warn({ err: error }, "stripe: could not confirm a payment on return");
    }
  }
  const { session, profile } = found;
  return {
    neighbourhood: tenant.name,
    profile,
    session: { ...session, paidDay: session.paid_at ? localToday(session.paid_at) : null, paid_at: undefined, created_at: undefined },
  };
}

export default function Receipt() {
  const { neighbourhood, profile, session } = useLoaderData<typeof loader>();
  const { t, lang } = useLanguage();
  const r = t.payments.receipt;
  return (
    <>
      <h1>{r.title}</h1>
      {session.status === "paid" ? (
        <p role="status" className="notice">
          {r.paid}
        </p>
      ) : (
        <p role="status">{session.status === "expired" ? r.expired : r.processing}</p>
      )}
      <PaymentLines description={session.description} lines={session.lines} />
      <dl>
        {session.paidDay ? (
          <>
            <dt>{r.paidOn}</dt>
            <dd>{formatDay(session.paidDay, lang)}</dd>
          </>
        ) : null}
        <dt>{r.from}</dt>
        <dd className="pre-line">{[neighbourhood, profile?.street, [profile?.postcode, profile?.city].filter(Boolean).join(" ")].filter(Boolean).join("\n")}</dd>
      </dl>
      <p>
        <Link to="/account">{r.back}</Link>
      </p>
    </>
  );
}
