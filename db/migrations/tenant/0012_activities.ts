import { type Kysely, sql } from "kysely";

// Activities (walks, courses, the neighbourhood meal) and their dates. A series is stored as its
// iCalendar rule on the activity and as one row per date, because every date has its own places,
// sign-ups and can be cancelled on its own. `places_taken` counts the confirmed people (with their
// guests) of a date; the check keeps it within the capacity whatever the code does, and signing up
// locks the date's row, so two people cannot both take the last place.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("activities")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("location", "text")
    .addColumn("schedule_rule", "text", (c) => c.notNull())
    .addColumn("starts_at", "time", (c) => c.notNull())
    .addColumn("ends_at", "time", (c) => c.notNull())
    .addColumn("capacity", "integer", (c) => c.notNull().check(sql`capacity between 1 and 500`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("created_by", "uuid")
    .addCheckConstraint("activities_end_after_start", sql`ends_at > starts_at`)
    .execute();

  await db.schema
    .createTable("activity_dates")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("activity_id", "uuid", (c) => c.notNull().references("activities.id").onDelete("cascade"))
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("starts_at", "time", (c) => c.notNull())
    .addColumn("ends_at", "time", (c) => c.notNull())
    .addColumn("capacity", "integer", (c) => c.notNull().check(sql`capacity between 1 and 500`))
    .addColumn("places_taken", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("cancel_reason", "text")
    .addUniqueConstraint("activity_dates_once_a_day", ["activity_id", "day"])
    .addCheckConstraint("activity_dates_within_capacity", sql`places_taken between 0 and capacity`)
    .addCheckConstraint("activity_dates_end_after_start", sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex("activity_dates_day").on("activity_dates").column("day").execute();

  await db.schema
    .createTable("activity_signups")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("date_id", "uuid", (c) => c.notNull().references("activity_dates.id").onDelete("cascade"))
    // A sign-up is about a person; when they erase their data it goes with them.
    .addColumn("member_id", "uuid", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("guests", "integer", (c) => c.notNull().defaultTo(0).check(sql`guests between 0 and 10`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('confirmed', 'waiting')`))
    // The waiting list is served in this order; clock_timestamp differs within one transaction too.
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn("promoted_at", "timestamptz")
    .addUniqueConstraint("activity_signups_once", ["date_id", "member_id"])
    .execute();
  await db.schema.createIndex("activity_signups_member").on("activity_signups").column("member_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["activity_signups", "activity_dates", "activities"]) {
    await db.schema.dropTable(table).execute();
  }
}
