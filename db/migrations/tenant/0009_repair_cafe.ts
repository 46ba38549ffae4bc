import { type Kysely, sql } from "kysely";

// Repair café sessions: a coordinator plans a session on a day, from a start to an end time, cut
// into slots of a fixed length; each slot has as many places as there are fixers. A resident books
// one place. `repair_cafe_bookings_place` (one row per slot and place number) makes it impossible
// for two people to get the same place, however many book at once; `repair_cafe_bookings_once`
// allows one booking per person per session.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("repair_cafe_sessions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("starts_at", "time", (c) => c.notNull())
    .addColumn("ends_at", "time", (c) => c.notNull())
    .addColumn("slot_minutes", "integer", (c) => c.notNull().check(sql`slot_minutes between 5 and 120`))
    .addColumn("places", "integer", (c) => c.notNull().check(sql`places between 1 and 20`))
    .addColumn("location", "text")
    .addColumn("description", "text")
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("cancelled_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("created_by", "uuid")
    .addCheckConstraint("repair_cafe_sessions_end_after_start", sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex("repair_cafe_sessions_day").on("repair_cafe_sessions").column("day").execute();

  await db.schema
    .createTable("repair_cafe_slots")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("session_id", "uuid", (c) => c.notNull().references("repair_cafe_sessions.id").onDelete("cascade"))
    .addColumn("starts_at", "time", (c) => c.notNull())
    .addColumn("ends_at", "time", (c) => c.notNull())
    .addColumn("capacity", "integer", (c) => c.notNull().check(sql`capacity between 1 and 20`))
    .addUniqueConstraint("repair_cafe_slots_start", ["session_id", "starts_at"])
    .addCheckConstraint("repair_cafe_slots_end_after_start", sql`ends_at > starts_at`)
    .execute();

  await db.schema
    .createTable("repair_cafe_bookings")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("slot_id", "uuid", (c) => c.notNull().references("repair_cafe_slots.id").onDelete("cascade"))
    // Copied from the slot, for the one-booking-per-session rule below.
    .addColumn("session_id", "uuid", (c) => c.notNull().references("repair_cafe_sessions.id").onDelete("cascade"))
    // A booking is about a person; when they erase their data it goes with them.
    .addColumn("member_id", "uuid", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("repair_id", "uuid", (c) => c.references("repairs.id").onDelete("set null"))
    // Which of the slot's places (1 up to its capacity) this booking holds.
    .addColumn("place_no", "integer", (c) => c.notNull().check(sql`place_no between 1 and 20`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("repair_cafe_bookings_place", ["slot_id", "place_no"])
    .addUniqueConstraint("repair_cafe_bookings_once", ["session_id", "member_id"])
    .execute();
  await db.schema.createIndex("repair_cafe_bookings_member").on("repair_cafe_bookings").column("member_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["repair_cafe_bookings", "repair_cafe_slots", "repair_cafe_sessions"]) {
    await db.schema.dropTable(table).execute();
  }
}
