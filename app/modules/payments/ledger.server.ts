import { type ExpressionBuilder, type Insertable, sql } from "kysely";
import type { TenantDb } from "~/db/accessors.server";
import type { TenantTables } from "~/db/tables";
import { ERASED_ON_REQUEST } from "~/modules/members/members.server";
import type { LedgerEntriesTable, LedgerModule, Purpose, RecordType, Settlement } from "./tables";
import { applyTariff, tariffOf, tariffWaiverReason } from "./tariffs.server";

/**
 * The one ledger of a neighbourhood's money (decision 0014). Modules do not keep payment columns
 * of their own: they write here, in the same transaction as the change that made money due, and
 * read back how something was settled with the expressions below.
 */

/** An amount one record asks for: what the module knows, in euro cents, taken from the record. */
export interface AmountDue {
  module: LedgerModule;
  recordType: RecordType;
  recordId: string;
  purpose: Purpose;
  amountCents: number;
  /** What it is for, without personal data: the bookkeeper reads it ("Lening 12: Boormachine"). */
  description: string;
  memberId: string | null;
}

/** How the desk settled an amount: received in cash, or waived (with a reason). */
export type DeskSettlement = "cash" | "waived";

type Db = Pick<TenantDb, "insertInto" | "selectFrom" | "updateTable">;

/**
 * The desk received an amount in cash, or waived it with a reason. A person with a reduced tariff
 * pays their share in cash and the rest is waived with the tariff's reason. Receiving nothing is
 * not written; waiving is, whatever the amount (that someone did not pay is the fact). Settling the
 * same thing twice (a re-sent form) keeps the first: the ledger's unique index refuses a second
 * payment or waiver for one record and purpose.
 */
export async function settleAtDesk(db: Db, due: AmountDue, how: DeskSettlement, reason: string | null, actor: string | null): Promise<void> {
  const entry = { module: due.module, record_type: due.recordType, record_id: due.recordId, purpose: due.purpose, description: due.description, member_id: due.memberId, recorded_by: actor };
  const once = (insert: Insertable<LedgerEntriesTable>) =>
    db
      .insertInto("ledger_entries")
      .values(insert)
      .onConflict((conflict) => conflict.columns(["record_type", "record_id", "purpose", "kind"]).where("kind", "<>", "refund").doNothing())
      .execute();
  if (how === "waived") {
    await once({ ...entry, kind: "waiver", method: null, amount_cents: due.amountCents, reason });
    return;
  }
  const tariff = await tariffOf(db, due.memberId);
  const { pays, waived } = applyTariff(due.amountCents, tariff);
  if (pays > 0) await once({ ...entry, kind: "payment", method: "cash", amount_cents: pays, reason: null });
  if (tariff && waived > 0) await once({ ...entry, kind: "waiver", method: null, amount_cents: waived, reason: tariffWaiverReason(tariff), tariff: true });
}

/** What a person pays of an amount at the desk today (all of it, or their reduced tariff's share). */
export async function payableAtDesk(db: Pick<TenantDb, "selectFrom">, memberId: string | null, amountCents: number): Promise<number> {
  return applyTariff(amountCents, await tariffOf(db, memberId)).pays;
}

/**
 * Gives back in cash what was paid in cash for a record's purpose (a deposit when the tool comes
 * back). Returns the amount given back: nothing when nothing was held, or it was already returned.
 */
export async function returnCash(db: Db, recordType: RecordType, recordId: string, purpose: Purpose, reason: string, actor: string | null): Promise<number> {
  const held = await db
    .selectFrom("ledger_entries")
    .select([
      "module",
      "description",
      "member_id",
      sql<number>`coalesce(sum(amount_cents) filter (where kind = 'payment' and method = 'cash'), 0)::int`.as("paid"),
      sql<number>`coalesce(sum(amount_cents) filter (where kind = 'refund'), 0)::int`.as("refunded"),
    ])
    .where("record_type", "=", recordType)
    .where("record_id", "=", recordId)
    .where("purpose", "=", purpose)
    .groupBy(["module", "description", "member_id"])
    .executeTakeFirst();
  const amount = held ? held.paid - held.refunded : 0;
  if (!held || amount <= 0) return 0;
  await db
    .insertInto("ledger_entries")
    .values({
      module: held.module,
      record_type: recordType,
      record_id: recordId,
      purpose,
      kind: "refund",
      method: "cash",
      amount_cents: amount,
      reason,
      description: held.description,
      member_id: held.member_id,
      recorded_by: actor,
    })
    .execute();
  return amount;
}

type Eb<DB extends TenantTables> = ExpressionBuilder<DB, keyof DB>;

function entriesFor<DB extends TenantTables>(eb: Eb<DB>, recordType: RecordType, recordIdColumn: string, purpose: Purpose) {
  // The query around may have joined more tables; the ledger is the same table in it.
  return (eb as unknown as Eb<TenantTables>)
    .selectFrom("ledger_entries")
    .where("ledger_entries.record_type", "=", recordType)
    .where("ledger_entries.record_id", "=", sql.ref<string>(recordIdColumn))
    .where("ledger_entries.purpose", "=", purpose);
}

/** How a record's purpose was settled ("cash", "online" or "waived"), for a select list; a payment wins over a waiver of the rest. */
export function settledHow<DB extends TenantTables>(eb: Eb<DB>, recordType: RecordType, recordIdColumn: string, purpose: Purpose) {
  return entriesFor(eb, recordType, recordIdColumn, purpose)
    .select(sql<Settlement>`coalesce(ledger_entries.method, 'waived')`.as("how"))
    .where("ledger_entries.kind", "<>", "refund")
    .orderBy(sql`ledger_entries.kind = 'waiver'`)
    .limit(1);
}

/** Why the desk waived a record's purpose, for a select list; a reduced tariff's reason is for coordinators only. */
export function waiverReason<DB extends TenantTables>(eb: Eb<DB>, recordType: RecordType, recordIdColumn: string, purpose: Purpose) {
  return entriesFor(eb, recordType, recordIdColumn, purpose).select("ledger_entries.reason").where("ledger_entries.kind", "=", "waiver").where("ledger_entries.tariff", "=", false);
}

/** When money for a record's purpose was last given back (a deposit returned), for a select list. */
export function refundedAt<DB extends TenantTables>(eb: Eb<DB>, recordType: RecordType, recordIdColumn: string, purpose: Purpose) {
  return entriesFor(eb, recordType, recordIdColumn, purpose).select((inner) => inner.fn.max("ledger_entries.occurred_at").as("at")).where("ledger_entries.kind", "=", "refund");
}

// ---------------------------------------------------------------------------------------------
// A person's own data

/** Someone's payments, refunds and waivers, for their data export. */
export function paymentsOf(db: TenantDb, memberId: string) {
  return db
    .selectFrom("ledger_entries")
    .select(["occurred_at", "description", "purpose", "kind", "method", "amount_cents", "reason"])
    .where("member_id", "=", memberId)
    .orderBy("occurred_at")
    .execute();
}

/**
 * When someone erases their data the money stays in the books (the amounts are the neighbourhood's
 * accounts), without the link to them or the reason written about them.
 */
export async function forgetPaymentsOf(db: Db, memberId: string): Promise<void> {
  await db
    .updateTable("ledger_entries")
    .set((eb) => ({ member_id: null, reason: eb.case().when("reason", "is not", null).then(ERASED_ON_REQUEST).else(null).end() }))
    .where("member_id", "=", memberId)
    .execute();
}
