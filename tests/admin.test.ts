import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { createAccount } from "~/modules/accounts/accounts.server";
import { addMember } from "~/modules/members/members.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { eventually } from "./support/eventually";
import { request, startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let wijk: TenantRow;
let adminCookie: string;
const password = "beheer van alle wijken";

const origin = (slug: string | null) => server.url(slug).slice(0, -1);
const form = (cookie: string, body: Record<string, string>, slug: string | null = null) => ({
  method: "POST",
  headers: { Cookie: cookie, Origin: origin(slug), "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(body).toString(),
});

async function logIn(slug: string | null, email: string): Promise<string> {
  const res = await request(server.url(slug, "/inloggen"), form("", { email, password }, slug));
  return res.headers["set-cookie"]![0]!.split(";")[0]!;
}

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("adm"), name: "Wijk Overzicht" });
  const coordinator = await createAccount(platformDb(database), { email: `${uniqueSlug("c")}@example.org`, password });
  await addMember(tenantDb(database, wijk.id), { accountId: coordinator.id, name: "Co", role: "coordinator" });
  await addMember(tenantDb(database, wijk.id), { accountId: null, name: "Bewoner zonder e-mail", role: "resident" });
  const admin = await createAccount(platformDb(database), { email: `${uniqueSlug("admin")}@example.org`, password, isPlatformAdmin: true });
  adminCookie = await logIn(null, admin.email);
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("the platform admin", () => {
  it("sees every neighbourhood with status and number of people", async () => {
    const page = await request(server.url(null, "/admin"), { headers: { Cookie: adminCookie } });
    expect(page.status).toBe(200);
    const row = page.body.slice(page.body.indexOf("Wijk Overzicht"));
    expect(row).toMatch(/<td[^>]*>Open<\/td><td[^>]*>2<\/td>/);
  });

  it("onboards a neighbourhood from the web form, which then opens on its own host", async () => {
    const slug = uniqueSlug("web");
    const res = await request(server.url(null, "/admin/nieuw"), form(adminCookie, { name: "Webwijk", slug, municipality: "Zwolle", province: "", coordinatorEmail: `${slug}@example.org`, module_tool_library: "ja" }));
    expect(res.status).toBe(303);
    const home = await request(server.url(slug));
    expect(home.status).toBe(200);
    expect(home.body).toContain("<h1>Webwijk</h1>");
  });

  it("keeps what was typed and explains a bad or taken slug next to the field", async () => {
    const bad = await request(server.url(null, "/admin/nieuw"), form(adminCookie, { name: "Mijn Wijk", slug: "Mijn Wijk!", municipality: "Ede", coordinatorEmail: "a@example.org" }));
    expect(bad.status).toBe(200);
    expect(bad.body).toContain("Gebruik alleen kleine letters (a-z), cijfers en streepjes.");
    expect(bad.body).toContain('value="Mijn Wijk!"');
    expect(bad.body).toContain('value="Ede"');
    const taken = await request(server.url(null, "/admin/nieuw"), form(adminCookie, { name: "Dubbel", slug: wijk.slug, coordinatorEmail: "b@example.org", module_tool_library: "ja" }));
    expect(taken.body).toContain("Dit webadres is al in gebruik.");
  });

  it("suspends and resumes a neighbourhood", async () => {
    const slug = uniqueSlug("dicht");
    await createTenant(database, { slug, name: "Even Dicht" });
    expect((await request(server.url(null, "/admin"), form(adminCookie, { slug, status: "suspended" }))).status).toBe(303);
    await eventually(async () => (await request(server.url(slug))).status === 503);
    await request(server.url(null, "/admin"), form(adminCookie, { slug, status: "active" }));
    const row = await platformDb(database).selectFrom("tenants").select("status").where("slug", "=", slug).executeTakeFirstOrThrow();
    expect(row.status).toBe("active");
  });

  it("invites a new coordinator for an existing neighbourhood, e.g. after the last one left", async () => {
    const email = `${uniqueSlug("opvolger")}@example.org`;
    const bad = await request(server.url(null, "/admin"), form(adminCookie, { intent: "invite", slug: "", email: "geen" }));
    expect(bad.body).toContain("Kies een wijk.");
    expect(bad.body).toContain("Dit is geen geldig e-mailadres.");
    const res = await request(server.url(null, "/admin"), form(adminCookie, { intent: "invite", slug: wijk.slug, email }));
    expect(res.body).toContain(`De uitnodiging voor ${email} is verstuurd.`);
    const mail = await platformDb(database).selectFrom("outbox").select("body").where("to_address", "=", email).executeTakeFirstOrThrow();
    expect(mail.body).toContain(`http://${wijk.slug}.localhost:${server.port}/uitnodiging/`);
    expect(mail.body).toContain("als coördinator");
  });

  it("is refused to everyone else", async () => {
    const anonymous = await request(server.url(null, "/admin"));
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe("/inloggen?terug=%2Fadmin");
    const notAdmin = await createAccount(platformDb(database), { email: `${uniqueSlug("x")}@example.org`, password });
    await addMember(tenantDb(database, wijk.id), { accountId: notAdmin.id, name: "Co 2", role: "coordinator" });
    const coordinatorCookie = await logIn(wijk.slug, notAdmin.email);
    // The admin pages do not exist on a neighbourhood's host, whoever asks.
    expect((await request(server.url(wijk.slug, "/admin"), { headers: { Cookie: coordinatorCookie } })).status).toBe(404);
    expect((await request(server.url(wijk.slug, "/admin"), form(coordinatorCookie, { slug: wijk.slug, status: "suspended" }, wijk.slug))).status).toBe(404);
    expect((await request(server.url(wijk.slug, "/admin"), form(coordinatorCookie, { intent: "invite", slug: wijk.slug, email: "x@example.org" }, wijk.slug))).status).toBe(404);
    const anonymousInvite = await request(server.url(null, "/admin"), form("", { intent: "invite", slug: wijk.slug, email: "y@example.org" }));
    expect(anonymousInvite.status).toBe(303);
    expect(await platformDb(database).selectFrom("outbox").select("id").where("to_address", "in", ["x@example.org", "y@example.org"]).executeTakeFirst()).toBeUndefined();
    const onboard = await request(server.url(null, "/admin/nieuw"), form("", { name: "Stiekem", slug: uniqueSlug("stiekem") }));
    expect(onboard.status).toBe(303);
    expect(onboard.headers.location).toContain("/inloggen");
    const row = await platformDb(database).selectFrom("tenants").select("status").where("id", "=", wijk.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("active");
  });
});
