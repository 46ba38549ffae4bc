import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantSchemaName } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { latestTenantMigration } from "~/db/migrate.server";
import { tenantMigrations } from "../db/migrations/tenant";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant, setTenantStatus, TenantInputError, TenantNotFoundError } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

async function schemaExists(schema: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.schemata where schema_name = ${schema}`.execute(
    database.kysely,
  );
  return rows[0]!.n === 1;
}

async function tenantCount(): Promise<number> {
  const row = await platformDb(database)
    .selectFrom("tenants")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("createTenant", () => {
  it("makes the row, a schema named from the id, its tables and default data", async () => {
    const slug = uniqueSlug("nieuw");
    const tenant = await createTenant(database, { slug, name: "Nieuwe Wijk", municipality: "Utrecht", province: "Utrecht" }, seedNeighbourhood({ city: "Utrecht" }));
    expect(tenant).toMatchObject({ slug, name: "Nieuwe Wijk", municipality: "Utrecht", status: "active" });
    expect(tenant.schema_version).toBe(latestTenantMigration);
    const schema = tenantSchemaName(tenant.id);
    expect(schema).toMatch(/^tenant_[0-9a-f]{32}$/);
    expect(Buffer.byteLength(schema)).toBeLessThanOrEqual(63);
    expect(await schemaExists(schema)).toBe(true);
    const { rows } = await sql<{ city: string }>`select city from ${sql.id(schema, "profile")}`.execute(database.kysely);
    expect(rows).toEqual([{ city: "Utrecht" }]);
    // The migration records live inside the tenant's own schema.
    const { rows: migrations } = await sql<{ name: string }>`select name from ${sql.id(schema, "kysely_migration")}`.execute(database.kysely);
    expect(migrations.map((m) => m.name)).toEqual(Object.keys(tenantMigrations).sort());
  });

  it("refuses a slug that is already taken, without touching the first tenant", async () => {
    const slug = uniqueSlug("dubbel");
    const first = await createTenant(database, { slug, name: "Eerste" });
    const before = await tenantCount();
    await expect(createTenant(database, { slug, name: "Tweede" })).rejects.toMatchObject({
      field: "slug",
      message: "Dit webadres is al in gebruik. Kies een ander.",
    });
    expect(await tenantCount()).toBe(before);
    expect(await schemaExists(tenantSchemaName(first.id))).toBe(true);
  });

  const hostileSlugs: [string, string][] = [
    ["sql injection", "x'; drop schema platform cascade; --"],
    ["quoted identifier", 'a"b'],
    ["unicode letters", "stéénwijk-west"],
    ["cyrillic look-alike", "stееnwijk"],
    ["emoji", "wijk-🔧"],
    ["null byte", "wijk\u0000west"],
    ["over-long", "a".repeat(41)],
    ["far over-long (> 63 bytes)", "b".repeat(200)],
    ["too short", "ab"],
    ["upper case", "Steenwijk"],
    ["leading hyphen", "-wijk"],
    ["trailing hyphen", "wijk-"],
    ["double hyphen", "wijk--west"],
    ["dots", "wijk.west"],
    ["empty", ""],
    ["reserved www", "www"],
    ["reserved admin", "admin"],
    ["reserved api", "api"],
    ["reserved mail", "mail"],
  ];
  it.each(hostileSlugs)("refuses a hostile slug (%s) with a clear message and creates nothing", async (_, slug) => {
    const before = await tenantCount();
    const attempt = createTenant(database, { slug, name: "Poging" });
    await expect(attempt).rejects.toBeInstanceOf(TenantInputError);
    await expect(attempt).rejects.toMatchObject({ field: "slug" });
    expect(await tenantCount()).toBe(before);
    expect(await schemaExists("platform")).toBe(true);
  });

  it("removes the row and the schema again when seeding fails", async () => {
    const slug = uniqueSlug("kapot");
    const failingSeed = async () => {
      throw new Error("seed failed");
    };
    await expect(createTenant(database, { slug, name: "Kapot" }, failingSeed)).rejects.toThrow("seed failed");
    const row = await platformDb(database).selectFrom("tenants").select("id").where("slug", "=", slug).executeTakeFirst();
    expect(row).toBeUndefined();
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.schemata where schema_name like 'tenant_%' and schema_name not in (select 'tenant_' || replace(id::text, '-', '') from platform.tenants)`.execute(database.kysely);
    expect(rows[0]!.n).toBe(0);
  });

  it("validates the name and custom domain too", async () => {
    await expect(createTenant(database, { slug: uniqueSlug(), name: " " })).rejects.toMatchObject({ field: "name" });
    await expect(createTenant(database, { slug: uniqueSlug(), name: "Wijk", customDomain: "not a domain" })).rejects.toMatchObject({
      field: "customDomain",
    });
  });
});

describe("setTenantStatus", () => {
  it("suspends and resumes a neighbourhood", async () => {
    const slug = uniqueSlug("pauze");
    await createTenant(database, { slug, name: "Pauze" });
    expect((await setTenantStatus(platformDb(database), slug, "suspended")).status).toBe("suspended");
    expect((await setTenantStatus(platformDb(database), slug, "active")).status).toBe("active");
  });

  it("says so when the slug does not exist", async () => {
    await expect(setTenantStatus(platformDb(database), "bestaat-niet", "suspended")).rejects.toBeInstanceOf(TenantNotFoundError);
  });
});
