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
 * The platform's tables through a tenant handle, inside the same transaction when that handle is a
 * transaction: for queueing an email (platform.outbox) with the change it is about, from a request
 * that only holds its tenant's handle. Kysely puts the newest schema first, so the tables named
 * through this handle are the platform's.
 */
export function platformDbAlongside(db: TenantDb): PlatformDb {
  return (db as unknown as PlatformDb).withSchema(PLATFORM_SCHEMA);
}
