import { readdirSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformMigrations } from "../db/migrations/platform";
import { tenantMigrations } from "../db/migrations/tenant";
import { platformDb, tenantSchemaName } from "~/db/accessors.server";
import { openDatabase, type Database } from "~/db/database.server";
import { countTenantsBehind, latestTenantMigration, migrateAll, migratePlatform } from "~/db/migrate.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";

let database: Database & { url?: string };
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

/** A tenant row with an empty schema, as if created before the newest migrations existed. */
async function tenantWithoutMigrations(slug: string) {
  const tenant = await platformDb(database)
    .insertInto("tenants")
    .values({ slug, name: slug, municipality: null, province: null, custom_domain: null, schema_version: null, status: "active" })
    .returningAll()
    .executeTakeFirstOrThrow();
  await sql`create schema ${sql.id(tenantSchemaName(tenant.id))}`.execute(database.kysely);
  return tenant;
}

async function appliedMigrations(tenantId: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from ${sql.id(tenantSchemaName(tenantId), "kysely_migration")} order by name`.execute(
    database.kysely,
  );
  return rows.map((r) => r.name);
}

const allTenantMigrations = Object.keys(tenantMigrations).sort();

describe("migration files", () => {
  it("are all listed in their index, so none is silently skipped", () => {
    for (const [kind, listed] of [["platform", platformMigrations], ["tenant", tenantMigrations]] as const) {
      const files = readdirSync(`db/migrations/${kind}`)
        .filter((f) => /^\d{4}_.+\.ts$/.test(f))
        .map((f) => f.replace(/\.ts$/, ""));
      expect(Object.keys(listed).sort()).toEqual(files.sort());
    }
  });
});

describe("migrateAll", () => {
  it("brings every tenant up to date, and a second run changes nothing", async () => {
    const prefix = uniqueSlug("idem");
    const a = await tenantWithoutMigrations(`${prefix}-a`);
    const b = await tenantWithoutMigrations(`${prefix}-b`);
    expect(await countTenantsBehind(database)).toBeGreaterThanOrEqual(2);

    const first = await migrateAll(database, { from: prefix, limit: 2 });
    expect(first.tenants.map((t) => [t.slug, t.applied])).toEqual([
      [a.slug, allTenantMigrations],
      [b.slug, allTenantMigrations],
    ]);
    expect(first.failed).toEqual([]);

    const second = await migrateAll(database, { from: prefix, limit: 2 });
    expect(second.platform).toEqual([]);
    expect(second.tenants.map((t) => t.applied)).toEqual([[], []]);
    expect(await appliedMigrations(a.id)).toEqual(allTenantMigrations);
    const row = await platformDb(database).selectFrom("tenants").select("schema_version").where("id", "=", a.id).executeTakeFirstOrThrow();
    expect(row.schema_version).toBe(latestTenantMigration);
  });

  it("resumes with --from and --limit, and --dry-run only lists what would run", async () => {
    const prefix = uniqueSlug("resume");
    const tenants = [];
    for (const suffix of ["a", "b", "c", "d"]) tenants.push(await tenantWithoutMigrations(`${prefix}-${suffix}`));

    const dry = await migrateAll(database, { from: `${prefix}-b`, limit: 2, dryRun: true });
    expect(dry.tenants.map((t) => [t.slug, t.applied])).toEqual([
      [`${prefix}-b`, allTenantMigrations],
      [`${prefix}-c`, allTenantMigrations],
    ]);
    expect(await appliedMigrationsOrNone(tenants[1]!.id)).toEqual([]);

    const real = await migrateAll(database, { from: `${prefix}-b`, limit: 2 });
    expect(real.tenants.map((t) => t.slug)).toEqual([`${prefix}-b`, `${prefix}-c`]);
    expect(await appliedMigrationsOrNone(tenants[0]!.id)).toEqual([]);
    expect(await appliedMigrations(tenants[1]!.id)).toEqual(allTenantMigrations);
    expect(await appliedMigrations(tenants[2]!.id)).toEqual(allTenantMigrations);
    expect(await appliedMigrationsOrNone(tenants[3]!.id)).toEqual([]);
    await migrateAll(database, { from: prefix, limit: 4 });
  });

  it("rolls back a failing tenant, reports it and still migrates the others", async () => {
    const prefix = uniqueSlug("fail");
    const good1 = await tenantWithoutMigrations(`${prefix}-a`);
    const broken = await tenantWithoutMigrations(`${prefix}-b`);
    const good2 = await tenantWithoutMigrations(`${prefix}-c`);
    // Something in the way: the first migration's CREATE TABLE profile will fail in this schema.
    await sql`create table ${sql.id(tenantSchemaName(broken.id), "profile")} (x int)`.execute(database.kysely);

    const result = await migrateAll(database, { from: prefix, limit: 3 });
    expect(result.failed.map((f) => f.slug)).toEqual([broken.slug]);
    expect(result.failed[0]!.error?.message).toMatch(/0001_neighbourhood_profile failed: .*profile.*already exists/);
    expect(await appliedMigrations(good1.id)).toEqual(allTenantMigrations);
    expect(await appliedMigrations(good2.id)).toEqual(allTenantMigrations);
    // Rolled back: none of the migration's other tables exist, and nothing was recorded.
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = ${tenantSchemaName(broken.id)} and table_name in ('opening_hours', 'offerings')`.execute(
      database.kysely,
    );
    expect(rows[0]!.n).toBe(0);
    expect(await appliedMigrationsOrNone(broken.id)).toEqual([]);
    expect(await countTenantsBehind(database)).toBeGreaterThanOrEqual(1);

    // Fix the cause, run again: done.
    await sql`drop table ${sql.id(tenantSchemaName(broken.id), "profile")}`.execute(database.kysely);
    const retry = await migrateAll(database, { from: prefix, limit: 3 });
    expect(retry.failed).toEqual([]);
    expect(await appliedMigrations(broken.id)).toEqual(allTenantMigrations);
  });

  it("is safe when two processes migrate at the same time", async () => {
    const prefix = uniqueSlug("race");
    const tenants = [];
    for (const suffix of ["a", "b", "c"]) tenants.push(await tenantWithoutMigrations(`${prefix}-${suffix}`));
    // A second, independent connection pool stands in for a second process (PGlite has only one).
    const other = database.url ? await openDatabase({ databaseUrl: database.url }) : database;
    try {
      const [one, two] = await Promise.all([
        migrateAll(database, { from: prefix, limit: 3 }),
        migrateAll(other, { from: prefix, limit: 3 }),
      ]);
      expect([...one.failed, ...two.failed]).toEqual([]);
      for (const tenant of tenants) {
        // Each migration ran exactly once, whichever process ran it.
        expect(await appliedMigrations(tenant.id)).toEqual(allTenantMigrations);
      }
      const appliedTotal = [...one.tenants, ...two.tenants].flatMap((t) => t.applied).length;
      expect(appliedTotal).toBe(tenants.length * allTenantMigrations.length);
    } finally {
      if (other !== database) await other.close();
    }
  });

  it("creates the platform schema once when two processes start on an empty database", async () => {
    const empty = await openTestDatabase({ migrate: false });
    // On PostgreSQL a second pool is a second process; PGlite is single-process by design.
    const other = empty.url ? await openDatabase({ databaseUrl: empty.url }) : empty;
    try {
      const [one, two] = await Promise.all([migratePlatform(empty), migratePlatform(other)]);
      expect([...one, ...two].sort()).toEqual(Object.keys(platformMigrations).sort());
      expect(await migratePlatform(empty)).toEqual([]);
    } finally {
      if (other !== empty) await other.close();
      await empty.close();
    }
  });

  it("counts a freshly created tenant as up to date", async () => {
    const before = await countTenantsBehind(database);
    await createTenant(database, { slug: uniqueSlug("vers"), name: "Vers" });
    expect(await countTenantsBehind(database)).toBe(before);
  });
});

async function appliedMigrationsOrNone(tenantId: string): Promise<string[]> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = ${tenantSchemaName(tenantId)} and table_name = 'kysely_migration'`.execute(
    database.kysely,
  );
  return rows[0]!.n === 0 ? [] : appliedMigrations(tenantId);
}
