import { type DatabaseIntrospector, type Kysely, type Migration, Migrator, sql, type TableMetadata } from "kysely";
import { platformMigrations } from "../../db/migrations/platform";
import { tenantMigrations } from "../../db/migrations/tenant";
import { PLATFORM_SCHEMA, platformDb, tenantSchemaName } from "./accessors.server";
import type { Database } from "./database.server";

// Imported statically rather than read from disk, so the same code runs under tsx, vitest and the
// Remix bundle without a TypeScript loader for dynamic imports.
const migrationSets: Record<"platform" | "tenant", Record<string, Migration>> = {
  platform: platformMigrations,
  tenant: tenantMigrations,
};

/**
 * Kysely's Migrator checks whether its own tables exist by introspecting every table and column in
 * the database, twice per run. With one schema per tenant that grows with the number of tenants and
 * made migrating (and onboarding) quadratic: see docs/decisions/0002-migrations.md. The Migrator is
 * given a handle whose introspection looks at the one schema it migrates; everything else is Kysely's.
 */
function scopedToSchema(db: Kysely<unknown>, schema: string): Kysely<unknown> {
  // Only the Migrator's own tables are ever asked about; naming them lets Postgres use its
  // catalogue index instead of scanning every table of every tenant.
  const getTables = async (): Promise<TableMetadata[]> => {
    const { rows } = await sql<{ name: string }>`
      select c.relname as name from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relname in ('kysely_migration', 'kysely_migration_lock')`.execute(db);
    return rows.map(({ name }) => ({ name, schema, isView: false, columns: [] }));
  };
  const introspection: DatabaseIntrospector = {
    getSchemas: async () =>
      (await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db)).rows,
    getTables,
    getMetadata: async () => ({ tables: await getTables() }),
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === "introspection") return introspection;
      const value: unknown = Reflect.get(target, property, target);
      // Kysely keeps its state in private fields: its methods must run on the real instance.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * Kysely's Migrator runs all pending migrations and their records in one transaction, under a
 * Postgres advisory lock, so a second process running at the same time waits and then finds nothing
 * left to do. The migration tables live inside the schema they describe.
 */
function migratorFor(database: Database, kind: "platform" | "tenant", schema: string): Migrator {
  return new Migrator({
    db: scopedToSchema(database.kysely.withSchema(schema), schema),
    provider: { getMigrations: async () => migrationSets[kind] },
    migrationTableSchema: schema,
  });
}

/** Name of the newest tenant migration: a tenant whose schema_version differs is behind. */
export const latestTenantMigration: string = Object.keys(tenantMigrations).sort().at(-1)!;

async function createSchemaIfMissing(db: Kysely<unknown>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (error) {
    // Two processes creating the same schema at once: the loser sees a unique violation. Fine.
    if ((error as { code?: string }).code !== "23505") throw error;
  }
}

async function run(migrator: Migrator, dryRun: boolean): Promise<string[]> {
  if (dryRun) {
    return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
  }
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === "Error")?.migrationName;
    throw new MigrationError(failed, error);
  }
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}

export class MigrationError extends Error {
  constructor(
    readonly migrationName: string | undefined,
    override readonly cause: unknown,
  ) {
    super(`${migrationName ?? "migration"} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export async function migratePlatform(database: Database, options: { dryRun?: boolean } = {}): Promise<string[]> {
  await createSchemaIfMissing(database.kysely, PLATFORM_SCHEMA);
  return run(migratorFor(database, "platform", PLATFORM_SCHEMA), options.dryRun ?? false);
}

export async function platformIsMigrated(database: Database): Promise<boolean> {
  const pending = await migratorFor(database, "platform", PLATFORM_SCHEMA).getMigrations();
  return pending.every((m) => m.executedAt);
}

/** Creates the tenant's schema when needed and brings it to the newest migration. */
export async function migrateTenant(
  database: Database,
  tenantId: string,
  options: { dryRun?: boolean } = {},
): Promise<string[]> {
  const schema = tenantSchemaName(tenantId);
  if (options.dryRun) return run(migratorFor(database, "tenant", schema), true);
  await createSchemaIfMissing(database.kysely, schema);
  const applied = await run(migratorFor(database, "tenant", schema), false);
  await platformDb(database)
    .updateTable("tenants")
    .set({ schema_version: latestTenantMigration, updated_at: new Date() })
    .where("id", "=", tenantId)
    .where("schema_version", "is distinct from", latestTenantMigration)
    .execute();
  return applied;
}

export interface MigrateAllOptions {
  /** Start at this tenant slug (inclusive), in slug order: resumes an interrupted run. */
  from?: string;
  /** Migrate at most this many tenants. */
  limit?: number;
  dryRun?: boolean;
  onTenant?: (report: TenantMigrationReport) => void;
}

export interface TenantMigrationReport {
  index: number;
  total: number;
  slug: string;
  applied: string[];
  error?: MigrationError | Error;
  ms: number;
}

export interface MigrateAllResult {
  platform: string[];
  tenants: TenantMigrationReport[];
  failed: TenantMigrationReport[];
}

/**
 * Migrates the platform schema, then every tenant one by one. A tenant that fails is rolled back by
 * its own transaction, reported, and does not stop the others.
 */
export async function migrateAll(database: Database, options: MigrateAllOptions = {}): Promise<MigrateAllResult> {
  const platform = await migratePlatform(database, { dryRun: options.dryRun });
  // A tenant still being created is migrated by createTenant itself (or removed when that fails).
  let query = platformDb(database).selectFrom("tenants").select(["id", "slug"]).where("status", "!=", "provisioning").orderBy("slug");
  if (options.from) query = query.where("slug", ">=", options.from);
  if (options.limit !== undefined) query = query.limit(options.limit);
  const tenants = await query.execute();

  const reports: TenantMigrationReport[] = [];
  for (const [index, tenant] of tenants.entries()) {
    const started = performance.now();
    const report: TenantMigrationReport = { index: index + 1, total: tenants.length, slug: tenant.slug, applied: [], ms: 0 };
    try {
      report.applied = await migrateTenant(database, tenant.id, { dryRun: options.dryRun });
    } catch (error) {
      report.error = error instanceof Error ? error : new Error(String(error));
    }
    report.ms = performance.now() - started;
    reports.push(report);
    options.onTenant?.(report);
  }
  return { platform, tenants: reports, failed: reports.filter((r) => r.error) };
}

/**
 * Tenants whose schema is older than the newest migration this code knows: /readyz fails while
 * there are any. Newer is fine (another instance with newer code migrated them during a rolling
 * deploy); migration names sort in order. A tenant still being created is not counted.
 */
export async function countTenantsBehind(database: Database): Promise<number> {
  const row = await platformDb(database)
    .selectFrom("tenants")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("status", "!=", "provisioning")
    .where((eb) => eb.or([eb("schema_version", "is", null), eb("schema_version", "<", latestTenantMigration)]))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
