import { type Kysely, sql } from "kysely";

// A reduced tariff (decision 0014): a coordinator lets a person pay a share of every amount, down to
// nothing, with a reason and an end date. They pay what applies on the same pages as everyone; the
// rest goes into the ledger as waived, marked as coming from a tariff so that only coordinators
// read why.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("tariffs")
    // One tariff per person at a time: a new one replaces the old.
    .addColumn("member_id", "uuid", (c) => c.primaryKey().references("members.id").onDelete("cascade"))
    .addColumn("pays_percent", "integer", (c) => c.notNull().check(sql`pays_percent between 0 and 99`))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`char_length(reason) between 1 and 300`))
    .addColumn("ends_on", "date", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.alterTable("ledger_entries").addColumn("tariff", "boolean", (c) => c.notNull().defaultTo(false)).execute();
  await db.schema.alterTable("ledger_entries").addCheckConstraint("ledger_entries_tariff_is_waiver", sql`not tariff or kind = 'waiver'`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("ledger_entries").dropConstraint("ledger_entries_tariff_is_waiver").execute();
  await db.schema.alterTable("ledger_entries").dropColumn("tariff").execute();
  await db.schema.dropTable("tariffs").execute();
}
