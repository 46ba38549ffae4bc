import { z } from "zod";
import { platformDb, tenantDb, tenantSchemaName, type PlatformDb, type TenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { migrateTenant } from "~/db/migrate.server";
import type { TenantRow } from "~/db/tables";
import { sql } from "kysely";
import { newTenantSchema, type NewTenant } from "./validation";

/** A problem with the input, for one field, in words the person who typed it understands. */
export class TenantInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function firstIssue(error: z.ZodError): TenantInputError {
  const issue = error.issues[0]!;
  return new TenantInputError(String(issue.path[0] ?? "input"), issue.message);
}

/**
 * Onboards a neighbourhood: its row, its own schema, its migrations and its default data. The row is
 * `provisioning` until everything is in place, so no request ever sees a half-made tenant; when a
 * step fails everything made so far is removed again.
 */
export async function createTenant(
  database: Database,
  input: NewTenant,
  seed: (db: TenantDb) => Promise<void> = async () => {},
): Promise<TenantRow> {
  const parsed = newTenantSchema.safeParse(input);
  if (!parsed.success) throw firstIssue(parsed.error);
  const { slug, name, municipality, province, customDomain } = parsed.data;

  let tenant: TenantRow;
  try {
    tenant = await platformDb(database)
      .insertInto("tenants")
      .values({ slug, name, municipality, province, custom_domain: customDomain, schema_version: null })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if ((error as { code?: string }).code === "23505") {
      const field = String((error as { constraint?: string }).constraint ?? "").includes("domain") ? "customDomain" : "slug";
      throw new TenantInputError(
        field,
        field === "slug" ? "Dit webadres is al in gebruik. Kies een ander." : "Dit domein is al gekoppeld aan een andere wijk.",
      );
    }
    throw error;
  }

  try {
    await migrateTenant(database, tenant.id);
    await seed(tenantDb(database, tenant.id));
    return await platformDb(database)
      .updateTable("tenants")
      .set({ status: "active", updated_at: new Date() })
      .where("id", "=", tenant.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    try {
      await sql`drop schema if exists ${sql.id(tenantSchemaName(tenant.id))} cascade`.execute(database.kysely);
      await platformDb(database).deleteFrom("tenants").where("id", "=", tenant.id).execute();
    } catch (cleanupError) {
      // The original failure is what matters; the half-made tenant stays 'provisioning' (never served).
      throw new AggregateError([error, cleanupError], `Creating ${slug} failed and could not be undone`);
    }
    throw error;
  }
}

export class TenantNotFoundError extends Error {}

export async function setTenantStatus(
  db: PlatformDb,
  slug: string,
  status: "active" | "suspended",
): Promise<TenantRow> {
  const tenant = await db
    .updateTable("tenants")
    .set({ status, updated_at: new Date() })
    .where("slug", "=", slug)
    .where("status", "!=", "provisioning")
    .returningAll()
    .executeTakeFirst();
  if (!tenant) throw new TenantNotFoundError(`No neighbourhood with slug ${JSON.stringify(slug)}.`);
  return tenant;
}

/** Where a neighbourhood lives: its own domain if it has one, else its subdomain of the platform. */
export function neighbourhoodUrl(platformUrl: string, tenant: { slug: string; custom_domain: string | null }): string {
  const url = new URL(platformUrl);
  if (tenant.custom_domain) return `https://${tenant.custom_domain}/`;
  url.hostname = `${tenant.slug}.${url.hostname}`;
  return url.href;
}

/** Neighbourhoods shown on the platform's landing page, with their addresses. */
export async function listActiveTenants(db: PlatformDb, platformUrl: string) {
  const tenants = await db
    .selectFrom("tenants")
    .select(["slug", "name", "municipality", "province", "custom_domain"])
    .where("status", "=", "active")
    .orderBy("name")
    .execute();
  return tenants.map(({ custom_domain, ...tenant }) => ({
    ...tenant,
    url: neighbourhoodUrl(platformUrl, { slug: tenant.slug, custom_domain }),
  }));
}

export async function countTenants(db: PlatformDb): Promise<number> {
  const row = await db
    .selectFrom("tenants")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
