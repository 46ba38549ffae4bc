import { type Kysely, sql } from "kysely";

// What a coordinator tells about an activity (kind, category, who it is for, host, price, whether
// people sign up and until when), moving a date, attendance and telling people promoted from the
// waiting list. A walk-in is a sign-up with status 'walk_in': it never takes a place, so a full
// room can still note who came.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("activities")
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("activity").check(sql`kind in ('activity', 'meal')`))
    .addColumn("category", "text", (c) =>
      c.notNull().defaultTo("meeting").check(sql`category in ('meeting', 'exercise', 'learning', 'creative', 'outdoors', 'food')`),
    )
    .addColumn("accessibility", "text")
    .addColumn("audience", "text")
    .addColumn("host_member_id", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("price_cents", "integer", (c) => c.notNull().defaultTo(0).check(sql`price_cents between 0 and 100000`))
    .addColumn("signup_required", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("signup_closes_hours", "integer", (c) => c.notNull().defaultTo(0).check(sql`signup_closes_hours between 0 and 336`))
    .addColumn("archived_at", "timestamptz")
    .execute();

  await db.schema
    .alterTable("activity_dates")
    .addColumn("moved_at", "timestamptz")
    .addColumn("move_reason", "text")
    .execute();

  await db.schema.alterTable("activity_signups").dropConstraint("activity_signups_status_check").execute();
  await db.schema
    .alterTable("activity_signups")
    .addCheckConstraint("activity_signups_status_check", sql`status in ('confirmed', 'waiting', 'walk_in')`)
    .execute();
  await db.schema
    .alterTable("activity_signups")
    // null: not noted yet; true: came; false: did not come.
    .addColumn("attended", "boolean")
    // When the person was told of a place from the waiting list (email queued, or phoned by the desk).
    .addColumn("notified_at", "timestamptz")
    .execute();

  // A personal calendar feed: only the hash of its secret link is kept; a new link revokes the old.
  await db.schema
    .createTable("activity_feed_links")
    .addColumn("member_id", "uuid", (c) => c.primaryKey().references("members.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("activity_feed_links").execute();
  await db.schema.alterTable("activity_signups").dropColumn("attended").dropColumn("notified_at").execute();
  await db.schema.alterTable("activity_signups").dropConstraint("activity_signups_status_check").execute();
  await db.schema
    .alterTable("activity_signups")
    .addCheckConstraint("activity_signups_status_check", sql`status in ('confirmed', 'waiting')`)
    .execute();
  await db.schema.alterTable("activity_dates").dropColumn("moved_at").dropColumn("move_reason").execute();
  for (const column of ["kind", "category", "accessibility", "audience", "host_member_id", "price_cents", "signup_required", "signup_closes_hours", "archived_at"]) {
    await db.schema.alterTable("activities").dropColumn(column).execute();
  }
}
