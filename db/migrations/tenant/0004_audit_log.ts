import { type Kysely, sql } from "kysely";

// Who did what to whose data in this neighbourhood: logins, role changes, exports, deletions.
// Coordinators can read it; nobody can change it through the app.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor_member_id", "uuid")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_member_id", "uuid")
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_log").execute();
}
