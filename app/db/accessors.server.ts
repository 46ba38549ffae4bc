import type { Kysely } from "kysely";
import type { Database } from "./database.server";
import type { PlatformTables, TenantTables } from "./tables";

export const PLATFORM_SCHEMA = "platform";

const tenantIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A tenant's schema is named from its generated id, never from anything a person typed, so no slug
 * or name can reach DDL. The result is 39 bytes, well inside Postgres' 63-byte identifier limit.
 */
export function tenantSchemaName(tenantId: string): string {
  if (!tenantIdPattern.test(tenantId)) throw new Error(`Not a tenant id: ${JSON.stringify(tenantId)}`);
  return `tenant_${tenantId.replaceAll("-", "")}`;
}

export type TenantDb = Kysely<TenantTables>;
export type PlatformDb = Kysely<PlatformTables>;

/** The only way to reach a neighbourhood's tables: every query is scoped to that tenant's schema. */
export function tenantDb(database: Database, tenantId: string): TenantDb {
  return (database.kysely as Kysely<TenantTables>).withSchema(tenantSchemaName(tenantId));
}

export function platformDb(database: Database): PlatformDb {
  return (database.kysely as Kysely<PlatformTables>).withSchema(PLATFORM_SCHEMA);
}

/**
 * One tenant's tables and the platform's in one transaction: for a change whose email (in the
 * platform's outbox) must be queued exactly when the change commits.
 */
export function inTenantTransaction<T>(database: Database, tenantId: string, work: (tenant: TenantDb, platform: PlatformDb) => Promise<T>): Promise<T> {
  const schema = tenantSchemaName(tenantId);
  return database.kysely.transaction().execute((trx) =>
    // The one transaction under both table types, cast as tenantDb and platformDb cast the root.
    work((trx as unknown as TenantDb).withSchema(schema), (trx as unknown as PlatformDb).withSchema(PLATFORM_SCHEMA)),
  );
}
