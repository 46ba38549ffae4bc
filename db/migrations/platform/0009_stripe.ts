import { type Kysely, sql } from "kysely";

// Online payments through Stripe Connect (decision 0014). Each neighbourhood that connects gets its
// own Stripe account; the platform keeps which account belongs to which neighbourhood and what
// Stripe last said it may do. Webhook events arrive on the platform's domain and are kept once by
// their id, so a replayed or duplicated event is never handled twice.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("stripe_accounts")
    .addColumn("tenant_id", "uuid", (c) => c.primaryKey().references("tenants.id").onDelete("cascade"))
    .addColumn("account_id", "text", (c) => c.notNull().unique())
    .addColumn("details_submitted", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("charges_enabled", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("payouts_enabled", "boolean", (c) => c.notNull().defaultTo(false))
    // The platform's share of each payment, in hundredths of a percent; 0 unless agreed otherwise.
    .addColumn("application_fee_bps", "integer", (c) => c.notNull().defaultTo(0).check(sql`application_fee_bps between 0 and 1000`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("stripe_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    // The connected account the event is about (null for the platform's own events).
    .addColumn("account_id", "text")
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("handled_at", "timestamptz")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("stripe_events").execute();
  await db.schema.dropTable("stripe_accounts").execute();
}
