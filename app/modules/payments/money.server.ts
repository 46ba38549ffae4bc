import { sql } from "kysely";
import { z } from "zod";
import type { TenantDb } from "~/db/accessors.server";
import { csvLine, plainText } from "~/csv";
import { addDays, isIsoDay, TIME_ZONE } from "~/dates";
import { requiredText } from "~/forms";
import { euroCentsSchema } from "~/money";
import type { OnlinePayments } from "./stripe.server";
import type { LedgerModule, Purpose, RecordType } from "./tables";

// What coordinators and the desk see of the ledger: totals, the month's entries, the bookkeeper's
// CSV, refunds, and the desk's cash count at the end of a day.

type Result<T extends object = object> = ({ ok: true } & T) | { ok: false; field: string; error: string };
const problem = (field: string, error: string) => ({ ok: false as const, field, error });

/** The calendar day (Amsterdam) a ledger entry happened on, to compare with days. */
const dayOf = sql<string>`(ledger_entries.occurred_at at time zone ${TIME_ZONE})::date`;
/** The same day as "YYYY-MM-DD", to show (a date column would come back as a Date). */
const dayText = sql<string>`((ledger_entries.occurred_at at time zone ${TIME_ZONE})::date)::text`;

/** A month as "YYYY-MM"; anything else falls back to `fallback`. */
export function monthParam(value: string | null, fallback: string): string {
  return value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : fallback;
}

/** The first and the day after the last day of a month. */
export function monthBounds(month: string): { from: string; until: string } {
  const [year, number] = month.split("-").map(Number) as [number, number];
  const next = number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, "0")}`;
  return { from: `${month}-01`, until: `${next}-01` };
}

/** Money in, money back and forgiven, summed over some entries. */
const sums = [
  sql<number>`coalesce(sum(amount_cents) filter (where kind = 'payment' and method = 'cash'), 0)::int`.as("cash"),
  sql<number>`coalesce(sum(amount_cents) filter (where kind = 'payment' and method = 'online'), 0)::int`.as("online"),
  sql<number>`coalesce(sum(amount_cents) filter (where kind = 'refund'), 0)::int`.as("refunded"),
  sql<number>`coalesce(sum(amount_cents) filter (where kind = 'waiver'), 0)::int`.as("waived"),
  sql<number>`coalesce(sum(stripe_fee_cents), 0)::int`.as("fees"),
] as const;

/** Per month of a year: cash and online received, refunded, waived and Stripe's fees. */
export function monthTotals(db: TenantDb, year: number) {
  return db
    .selectFrom("ledger_entries")
    .select([sql<string>`to_char(${dayOf}, 'YYYY-MM')`.as("month"), ...sums])
    .where(dayOf, ">=", sql<string>`${`${year}-01-01`}::date`)
    .where(dayOf, "<", sql<string>`${`${year + 1}-01-01`}::date`)
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
}

/** Per module, for one month. */
export function moduleTotals(db: TenantDb, month: string) {
  const { from, until } = monthBounds(month);
  return db
    .selectFrom("ledger_entries")
    .select(["module", ...sums])
    .where(dayOf, ">=", sql<string>`${from}::date`)
    .where(dayOf, "<", sql<string>`${until}::date`)
    .groupBy("module")
    .orderBy("module")
    .execute();
}

/** Every entry of one month, newest first, with what is left to give back of each payment. */
export function entriesOf(db: TenantDb, month: string) {
  const { from, until } = monthBounds(month);
  return db
    .selectFrom("ledger_entries")
    .leftJoin("members as recorder", "recorder.id", "ledger_entries.recorded_by")
    .select((eb) => [
      "ledger_entries.id",
      "ledger_entries.occurred_at",
      dayText.as("day"),
      "ledger_entries.module",
      "ledger_entries.purpose",
      "ledger_entries.kind",
      "ledger_entries.method",
      "ledger_entries.amount_cents",
      "ledger_entries.reason",
      "ledger_entries.description",
      "recorder.name as recorded_by_name",
      eb
        .selectFrom("ledger_entries as refund")
        .select(sql<number>`coalesce(sum(refund.amount_cents), 0)::int`.as("refunded"))
        .whereRef("refund.record_type", "=", "ledger_entries.record_type")
        .whereRef("refund.record_id", "=", "ledger_entries.record_id")
        .whereRef("refund.purpose", "=", "ledger_entries.purpose")
        .where("refund.kind", "=", "refund")
        .as("refunded_of_record"),
    ])
    .where(dayOf, ">=", sql<string>`${from}::date`)
    .where(dayOf, "<", sql<string>`${until}::date`)
    .orderBy("ledger_entries.occurred_at", "desc")
    .limit(2000)
    .execute();
}

const moduleNames: Record<LedgerModule, string> = {
  tool_library: "Gereedschap lenen",
  repairs: "Reparaties",
  home_jobs: "Klussen",
  kitchen: "Keuken",
  activities: "Activiteiten",
};
const kindNames = { payment: "betaald", refund: "terugbetaald", waiver: "kwijtgescholden" } as const;
const methodNames = { cash: "contant", online: "online" } as const;
const euros = (cents: number | null) => (cents === null ? null : (cents / 100).toFixed(2).replace(".", ","));

export const csvColumns = ["datum", "onderdeel", "waarvoor", "soort", "methode", "bruto", "stripe_kosten", "netto", "uitbetaling", "reden"] as const;

/**
 * The ledger from `from` up to `until` (days, `until` not included) for the bookkeeper, in Dutch
 * with decimal commas: a refund is a negative amount, a waiver moves no money (gross 0; what was
 * forgiven is in the reason's row, as its own column would be added up by mistake).
 */
export async function ledgerCsv(db: TenantDb, from: string, until: string): Promise<string> {
  const rows = await db
    .selectFrom("ledger_entries")
    .select([dayText.as("day"), "module", "description", "kind", "method", "amount_cents", "stripe_fee_cents", "stripe_payout", "reason"])
    .where(dayOf, ">=", sql<string>`${from}::date`)
    .where(dayOf, "<", sql<string>`${until}::date`)
    .orderBy("occurred_at")
    .execute();
  let csv = csvLine([...csvColumns]);
  for (const row of rows) {
    const gross = row.kind === "payment" ? row.amount_cents : row.kind === "refund" ? -row.amount_cents : 0;
    const fee = row.stripe_fee_cents ?? 0;
    const reason = row.kind === "waiver" ? `${euros(row.amount_cents)} kwijtgescholden: ${row.reason ?? ""}` : row.reason;
    csv += csvLine([
      row.day,
      moduleNames[row.module],
      plainText(row.description),
      kindNames[row.kind],
      row.method ? methodNames[row.method] : null,
      euros(gross),
      euros(fee),
      euros(gross - fee),
      row.stripe_payout,
      plainText(reason),
    ]);
  }
  return csv;
}

/** The CSV's period from the query string: a month ("maand=2026-11") or this month. */
export function csvPeriod(url: URL, thisMonth: string): { from: string; until: string; month: string } {
  const month = monthParam(url.searchParams.get("maand"), thisMonth);
  return { ...monthBounds(month), month };
}

// ---------------------------------------------------------------------------------------------
// Refunds

export const refundSchema = z.object({
  entryId: z.uuid({ error: "refund_entry_unknown" }),
  amount: euroCentsSchema.refine((cents) => cents !== null && cents > 0, "refund_amount_required"),
  reason: requiredText(300, "reason_required"),
});

/** A payment with what is left to give back of it, for the refund page; null when there is no such payment. */
export async function paymentForRefund(db: TenantDb, entryId: string) {
  const payment = await db
    .selectFrom("ledger_entries")
    .select(["id", "occurred_at", dayText.as("day"), "module", "purpose", "method", "amount_cents", "description", "record_type", "record_id"])
    .where("id", "=", entryId)
    .where("kind", "=", "payment")
    .executeTakeFirst();
  if (!payment) return null;
  const refunded = await db
    .selectFrom("ledger_entries")
    .select(sql<number>`coalesce(sum(amount_cents), 0)::int`.as("cents"))
    .where("record_type", "=", payment.record_type)
    .where("record_id", "=", payment.record_id)
    .where("purpose", "=", payment.purpose)
    .where("kind", "=", "refund")
    .executeTakeFirstOrThrow();
  return { ...payment, leftCents: payment.amount_cents - refunded.cents };
}

/** Stripe, and the neighbourhood's connected account, to give back what was paid online. */
export interface RefundOnline {
  payments: OnlinePayments;
  accountId: string;
}

/**
 * A coordinator gives back (part of) a payment, with a reason: at most what was paid for that record
 * and purpose minus what was given back before. Cash is given back at the desk; an online payment is
 * refunded by Stripe (an idempotency key per payment and amount already refunded, so a retry never
 * refunds twice). The payment's row is locked, so two coordinators at once cannot give back more
 * than was paid.
 */
export async function refundPayment(db: TenantDb, input: z.output<typeof refundSchema>, actor: string, online: RefundOnline | null): Promise<Result<{ refundedCents: number }>> {
  return db.transaction().execute(async (trx) => {
    const payment = await trx.selectFrom("ledger_entries").selectAll().where("id", "=", input.entryId).where("kind", "=", "payment").forUpdate().executeTakeFirst();
    if (!payment) return problem("entryId", "refund_entry_unknown");
    if (payment.method === "online" && !online) return problem("entryId", "refund_online_unavailable");
    const refunded = await trx
      .selectFrom("ledger_entries")
      .select(sql<number>`coalesce(sum(amount_cents), 0)::int`.as("cents"))
      .where("record_type", "=", payment.record_type)
      .where("record_id", "=", payment.record_id)
      .where("purpose", "=", payment.purpose)
      .where("kind", "=", "refund")
      .executeTakeFirstOrThrow();
    const amount = input.amount!;
    if (amount > payment.amount_cents - refunded.cents) return problem("amount", "refund_more_than_paid");
    let stripeRefund: string | null = null;
    if (payment.method === "online") {
      const refund = await online!.payments.stripe.refunds.create(
        { payment_intent: payment.stripe_payment_intent!, amount, metadata: { ledger_entry: payment.id } },
        { stripeAccount: online!.accountId, idempotencyKey: `refund:${payment.id}:${refunded.cents}:${amount}` },
      );
      stripeRefund = refund.id;
    }
    await trx
      .insertInto("ledger_entries")
      .values({
        module: payment.module,
        record_type: payment.record_type,
        record_id: payment.record_id,
        purpose: payment.purpose,
        kind: "refund",
        method: payment.method,
        amount_cents: amount,
        reason: input.reason,
        description: payment.description,
        member_id: payment.member_id,
        recorded_by: actor,
        stripe_payment_intent: payment.stripe_payment_intent,
        stripe_refund: stripeRefund,
      })
      .execute();
    return { ok: true, refundedCents: amount };
  });
}

/**
 * Gives back online what is left of an online payment for a record's purpose (a deposit when the
 * tool comes back undamaged). Returns the amount given back: 0 when nothing was paid online or all
 * of it was given back already.
 */
export async function returnOnline(db: TenantDb, online: RefundOnline, recordType: RecordType, recordId: string, purpose: Purpose, reason: string, actor: string): Promise<number> {
  const payment = await db
    .selectFrom("ledger_entries")
    .select("id")
    .where("record_type", "=", recordType)
    .where("record_id", "=", recordId)
    .where("purpose", "=", purpose)
    .where("kind", "=", "payment")
    .where("method", "=", "online")
    .executeTakeFirst();
  const left = payment ? ((await paymentForRefund(db, payment.id))?.leftCents ?? 0) : 0;
  if (!payment || left <= 0) return 0;
  const result = await refundPayment(db, { entryId: payment.id, amount: left, reason }, actor, online);
  return result.ok ? result.refundedCents : 0;
}

// ---------------------------------------------------------------------------------------------
// The desk's cash count

/** What should be in the cash box from one day: cash received minus cash given back. */
export async function expectedCash(db: TenantDb, day: string): Promise<number> {
  const row = await db
    .selectFrom("ledger_entries")
    .select(sql<number>`coalesce(sum(case kind when 'payment' then amount_cents else -amount_cents end), 0)::int`.as("cents"))
    .where("method", "=", "cash")
    .where(dayOf, "=", sql<string>`${day}::date`)
    .executeTakeFirstOrThrow();
  return row.cents;
}

export const cashCountSchema = z.object({
  day: z.string().refine(isIsoDay, "day_invalid"),
  counted: euroCentsSchema.refine((cents) => cents !== null, "cash_counted_required"),
  note: z
    .string()
    .trim()
    .max(500, "text_too_long")
    .optional()
    .transform((v) => v || null),
});

/**
 * The desk closes a day: the counted cash against what the ledger expects, worked out again here
 * (never taken from the form). A difference needs a note. A day is closed once.
 */
export async function closeDay(db: TenantDb, input: z.output<typeof cashCountSchema>, actor: string, today: string): Promise<Result<{ differenceCents: number }>> {
  if (input.day > today) return problem("day", "cash_day_in_future");
  if (input.day < addDays(today, -31)) return problem("day", "cash_day_too_old");
  const expected = await expectedCash(db, input.day);
  const counted = input.counted!;
  if (counted !== expected && !input.note) return problem("note", "cash_difference_needs_note");
  const saved = await db
    .insertInto("cash_counts")
    .values({ day: input.day, expected_cents: expected, counted_cents: counted, note: input.note, counted_by: actor })
    .onConflict((conflict) => conflict.column("day").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!saved) return problem("day", "cash_day_closed");
  return { ok: true, differenceCents: counted - expected };
}

/** The last counts, newest first. */
export function cashCounts(db: TenantDb, limit = 31) {
  return db
    .selectFrom("cash_counts")
    .leftJoin("members", "members.id", "cash_counts.counted_by")
    .select([
      "cash_counts.id",
      sql<string>`cash_counts.day::text`.as("day"),
      "cash_counts.expected_cents",
      "cash_counts.counted_cents",
      "cash_counts.note",
      "members.name as counted_by_name",
    ])
    .orderBy("cash_counts.day", "desc")
    .limit(limit)
    .execute();
}
