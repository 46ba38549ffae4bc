import { type Kysely, sql } from "kysely";

// The desk closes its day by counting the cash box against what the ledger says came in and went
// out in cash that day; a difference needs a note (decision 0014).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("cash_counts")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // One count closes one day; a second (a re-sent form) is refused by this key.
    .addColumn("day", "date", (c) => c.notNull().unique())
    .addColumn("expected_cents", "integer", (c) => c.notNull())
    .addColumn("counted_cents", "integer", (c) => c.notNull().check(sql`counted_cents between 0 and 10000000`))
    .addColumn("note", "text", (c) => c.check(sql`char_length(note) between 1 and 500`))
    .addColumn("counted_by", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("counted_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("cash_counts_difference_explained", sql`counted_cents = expected_cents or note is not null`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("cash_counts").execute();
}
