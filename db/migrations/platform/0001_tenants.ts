import { type Kysely, sql } from "kysely";

// Runs with `withSchema("platform")`, so builder table names land in the platform schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("tenants")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("slug", "text", (c) =>
      c.notNull().unique().check(sql`slug ~ '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$'`),
    )
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("municipality", "text")
    .addColumn("province", "text")
    .addColumn("custom_domain", "text", (c) => c.unique())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("provisioning").check(sql`status in ('provisioning', 'active', 'suspended')`),
    )
    .addColumn("schema_version", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Every process that caches tenant lookups LISTENs on this channel, so a change made anywhere
  // (web, command line, another app instance) clears those caches.
  await sql`
    create function platform.notify_tenant_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('tenant_changed', coalesce(new.slug, old.slug));
      return null;
    end $$`.execute(db);
  await sql`
    create trigger tenants_added_or_removed after insert or delete on platform.tenants
    for each row execute function platform.notify_tenant_changed()`.execute(db);
  // Only what host resolution depends on: a migration run that bumps schema_version stays quiet.
  await sql`
    create trigger tenants_changed after update on platform.tenants
    for each row when ((old.slug, old.name, old.status, old.custom_domain) is distinct from (new.slug, new.name, new.status, new.custom_domain))
    execute function platform.notify_tenant_changed()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("tenants").execute();
  await sql`drop function platform.notify_tenant_changed()`.execute(db);
}
