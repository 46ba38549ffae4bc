import { type Kysely, sql } from "kysely";

// The tool library: tools with photos and a maintenance log, loans (a reservation becomes a loan at
// the desk), the neighbourhood's lending rules and blocked borrowers. See
// docs/decisions/0006-tool-library.md.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("tools")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The number on the sticker: short enough to say at the desk.
    .addColumn("number", "integer", (c) => c.notNull().unique().generatedByDefaultAsIdentity())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("condition", "text", (c) => c.notNull().defaultTo("good").check(sql`condition in ('good', 'fair', 'poor')`))
    .addColumn("location", "text")
    .addColumn("deposit_cents", "integer", (c) => c.check(sql`deposit_cents >= 0`))
    .addColumn("fee_cents", "integer", (c) => c.check(sql`fee_cents >= 0`))
    .addColumn("max_loan_days", "integer", (c) => c.notNull().defaultTo(7).check(sql`max_loan_days between 1 and 90`))
    .addColumn("safety_notes", "text")
    .addColumn("needs_instruction", "boolean", (c) => c.notNull().defaultTo(false))
    // "On loan" is not stored: it follows from the loans below, so it can never disagree with them.
    .addColumn("status", "text", (c) => c.notNull().defaultTo("available").check(sql`status in ('available', 'in_repair', 'retired')`))
    // Dutch stems ("schroeven" finds "schroef") plus the plain words of the name, for prefix search
    // ("boor" finds "boormachine", which the Dutch stemmer would cut to "bor").
    .addColumn("search", sql`tsvector`, (c) =>
      c.generatedAlwaysAs(
        sql`setweight(to_tsvector('dutch', name), 'A') || setweight(to_tsvector('simple', name), 'A') ||
            setweight(to_tsvector('dutch', category), 'B') || setweight(to_tsvector('dutch', coalesce(description, '')), 'C')`,
      ).stored(),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("tools_search").on("tools").using("gin").column("search").execute();
  await db.schema.createIndex("tools_category").on("tools").column("category").execute();

  await db.schema
    .createTable("tool_photos")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("tool_id", "uuid", (c) => c.notNull().references("tools.id").onDelete("cascade"))
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("tool_photos_tool").on("tool_photos").column("tool_id").execute();

  await db.schema
    .createTable("loans")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("tool_id", "uuid", (c) => c.notNull().references("tools.id"))
    // Set to null when the borrower erases their data; the loan stays for the numbers.
    .addColumn("member_id", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('reserved', 'on_loan', 'returned', 'cancelled')`))
    // From the pick-up day up to and including the due day: [start, due + 1).
    .addColumn("period", sql`daterange`, (c) =>
      c
        .notNull()
        .check(sql`not isempty(period) and not lower_inf(period) and not upper_inf(period)`)
        // Kysely has no builder for exclusion constraints; Postgres accepts a table constraint
        // between column definitions, so it is appended to this column. This is the rule that
        // makes double bookings impossible, whatever the application does.
        .modifyEnd(
          sql`, constraint loans_no_overlap exclude using gist (tool_id with =, period with &&) where (status in ('reserved', 'on_loan'))`,
        ),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("created_by", "uuid")
    .addColumn("checked_out_at", "timestamptz")
    .addColumn("checked_out_by", "uuid")
    .addColumn("condition_out", "text")
    .addColumn("returned_at", "timestamptz")
    .addColumn("returned_by", "uuid")
    .addColumn("condition_in", "text")
    .addColumn("deposit_cents", "integer", (c) => c.check(sql`deposit_cents >= 0`))
    .addColumn("deposit_payment", "text", (c) => c.check(sql`deposit_payment in ('cash', 'waived')`))
    .addColumn("deposit_returned_at", "timestamptz")
    .addColumn("fee_cents", "integer", (c) => c.check(sql`fee_cents >= 0`))
    .addColumn("fee_payment", "text", (c) => c.check(sql`fee_payment in ('cash', 'waived')`))
    .addColumn("waived_reason", "text")
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("due_reminder_sent_at", "timestamptz")
    .addColumn("overdue_reminder_sent_at", "timestamptz")
    .addCheckConstraint("loans_checked_out", sql`status not in ('on_loan', 'returned') or checked_out_at is not null`)
    .addCheckConstraint("loans_waived_reason", sql`(deposit_payment is distinct from 'waived' and fee_payment is distinct from 'waived') or waived_reason is not null`)
    .execute();
  await db.schema.createIndex("loans_member").on("loans").column("member_id").execute();
  await db.schema.createIndex("loans_open").on("loans").columns(["status", "period"]).where(sql.ref("status"), "in", ["reserved", "on_loan"]).execute();
  await db.schema.createIndex("loans_checked_out_at").on("loans").column("checked_out_at").execute();

  await db.schema
    .createTable("tool_maintenance")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("tool_id", "uuid", (c) => c.notNull().references("tools.id").onDelete("cascade"))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("member_id", "uuid")
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('note', 'to_repair', 'repaired', 'retired')`))
    .addColumn("note", "text")
    .execute();
  await db.schema.createIndex("tool_maintenance_tool").on("tool_maintenance").columns(["tool_id", "at"]).execute();

  await db.schema
    .createTable("lending_rules")
    .addColumn("id", "integer", (c) => c.primaryKey().defaultTo(1).check(sql`id = 1`))
    // Reservations and loans that are open at the same time, per person.
    .addColumn("max_open_loans", "integer", (c) => c.notNull().defaultTo(3).check(sql`max_open_loans between 1 and 50`))
    .execute();
  await db.insertInto("lending_rules").values({ id: 1 }).execute();

  await db.schema
    .createTable("lending_blocks")
    .addColumn("member_id", "uuid", (c) => c.primaryKey().references("members.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("blocked_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("blocked_by", "uuid")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["lending_blocks", "lending_rules", "tool_maintenance", "loans", "tool_photos", "tools"]) {
    await db.schema.dropTable(table).execute();
  }
}
