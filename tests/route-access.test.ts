import type { ServerBuild } from "@remix-run/node";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb, tenantSchemaName } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { Role, TenantRow } from "~/db/tables";
import { createAccount } from "~/modules/accounts/accounts.server";
import { sessionCookieFor } from "~/modules/accounts/session-cookie.server";
import { createSession } from "~/modules/accounts/sessions.server";
import { createTool, toolFormSchema } from "~/modules/tool-library/tools.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { guardRoutes } from "~/server/route-access.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { signedInAs, signedInAsPlatformAdmin, testPassword, type SignedIn } from "./support/people";
import { admits, loadBuild, routesOf } from "./support/routes";
import { request, startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let build: ServerBuild;
let wijk: TenantRow;
let other: TenantRow;
const people = {} as Record<Role | "otherCoordinator", SignedIn>;
let formerAdmin: string;
let neverAdmin: string;
let toolId: string;

/** A concrete address for a route pattern: real ids where the test made one, else a fresh uuid. */
const addressOf = (pattern: string) =>
  pattern.replace(/:(\w+)/g, (_, param: string) => (param === "toolId" ? toolId : param === "token" ? "onbekend-token" : crypto.randomUUID()));

/** Every row of every table in a neighbourhood's schema, as one fingerprint. */
async function fingerprint(tenant: TenantRow): Promise<string> {
  const schema = tenantSchemaName(tenant.id);
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = ${schema} order by table_name`.execute(database.kysely);
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ digest: string | null }>`select md5(string_agg(t::text, '|' order by t::text)) as digest from ${sql.table(`${schema}.${table_name}`)} t`.execute(database.kysely);
    parts.push(`${table_name}:${rows.rows[0]?.digest ?? "empty"}`);
  }
  return parts.join("\n");
}


beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  build = await loadBuild();
  wijk = await createTenant(database, { slug: uniqueSlug("rollen"), name: "Rollenwijk" }, seedNeighbourhood());
  other = await createTenant(database, { slug: uniqueSlug("buren"), name: "Burenwijk" }, seedNeighbourhood());
  for (const role of ["coordinator", "volunteer", "resident"] as const) people[role] = await signedInAs(database, server, wijk, role);
  people.otherCoordinator = await signedInAs(database, server, other, "coordinator");
  const demoted = await signedInAsPlatformAdmin(database, server);
  await platformDb(database).updateTable("accounts").set({ is_platform_admin: false }).where("id", "=", demoted.accountId).execute();
  formerAdmin = demoted.cookie;
  // Logging in on the platform's domain is refused to anyone but a platform admin, so this session is made directly.
  const plain = await createAccount(platformDb(database), { email: `${uniqueSlug("gewoon")}@example.org`, password: testPassword });
  const { token } = await createSession(platformDb(database), plain.id, null, null);
  neverAdmin = (await sessionCookieFor(new Request(server.url(null))).serialize(token)).split(";")[0]!;
  toolId = await createTool(tenantDb(database, wijk.id), toolFormSchema.parse({ name: "Schuurmachine", category: "Schuren", condition: "good", maxLoanDays: "7" }));
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("who may use a route is declared once per route", () => {
  it("every route of the app declares its access", () => {
    const routes = routesOf(build);
    expect(routes.length).toBeGreaterThan(50);
    for (const route of routes) expect(route.access, route.id).toMatchObject({ site: expect.any(String), view: expect.anything() });
  });

  it("a route without a declaration stops the server from starting", () => {
    const routes = { ...build.routes, "routes/vergeten": { id: "routes/vergeten", path: "vergeten", parentId: "root", module: { default: () => null } } };
    expect(() => guardRoutes({ ...build, routes } as unknown as ServerBuild)).toThrow(/routes\/vergeten.*declares no access/);
  });

  it("a staff page refuses every lower role, a logged-out visitor and another neighbourhood's coordinator", async () => {
    const staffRoutes = routesOf(build).filter((r) => r.access.site === "neighbourhood" && Array.isArray(r.access.view));
    expect(staffRoutes.length).toBeGreaterThan(20);
    for (const route of staffRoutes) {
      const url = server.url(wijk.slug, addressOf(route.path));
      for (const role of ["volunteer", "resident"] as const) {
        if (admits(route.access.view, role)) continue;
        const res = await request(url, { headers: { Cookie: people[role].cookie } });
        expect(res.status, `${role} opens ${route.path}`).toBe(403);
      }
      for (const cookie of ["", people.otherCoordinator.cookie]) {
        const res = await request(url, { headers: { Cookie: cookie } });
        expect(res.status, `GET ${route.path} ${cookie ? "with another neighbourhood's session" : "logged out"}`).toBe(303);
        expect(res.headers.location).toMatch(/^\/inloggen\?terug=/);
      }
    }
  });

  it("a form post to a staff route by anyone it does not admit is refused and changes nothing", async () => {
    const posts = routesOf(build).filter((r) => r.hasAction && r.access.site === "neighbourhood" && (r.access.change ?? r.access.view) !== "anyone");
    expect(posts.length).toBeGreaterThan(20);
    const before = await fingerprint(wijk);
    for (const route of posts) {
      const audience = route.access.change ?? route.access.view;
      const url = server.url(wijk.slug, addressOf(route.path));
      const body = "intent=delete&name=Vandaal&role=coordinator&memberId=" + people.coordinator.member.id + "&reason=test&maxOpenLoans=99";
      const send = (cookie: string) =>
        request(url, { method: "POST", headers: { Cookie: cookie, Origin: new URL(url).origin, "Content-Type": "application/x-www-form-urlencoded" }, body });
      for (const role of ["volunteer", "resident"] as const) {
        if (admits(audience, role)) continue;
        expect((await send(people[role].cookie)).status, `${role} posts to ${route.path}`).toBe(403);
      }
      for (const cookie of ["", people.otherCoordinator.cookie]) {
        const res = await send(cookie);
        expect([303, 403, 404], `POST ${route.path} ${cookie ? "with another neighbourhood's session" : "logged out"}`).toContain(res.status);
        if (res.status === 303) expect(res.headers.location).toMatch(/^\/inloggen\?terug=/);
      }
    }
    expect(await fingerprint(wijk)).toBe(before);
  });

  it("the platform's admin pages refuse a session that is not or no longer a platform admin's, and do not exist on a neighbourhood's host", async () => {
    // Every route under /admin and /dev from the build, whatever it declares, and every route declared for platform admins.
    const adminRoutes = routesOf(build).filter((r) => r.access.view === "platformAdmin" || /^\/(admin|dev)(\/|$)/.test(r.path));
    expect(adminRoutes.map((r) => r.path)).toEqual(expect.arrayContaining(["/admin", "/admin/nieuw", "/dev/mailbox"]));
    for (const route of adminRoutes) {
      expect(route.access.view, `${route.path} declares who may see it`).toBe("platformAdmin");
      for (const [who, cookie] of [["former admin", formerAdmin], ["never an admin", neverAdmin]] as const) {
        const res = await request(server.url(null, addressOf(route.path)), { headers: { Cookie: cookie } });
        expect(res.status, `${who} opens ${route.path}`).toBe(403);
        if (route.hasAction) {
          const url = server.url(null, addressOf(route.path));
          const post = await request(url, {
            method: "POST",
            headers: { Cookie: cookie, Origin: new URL(url).origin, "Content-Type": "application/x-www-form-urlencoded" },
            body: "slug=overname&name=Overname&coordinatorEmail=x%40example.org",
          });
          expect(post.status, `${who} posts to ${route.path}`).toBe(403);
        }
      }
      const onNeighbourhood = await request(server.url(wijk.slug, addressOf(route.path)), { headers: { Cookie: people.coordinator.cookie } });
      expect(onNeighbourhood.status, `${route.path} on a neighbourhood's host`).toBe(404);
    }
    expect(await platformDb(database).selectFrom("tenants").select("slug").where("slug", "=", "overname").executeTakeFirst()).toBeUndefined();
  });
});

describe("a post whose body is not the form the page sends", () => {
  const bodies: { name: string; headers: Record<string, string>; body: string }[] = [
    { name: "JSON", headers: { "Content-Type": "application/json" }, body: '{"name":"x"}' },
    { name: "plain text", headers: { "Content-Type": "text/plain" }, body: "name=x" },
    { name: "no content type", headers: {}, body: "name=x" },
    { name: "multipart without a boundary", headers: { "Content-Type": "multipart/form-data" }, body: "name=x" },
    { name: "broken multipart", headers: { "Content-Type": "multipart/form-data; boundary=grens" }, body: '--grens\r\nContent-Disposition: form-data; name="x"\r\n\r\nhalf' },
  ];

  it("gets a 4xx with a plain Dutch sentence on every action the app has", async () => {
    const actions = routesOf(build).filter((r) => r.hasAction);
    expect(actions.length).toBeGreaterThan(30);
    for (const route of actions) {
      const audience = route.access.change ?? route.access.view;
      const onPlatform = route.access.site === "platform";
      const cookie = audience === "anyone" ? "" : onPlatform ? (await signedInAsPlatformAdmin(database, server)).cookie : people.coordinator.cookie;
      const url = server.url(onPlatform ? null : wijk.slug, addressOf(route.path));
      for (const sent of bodies) {
        const res = await request(url, { method: "POST", headers: { Cookie: cookie, Origin: new URL(url).origin, ...sent.headers }, body: sent.body });
        expect(res.status, `${sent.name} to ${route.path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${sent.name} to ${route.path}`).toBeLessThan(500);
        if (res.status !== 404) expect(res.body, `${sent.name} to ${route.path}`).toContain("Dit formulier kwam niet goed aan.");
      }
    }
  });

  it("a normal form sent to a photo form is refused the same way, and nothing is made", async () => {
    for (const pathname of ["/reparaties/nieuw", "/klussen/nieuw", "/balie/reparaties/nieuw"]) {
      const url = server.url(wijk.slug, pathname);
      const res = await request(url, {
        method: "POST",
        headers: { Cookie: people.coordinator.cookie, Origin: new URL(url).origin, "Content-Type": "application/x-www-form-urlencoded" },
        body: "kind=Fiets&fault=Lekke+band&description=Lekke+band",
      });
      expect(res.status, pathname).toBe(415);
      expect(res.body).toContain("Dit formulier kwam niet goed aan.");
    }
    const db = tenantDb(database, wijk.id);
    expect(await db.selectFrom("repairs").select("id").execute()).toEqual([]);
    expect(await db.selectFrom("home_jobs").select("id").execute()).toEqual([]);
  });
});
