import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { coordinators, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";
import { formatDay } from "~/dates";
import { formatEuro } from "~/money";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { signedInMember } from "~/modules/accounts/guard.server";
import { latestComparison } from "~/modules/payments/compare.server";
import { accountStatus, onboardingLink, refreshAccount, stripeAccountOf } from "~/modules/payments/connect.server";
import { neighbourhoodUrl } from "~/modules/tenants/tenants.server";

export const access = routeAccess({ site: "neighbourhood", view: coordinators });

export const meta = titleMeta((t) => t.payments.connect.title);

/** Where the neighbourhood stands with Stripe; after Stripe's onboarding (?terug) Stripe is asked again. Without Stripe settings: 404. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { tenant, db } = signedInMember(context);
  if (!context.payments) throw new Response(null, { status: 404 });
  let unreachable = false;
  if (new URL(request.url).searchParams.has("terug")) {
    try {
      await refreshAccount(context.payments, context.platformDb, tenant.id);
    } catch (error) {
      context.log.warn({ err: error }, "stripe: account status could not be refreshed");
      unreachable = true;
    }
  }
  const [account, comparison] = await Promise.all([stripeAccountOf(context.platformDb, tenant.id), latestComparison(db)]);
  return { status: accountStatus(account), feeBps: account?.application_fee_bps ?? 0, unreachable, comparison: comparison && { ...comparison, ran_at: comparison.ran_at.toISOString() } };
}

/** Connect (or finish connecting) the neighbourhood's own Stripe account, on Stripe's pages. */
export async function action({ context }: ActionFunctionArgs) {
  const { tenant } = signedInMember(context);
  if (!context.payments) throw new Response(null, { status: 404 });
  const here = new URL("/beheer/geld/stripe", neighbourhoodUrl(context.platformUrl, tenant));
  try {
    const url = await onboardingLink(context.payments, context.platformDb, tenant, { refresh: here.href, return: `${here.href}?terug=1` });
    return redirect(url, 303);
  } catch (error) {
    context.log.error({ err: error }, "stripe: onboarding could not start");
    return { unreachable: true };
  }
}

export default function ConnectStripe() {
  const { status, feeBps, unreachable, comparison } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, lang } = useLanguage();
  const c = t.payments.connect;
  return (
    <div className="desk-page">
      <p>
        <Link to="/beheer/geld">← {t.payments.money.title}</Link>
      </p>
      <h1>{c.title}</h1>
      <p>{c.intro}</p>
      {unreachable || answer?.unreachable ? (
        <p role="alert" className="error">
          {c.unreachable}
        </p>
      ) : null}
      <p role="status" className="notice">
        {c.statuses[status]}
      </p>
      <p>{c.fee((feeBps / 100).toLocaleString("nl-NL"))}</p>
      {status !== "payouts_possible" ? (
        <PostForm>
          <button type="submit">{status === "not_connected" ? c.connect : c.continue}</button>
        </PostForm>
      ) : null}
      <h2 id="vergelijking">{c.comparison}</h2>
      {!comparison ? (
        <p>{c.notCompared}</p>
      ) : comparison.differences.length === 0 ? (
        <p>{c.allMatch(formatDay(comparison.from, lang), formatDay(comparison.to, lang))}</p>
      ) : (
        <>
          <p className="notice">{c.differ(formatDay(comparison.from, lang), formatDay(comparison.to, lang))}</p>
          <table className="cards" aria-labelledby="vergelijking">
            <thead>
              <tr>
                <th scope="col">{c.difference}</th>
                <th scope="col">{c.reference}</th>
                <th scope="col">{c.atStripe}</th>
                <th scope="col">{c.inBooks}</th>
              </tr>
            </thead>
            <tbody>
              {comparison.differences.map((difference) => (
                <tr key={`${difference.kind}-${difference.reference}`}>
                  <td data-label={c.difference}>{c.kinds[difference.kind]}</td>
                  <td data-label={c.reference}>{difference.reference}</td>
                  <td data-label={c.atStripe}>{difference.stripeCents === null ? "–" : formatEuro(difference.stripeCents, lang)}</td>
                  <td data-label={c.inBooks}>{difference.ledgerCents === null ? "–" : formatEuro(difference.ledgerCents, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
