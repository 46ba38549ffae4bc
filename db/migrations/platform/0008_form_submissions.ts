import { type Kysely, sql } from "kysely";

// Every form post that carries a one-time form token, so a double click or a re-sent form does its
// work once (app/server/form-submissions.server.ts). Rows are kept a day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("form_submissions")
    // SHA-256 of the site, the token and the form's fields: one row per distinct submission.
    .addColumn("key", "bytea", (c) => c.primaryKey())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", "timestamptz")
    // Where the first submission sent the person (its redirect), if it did.
    .addColumn("location", "text")
    .execute();
  await db.schema.createIndex("form_submissions_created_at").on("form_submissions").column("created_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("form_submissions").execute();
}
