import { sql } from "kysely";
import type Stripe from "stripe";
import type { Logger } from "pino";
import { platformDb, tenantDb, type TenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { addDays, localToday, TIME_ZONE } from "~/dates";
import type { JobQueue } from "~/modules/jobs/job-queue.server";
import type { OnlinePayments } from "./stripe.server";
import type { StripeDifference } from "./tables";

// The nightly comparison of a neighbourhood's ledger with Stripe's balance transactions of its
// account (decision 0014): every online payment and refund should be in both, with the same amount.

/** How many days back each night's comparison looks. */
export const COMPARE_DAYS = 7;

/** Midnight in Amsterdam at the start of `day`, as a moment. */
async function startOf(db: TenantDb, day: string): Promise<Date> {
  const { at } = await db
    .selectNoFrom(sql<Date>`(${day}::date)::timestamp at time zone ${TIME_ZONE}`.as("at"))
    .executeTakeFirstOrThrow();
  return at;
}
const seconds = (moment: Date) => Math.floor(moment.getTime() / 1000);

/** Stripe's side: per payment intent the amount charged, per refund the amount given back. */
async function stripeSide(payments: OnlinePayments, accountId: string, from: Date, until: Date): Promise<Map<string, number>> {
  const transactions = await payments.stripe.balanceTransactions
    .list({ created: { gte: seconds(from), lt: seconds(until) }, limit: 100, expand: ["data.source"] }, { stripeAccount: accountId })
    .autoPagingToArray({ limit: 10_000 });
  const amounts = new Map<string, number>();
  for (const transaction of transactions) {
    const source = transaction.source;
    if (!source || typeof source === "string") continue;
    if (source.object === "charge") {
      const intent = (source as Stripe.Charge).payment_intent;
      const key = typeof intent === "string" ? intent : intent?.id;
      if (key) amounts.set(key, (amounts.get(key) ?? 0) + transaction.amount);
    } else if (source.object === "refund") {
      amounts.set(source.id, (amounts.get(source.id) ?? 0) - transaction.amount);
    }
  }
  return amounts;
}

/** The books' side: online payments per payment intent, online refunds per refund, recorded in the period. */
async function ledgerSide(db: TenantDb, from: Date, until: Date): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("ledger_entries")
    .select([
      sql<string>`case kind when 'refund' then stripe_refund else stripe_payment_intent end`.as("reference"),
      sql<number>`sum(amount_cents)::int`.as("cents"),
    ])
    .where("method", "=", "online")
    .where("kind", "in", ["payment", "refund"])
    .where("occurred_at", ">=", from)
    .where("occurred_at", "<", until)
    .groupBy(sql`1`)
    .execute();
  return new Map(rows.filter((row) => row.reference).map((row) => [row.reference, row.cents]));
}

/**
 * Compares the days from `fromDay` up to `untilDay` (not included). Each side is looked up in the
 * other over a day more on both ends, so a payment made just before midnight and recorded just
 * after is not a difference.
 */
export async function compareWithStripe(payments: OnlinePayments, db: TenantDb, accountId: string, fromDay: string, untilDay: string): Promise<StripeDifference[]> {
  const [from, until, wideFrom, wideUntil] = await Promise.all([startOf(db, fromDay), startOf(db, untilDay), startOf(db, addDays(fromDay, -1)), startOf(db, addDays(untilDay, 1))]);
  const [stripe, wideStripe, books, wideBooks] = await Promise.all([
    stripeSide(payments, accountId, from, until),
    stripeSide(payments, accountId, wideFrom, wideUntil),
    ledgerSide(db, from, until),
    ledgerSide(db, wideFrom, wideUntil),
  ]);
  const differences: StripeDifference[] = [];
  for (const [reference, stripeCents] of stripe) {
    const ledgerCents = wideBooks.get(reference) ?? null;
    if (ledgerCents === null) differences.push({ kind: "not_in_books", reference, stripeCents, ledgerCents });
    else if (ledgerCents !== stripeCents) differences.push({ kind: "amount_differs", reference, stripeCents, ledgerCents });
  }
  for (const [reference, ledgerCents] of books) {
    if (!wideStripe.has(reference)) differences.push({ kind: "not_at_stripe", reference, stripeCents: null, ledgerCents });
  }
  return differences;
}

/**
 * Notes in the ledger which payout took each online payment and refund (the bookkeeper's payout
 * column): for each payout, Stripe lists the balance transactions it took. Returns how many lines
 * were noted; a line keeps the first payout noted for it.
 */
export async function notePayout(payments: OnlinePayments, db: TenantDb, accountId: string, payoutId: string): Promise<number> {
  const transactions = await payments.stripe.balanceTransactions
    .list({ payout: payoutId, limit: 100, expand: ["data.source"] }, { stripeAccount: accountId })
    .autoPagingToArray({ limit: 10_000 });
  const intents: string[] = [];
  const refunds: string[] = [];
  for (const transaction of transactions) {
    const source = transaction.source;
    if (!source || typeof source === "string") continue;
    if (source.object === "charge") {
      const intent = (source as Stripe.Charge).payment_intent;
      const id = typeof intent === "string" ? intent : intent?.id;
      if (id) intents.push(id);
    } else if (source.object === "refund") refunds.push(source.id);
  }
  if (intents.length === 0 && refunds.length === 0) return 0;
  const noted = await db
    .updateTable("ledger_entries")
    .set({ stripe_payout: payoutId })
    .where("stripe_payout", "is", null)
    .where("method", "=", "online")
    .where((eb) =>
      eb.or([
        ...(intents.length ? [eb.and([eb("kind", "=", "payment"), eb("stripe_payment_intent", "in", intents)])] : []),
        ...(refunds.length ? [eb.and([eb("kind", "=", "refund"), eb("stripe_refund", "in", refunds)])] : []),
      ]),
    )
    .executeTakeFirst();
  return Number(noted.numUpdatedRows);
}

/** The payouts of the last days, each noted in the ledger (a payout whose event was missed is caught here). */
async function notePayoutsSince(payments: OnlinePayments, db: TenantDb, accountId: string, since: Date): Promise<void> {
  const payouts = await payments.stripe.payouts.list({ created: { gte: seconds(since) }, status: "paid", limit: 100 }, { stripeAccount: accountId }).autoPagingToArray({ limit: 1000 });
  for (const payout of payouts) await notePayout(payments, db, accountId, payout.id);
}

/** Runs the comparison for one neighbourhood over the last days and keeps the report. */
export async function compareNeighbourhood(database: Database, payments: OnlinePayments, tenantId: string, today: string): Promise<StripeDifference[] | null> {
  const account = await platformDb(database).selectFrom("stripe_accounts").select("account_id").where("tenant_id", "=", tenantId).executeTakeFirst();
  if (!account) return null;
  const db = tenantDb(database, tenantId);
  const fromDay = addDays(today, -COMPARE_DAYS);
  await notePayoutsSince(payments, db, account.account_id, await startOf(db, fromDay));
  const differences = await compareWithStripe(payments, db, account.account_id, fromDay, today);
  await db.insertInto("stripe_comparisons").values({ period_from: fromDay, period_until: today, differences: JSON.stringify(differences) }).execute();
  return differences;
}

/** The newest comparison, for the coordinators. */
export async function latestComparison(db: TenantDb) {
  return (
    (await db
      .selectFrom("stripe_comparisons")
      .select(["ran_at", sql<string>`period_from::text`.as("from"), sql<string>`(period_until - 1)::text`.as("to"), "differences"])
      .orderBy("ran_at", "desc")
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

export const DAILY_STRIPE_COMPARISON = "stripe-compare";
export const NEIGHBOURHOOD_STRIPE_COMPARISON = "stripe-compare-for-neighbourhood";

/** Every night at 04:30: one comparison job per neighbourhood with a Stripe account, retried on its own. */
export async function scheduleStripeComparison(boss: JobQueue, database: Database, payments: OnlinePayments, log: Logger): Promise<void> {
  await boss.createQueue(DAILY_STRIPE_COMPARISON);
  await boss.createQueue(NEIGHBOURHOOD_STRIPE_COMPARISON);
  await boss.schedule(DAILY_STRIPE_COMPARISON, "30 4 * * *", {}, { tz: TIME_ZONE });
  await boss.work(DAILY_STRIPE_COMPARISON, async () => {
    const today = localToday();
    const accounts = await platformDb(database).selectFrom("stripe_accounts").select("tenant_id").execute();
    for (const { tenant_id } of accounts) await boss.send(NEIGHBOURHOOD_STRIPE_COMPARISON, { tenantId: tenant_id, today }, { retryLimit: 5, retryBackoff: true });
  });
  await boss.work<{ tenantId: string; today: string }>(NEIGHBOURHOOD_STRIPE_COMPARISON, async (jobs) => {
    for (const job of jobs) {
      const differences = await compareNeighbourhood(database, payments, job.data.tenantId, job.data.today);
      if (differences?.length) log.warn({ tenantId: job.data.tenantId, differences: differences.length }, "stripe: the ledger and Stripe differ");
    }
  });
}
