import { type Kysely, sql } from "kysely";

// Repairs at cost price: an item brought in (online or at the desk), its photos, the fixers on it,
// the parts used, and how it ended, in the categories of the Open Repair Data Standard (ORDS).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("repairs")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The number to say at the desk ("reparatie 12").
    .addColumn("number", "integer", (c) => c.notNull().unique().generatedByDefaultAsIdentity())
    // Set to null when the resident erases their data; the repair stays for the numbers.
    .addColumn("member_id", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('bicycle', 'appliance', 'textile', 'furniture', 'other')`))
    .addColumn("brand", "text")
    .addColumn("fault", "text", (c) => c.notNull())
    .addColumn("learn_myself", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("registered").check(sql`status in ('registered', 'planned', 'in_progress', 'waiting_for_parts', 'done', 'collected', 'cancelled')`),
    )
    .addColumn("planned_on", "date")
    .addColumn("outcome", "text", (c) => c.check(sql`outcome in ('repaired', 'advice_given', 'not_repairable')`))
    .addColumn("product_category", "text")
    .addColumn("repair_barrier", "text")
    .addColumn("year_of_manufacture", "integer", (c) => c.check(sql`year_of_manufacture between 1850 and 2200`))
    // What the fixer found, in their own words, without names: it goes into the ORDS export.
    .addColumn("problem", "text")
    .addColumn("contribution_cents", "integer", (c) => c.check(sql`contribution_cents >= 0`))
    .addColumn("contribution_payment", "text", (c) => c.check(sql`contribution_payment in ('cash', 'waived')`))
    .addColumn("waived_reason", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("created_by", "uuid")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("done_at", "timestamptz")
    .addColumn("collected_at", "timestamptz")
    .addCheckConstraint("repairs_outcome_when_done", sql`status not in ('done', 'collected') or (outcome is not null and done_at is not null)`)
    .addCheckConstraint("repairs_barrier_only_end_of_life", sql`repair_barrier is null or outcome = 'not_repairable'`)
    .addCheckConstraint("repairs_waived_reason", sql`contribution_payment is distinct from 'waived' or waived_reason is not null`)
    .execute();
  await db.schema.createIndex("repairs_member").on("repairs").column("member_id").execute();
  await db.schema.createIndex("repairs_status").on("repairs").columns(["status", "created_at"]).execute();

  await db.schema
    .createTable("repair_fixers")
    .addColumn("repair_id", "uuid", (c) => c.notNull().references("repairs.id").onDelete("cascade"))
    .addColumn("member_id", "uuid", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("repair_fixers_pkey", ["repair_id", "member_id"])
    .execute();
  await db.schema.createIndex("repair_fixers_member").on("repair_fixers").column("member_id").execute();

  await db.schema
    .createTable("repair_parts")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("repair_id", "uuid", (c) => c.notNull().references("repairs.id").onDelete("cascade"))
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("cost_cents", "integer", (c) => c.notNull().check(sql`cost_cents >= 0`))
    .addColumn("added_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("repair_parts_repair").on("repair_parts").column("repair_id").execute();

  await db.schema
    .createTable("repair_photos")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("repair_id", "uuid", (c) => c.notNull().references("repairs.id").onDelete("cascade"))
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("repair_photos_repair").on("repair_photos").column("repair_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["repair_photos", "repair_parts", "repair_fixers", "repairs"]) {
    await db.schema.dropTable(table).execute();
  }
}
