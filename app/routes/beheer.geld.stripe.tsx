import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { coordinators, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { signedInMember } from "~/modules/accounts/guard.server";
import { accountStatus, onboardingLink, refreshAccount, stripeAccountOf } from "~/modules/payments/connect.server";
import { neighbourhoodUrl } from "~/modules/tenants/tenants.server";

export const access = routeAccess({ site: "neighbourhood", view: coordinators });

export const meta = titleMeta((t) => t.payments.connect.title);

/** Where the neighbourhood stands with Stripe; after Stripe's onboarding (?terug) Stripe is asked again. Without Stripe settings: 404. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { tenant } = signedInMember(context);
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
  const account = await stripeAccountOf(context.platformDb, tenant.id);
  return { status: accountStatus(account), feeBps: account?.application_fee_bps ?? 0, unreachable };
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
  const { status, feeBps, unreachable } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useLanguage();
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
    </div>
  );
}
