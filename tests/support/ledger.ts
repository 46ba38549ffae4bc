import type { TenantDb } from "~/db/accessors.server";

/** What the ledger holds for one record, oldest first, in the words a test compares. */
export function ledgerOf(db: TenantDb, recordId: string) {
  return db
    .selectFrom("ledger_entries")
    .select(["purpose", "kind", "method", "amount_cents", "reason"])
    .where("record_id", "=", recordId)
    .orderBy("occurred_at")
    .orderBy("kind")
    .execute();
}
