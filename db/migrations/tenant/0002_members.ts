import { type Kysely, sql } from "kysely";

// A person's record in this neighbourhood. account_id points at platform.accounts but has no
// foreign key: tenant schemas must stay movable to another node. Residents without email or phone
// have no account at all; the desk manages their record for them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("members")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("account_id", "uuid", (c) => c.unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('coordinator', 'volunteer', 'resident')`))
    .addColumn("phone", "text")
    .addColumn("address", "text")
    .addColumn("notes", "text")
    .addColumn("privacy_accepted_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("members").execute();
}
