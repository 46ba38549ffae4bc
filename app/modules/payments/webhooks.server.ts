import type Stripe from "stripe";
import type { Logger } from "pino";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { neighbourhoodUrl } from "~/modules/tenants/tenants.server";
import { applyAccountUpdate } from "./connect.server";
import { recordCheckoutPaid, stripeFee } from "./checkout.server";
import { notePayout } from "./compare.server";
import type { OnlinePayments } from "./stripe.server";

// Stripe's webhook events for connected accounts arrive on the platform's domain (one endpoint for
// every neighbourhood). The raw body's signature is checked, each event is kept once by its id, and
// the work is done by the job queue, in whatever order events come (decision 0014).

export const STRIPE_EVENT_JOB = "stripe-event";

/**
 * Checks the signature and keeps the event. Returns 400 for anything Stripe did not sign with our
 * secret; the id of a new event to hand to the job queue; or null for one already received.
 */
export async function receiveStripeEvent(
  payments: OnlinePayments,
  database: Database,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<{ status: 400 } | { status: 200; newEventId: string | null }> {
  let event: Stripe.Event;
  try {
    event = payments.stripe.webhooks.constructEvent(rawBody, signature ?? "", payments.webhookSecret);
  } catch {
    return { status: 400 };
  }
  const kept = await platformDb(database)
    .insertInto("stripe_events")
    .values({ id: event.id, type: event.type, account_id: event.account ?? null, payload: JSON.stringify(event) })
    .onConflict((conflict) => conflict.column("id").doNothing())
    .returning("id")
    .executeTakeFirst();
  return { status: 200, newEventId: kept?.id ?? null };
}

/** The neighbourhood whose connected account an event is about; null for an account nobody here has. */
async function tenantOfAccount(database: Database, accountId: string | null) {
  if (!accountId) return null;
  return (
    (await platformDb(database)
      .selectFrom("stripe_accounts")
      .innerJoin("tenants", "tenants.id", "stripe_accounts.tenant_id")
      .select(["tenants.id", "tenants.name", "tenants.slug", "tenants.custom_domain"])
      .where("stripe_accounts.account_id", "=", accountId)
      .executeTakeFirst()) ?? null
  );
}

/**
 * Acts on one kept event (the job queue's work). A paid Checkout Session is looked up only in the
 * neighbourhood that owns the event's account, so an event about one neighbourhood's account can
 * never touch another's records. Events of types not handled here are marked handled and kept.
 */
export async function handleStripeEvent(database: Database, payments: OnlinePayments, eventId: string, publicUrl: string, log: Logger): Promise<void> {
  const platform = platformDb(database);
  const kept = await platform.selectFrom("stripe_events").select(["payload", "handled_at"]).where("id", "=", eventId).executeTakeFirst();
  if (!kept || kept.handled_at) return;
  const event = kept.payload as Stripe.Event;
  if (event.type === "account.updated") {
    await applyAccountUpdate(platform, event.data.object);
  } else if (event.type === "checkout.session.completed" || event.type === "checkout.session.async_payment_succeeded") {
    const session = event.data.object;
    const tenant = await tenantOfAccount(database, event.account ?? null);
    if (!tenant) log.warn({ eventId, account: event.account }, "stripe: payment for an account no neighbourhood has");
    else if (session.payment_status === "paid" && typeof session.payment_intent === "string") {
      const fee = await stripeFee(payments, session.payment_intent, event.account!).catch((error: unknown) => {
        log.warn({ err: error, eventId }, "stripe: fee not known yet");
        return null;
      });
      const outcome = await recordCheckoutPaid(tenantDb(database, tenant.id), tenant, session.id, { paymentIntent: session.payment_intent, stripeFeeCents: fee }, neighbourhoodUrl(publicUrl, tenant));
      if (outcome === "unknown") log.warn({ eventId, tenant: tenant.slug }, "stripe: paid session unknown to the neighbourhood of its account");
    }
  }
  if (event.type === "payout.paid") {
    const tenant = await tenantOfAccount(database, event.account ?? null);
    if (tenant) await notePayout(payments, tenantDb(database, tenant.id), event.account!, event.data.object.id);
  }
  await platform.updateTable("stripe_events").set({ handled_at: new Date() }).where("id", "=", eventId).execute();
}
