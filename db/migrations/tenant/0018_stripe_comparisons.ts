import { type Kysely, sql } from "kysely";

// Every night the ledger's online payments and refunds are compared with Stripe's balance
// transactions of the neighbourhood's account (decision 0014); what differs is kept for the
// coordinators, one report per run.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("stripe_comparisons")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("ran_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("period_from", "date", (c) => c.notNull())
    .addColumn("period_until", "date", (c) => c.notNull())
    // [{ "kind": "not_in_books", "reference": "pi_…", "stripeCents": 250, "ledgerCents": null }, …]
    .addColumn("differences", "jsonb", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("stripe_comparisons_ran_at").on("stripe_comparisons").column("ran_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("stripe_comparisons").execute();
}
