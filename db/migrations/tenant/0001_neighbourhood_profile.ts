import { type Kysely, sql } from "kysely";

// Runs with `withSchema(<tenant schema>)`: builder table names land in the tenant's own schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("profile")
    .addColumn("id", "smallint", (c) => c.primaryKey().defaultTo(1).check(sql`id = 1`))
    .addColumn("tagline", "text")
    .addColumn("description", "text")
    .addColumn("street", "text")
    .addColumn("postcode", "text")
    .addColumn("city", "text")
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("website", "text")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("opening_hours")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("weekday", "smallint", (c) => c.notNull().check(sql`weekday between 1 and 7`))
    .addColumn("opens", "time", (c) => c.notNull())
    .addColumn("closes", "time", (c) => c.notNull())
    .addColumn("note", "text")
    .addCheckConstraint("opening_hours_closes_after_opens", sql`closes > opens`)
    .execute();

  await db.schema
    .createTable("offerings")
    .addColumn("kind", "text", (c) => c.primaryKey())
    .addColumn("description", "text")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("offerings").execute();
  await db.schema.dropTable("opening_hours").execute();
  await db.schema.dropTable("profile").execute();
}
