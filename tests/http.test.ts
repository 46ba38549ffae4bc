import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { latestTenantMigration } from "~/db/migrate.server";
import { seedDemoNeighbourhoods } from "~/modules/demo/demo-neighbourhoods.server";
import { createTenant, setTenantStatus } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { eventually } from "./support/eventually";
import { request, startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
beforeAll(async () => {
  database = await openTestDatabase();
  expect(await seedDemoNeighbourhoods(database)).toBe(4);
  server = await startTestServer(database);
});
afterAll(async () => {
  await server.close();
  await database.close();
});


describe("the demo seed", () => {
  it("runs once: a second call adds nothing", async () => {
    expect(await seedDemoNeighbourhoods(database)).toBe(0);
  });

  it("gives the neighbourhoods that lend tools a small catalog", async () => {
    const catalog = await request(server.url("leidschendam-noord", "/gereedschap?q=boor"));
    expect(catalog.body).toContain("Accuboormachine");
    expect(catalog.body).toContain("Klopboormachine");
  });
});

describe("a neighbourhood's home page", () => {
  it("shows name, description, offer, opening hours, address and contact in Dutch", async () => {
    const page = await request(server.url("steenwijk-west"));
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain('<html lang="nl"');
    expect(page.body).toContain("<h1>Wijkwerkplaats Steenwijk-West</h1>");
    expect(page.body).toContain("Openingstijden");
    expect(page.body).toContain("maandag");
    expect(page.body).toContain("09:00 tot 16:00 uur");
    expect(page.body).toContain("Paul Krugerstraat 34a");
    expect(page.body).toContain("Hulp bij klussen in en om het huis");
    expect(page.body).toContain('href="mailto:wijkwerkplaats@steenwijk-west.example.org"');
  });

  it("switches to English with a plain form post and remembers it", async () => {
    const switched = await request(server.url("steenwijk-west", "/taal"), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url("steenwijk-west").slice(0, -1) },
      body: "lang=en&redirectTo=%2F",
    });
    expect(switched.status).toBe(303);
    expect(switched.headers.location).toBe("/");
    const cookie = String(switched.headers["set-cookie"]).split(";")[0]!;
    const page = await request(server.url("steenwijk-west"), { headers: { Cookie: cookie } });
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain("Opening hours");
    expect(page.body).toContain("Monday");
    expect(page.body).toContain("Lees dit in het Nederlands");
    // Page titles follow the language too.
    const login = await request(server.url("steenwijk-west", "/inloggen"), { headers: { Cookie: cookie } });
    expect(login.body).toContain("<title>Log in · Wijkplaats</title>");
    const dutch = await request(server.url("steenwijk-west", "/inloggen"));
    expect(dutch.body).toContain("<title>Inloggen · Wijkplaats</title>");
  });

  it("never redirects the language switch to another site", async () => {
    for (const redirectTo of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
      const switched = await request(server.url("steenwijk-west", "/taal"), {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url("steenwijk-west").slice(0, -1) },
        body: `lang=en&redirectTo=${encodeURIComponent(redirectTo)}`,
      });
      expect(switched.headers.location).toBe("/");
    }
  });

  it("answers an unknown address with the Dutch 404 page", async () => {
    const page = await request(server.url("steenwijk-west", "/bestaat-niet"));
    expect(page.status).toBe(404);
    expect(page.body).toContain("Deze pagina bestaat niet");
  });
});

describe("hosts that are not a live neighbourhood", () => {
  it("shows a friendly Dutch 404 for an unknown subdomain", async () => {
    const page = await request(server.url("onbekende-wijk"));
    expect(page.status).toBe(404);
    expect(page.body).toContain("Deze wijk kennen we niet");
    expect(page.body).toContain(`href="http://localhost:${server.port}/"`);
    expect(page.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it("shows 'temporarily closed' for a suspended neighbourhood, and the page again after resuming", async () => {
    const slug = uniqueSlug("dicht");
    await createTenant(database, { slug, name: "Wijk Dicht" });
    await setTenantStatus(platformDb(database), slug, "suspended");
    await eventually(async () => (await request(server.url(slug))).status === 503);
    const page = await request(server.url(slug));
    expect(page.body).toContain("Tijdelijk gesloten");
    expect(page.body).toContain("De website van Wijk Dicht is tijdelijk gesloten.");

    await setTenantStatus(platformDb(database), slug, "active");
    await eventually(async () => (await request(server.url(slug))).status === 200);
  });
});

describe("the platform's landing page", () => {
  it("lists the live neighbourhoods with links to their subdomains", async () => {
    const page = await request(server.url(null));
    expect(page.status).toBe(200);
    expect(page.body).toContain("Wijken op Wijkplaats");
    for (const slug of ["leidschendam-noord", "steenwijk-west", "schiedam", "lindenholt"]) {
      expect(page.body).toContain(`href="http://${slug}.localhost:${server.port}/"`);
    }
  });
});

describe("security headers", () => {
  it("allow only our own scripts: every inline script carries this response's nonce", async () => {
    const page = await request(server.url("steenwijk-west"));
    const csp = String(page.headers["content-security-policy"]);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const scripts = [...page.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    const again = await request(server.url("steenwijk-west"));
    expect(again.headers["content-security-policy"]).not.toBe(csp);
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["referrer-policy"]).toBe("same-origin");
  });
});

describe("requests that are too big or malformed", () => {
  it("refuses a huge form before reading it, and answers a broken address with 400", async () => {
    const huge = await request(server.url("steenwijk-west", "/inloggen"), {
      method: "POST",
      headers: { Origin: server.url("steenwijk-west").slice(0, -1), "Content-Type": "application/x-www-form-urlencoded" },
      body: `email=${"a".repeat(200_000)}`,
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toContain("Dit formulier is te groot.");
    const broken = await request(server.url("steenwijk-west", "/%E0"));
    expect(broken.status).toBe(400);
  });

  it("keeps the development mailbox for platform admins only", async () => {
    const res = await request(server.url(null, "/dev/mailbox"));
    expect(res.status).toBe(303);
    expect(res.headers.location).toContain("/inloggen");
  });
});

describe("health and logs", () => {
  it("/healthz answers while the process runs", async () => {
    const res = await request(server.url(null, "/healthz"));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: "ok" });
  });

  it("/readyz fails while a tenant is behind on migrations", async () => {
    expect((await request(server.url(null, "/readyz"))).status).toBe(200);
    const slug = uniqueSlug("achter");
    const tenant = await createTenant(database, { slug, name: "Achter" });
    await platformDb(database).updateTable("tenants").set({ schema_version: null }).where("id", "=", tenant.id).execute();
    const behind = await request(server.url(null, "/readyz"));
    expect(behind.status).toBe(503);
    expect(JSON.parse(behind.body)).toMatchObject({ tenantsBehind: 1 });
    await platformDb(database).updateTable("tenants").set({ schema_version: latestTenantMigration }).where("id", "=", tenant.id).execute();
    expect((await request(server.url(null, "/readyz"))).status).toBe(200);
  });

  it("gives every response a request id, keeping a sane incoming one", async () => {
    const generated = await request(server.url("steenwijk-west"));
    expect(generated.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request(server.url("steenwijk-west"), { headers: { "X-Request-Id": "abc-123" } });
    expect(kept.headers["x-request-id"]).toBe("abc-123");
    const refused = await request(server.url("steenwijk-west"), { headers: { "X-Request-Id": "<script>" } });
    expect(refused.headers["x-request-id"]).not.toBe("<script>");
  });
});
