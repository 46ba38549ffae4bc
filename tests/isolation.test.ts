import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb, tenantSchemaName } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { getNeighbourhoodHome } from "~/modules/neighbourhood/home.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { request, startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let a: TenantRow;
let b: TenantRow;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  a = await createTenant(
    database,
    { slug: uniqueSlug("wijk-a"), name: "Wijk A" },
    seedNeighbourhood({ street: "Geheimstraat 1", email: "a@example.org", openingHours: [{ weekday: 1, opens: "08:00", closes: "09:00", note: "alleen A" }] }),
  );
  b = await createTenant(database, { slug: uniqueSlug("wijk-b"), name: "Wijk B" }, seedNeighbourhood({ street: "Openbaar 2" }));
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("tenant isolation", () => {
  it("rows written under one tenant are never read under another", async () => {
    const homeB = await getNeighbourhoodHome(tenantDb(database, b.id));
    expect(homeB.profile?.street).toBe("Openbaar 2");
    expect(homeB.openingHours).toEqual([]);
    expect(JSON.stringify(homeB)).not.toContain("Geheimstraat");
  });

  it("changes made under one tenant do not touch another's rows", async () => {
    await tenantDb(database, b.id).updateTable("profile").set({ street: "Gewijzigd 3", updated_at: new Date() }).execute();
    await tenantDb(database, b.id).deleteFrom("opening_hours").execute();
    const homeA = await getNeighbourhoodHome(tenantDb(database, a.id));
    expect(homeA.profile?.street).toBe("Geheimstraat 1");
    expect(homeA.openingHours).toHaveLength(1);
  });

  it("every query through the accessor names the tenant's own schema", () => {
    const compiled = tenantDb(database, a.id).selectFrom("profile").selectAll().compile();
    expect(compiled.sql).toContain(`"${tenantSchemaName(a.id)}"."profile"`);
  });

  it("refuses anything but a tenant id as a schema source", () => {
    for (const hostile of ["platform", "public", `${a.id}; drop schema platform`, "../x", a.slug, ""]) {
      expect(() => tenantDb(database, hostile)).toThrow(/Not a tenant id/);
    }
  });

  it("one neighbourhood's home page shows nothing of another's", async () => {
    const pageA = await request(server.url(a.slug));
    const pageB = await request(server.url(b.slug));
    expect(pageA.status).toBe(200);
    expect(pageA.body).toContain("Geheimstraat 1");
    expect(pageB.status).toBe(200);
    expect(pageB.body).toContain("Wijk B");
    expect(pageB.body).not.toContain("Geheimstraat");
    expect(pageB.body).not.toContain("a@example.org");
    expect(pageB.body).not.toContain("Wijk A");
  });
});
