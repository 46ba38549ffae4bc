import { type Kysely, sql } from "kysely";

// A payment started online: one Stripe Checkout Session for one record (a loan's fee and deposit
// together, a repair's contribution…). The amounts were taken from the record when the session was
// made; when Stripe says it is paid, each line becomes a ledger entry (decision 0014).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("checkout_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("module", "text", (c) => c.notNull())
    .addColumn("record_type", "text", (c) => c.notNull())
    .addColumn("record_id", "uuid", (c) => c.notNull())
    // [{ "purpose": "fee", "amountCents": 250 }, …]
    .addColumn("lines", "jsonb", (c) => c.notNull())
    .addColumn("total_cents", "integer", (c) => c.notNull().check(sql`total_cents > 0`))
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("member_id", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open").check(sql`status in ('open', 'paid', 'expired')`))
    .addColumn("payment_intent", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("paid_at", "timestamptz")
    .execute();
  await db.schema.createIndex("checkout_sessions_record").on("checkout_sessions").columns(["record_type", "record_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("checkout_sessions").execute();
}
