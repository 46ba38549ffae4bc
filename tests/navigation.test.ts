import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import { openDatabase, type Database } from "~/db/database.server";
import type { OfferingKind, Role, TenantRow } from "~/db/tables";
import { addDays, localToday } from "~/dates";
import { inviteMember } from "~/modules/members/invitations.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { neighbourhoodModules } from "~/modules/registry";
import { createTenant } from "~/modules/tenants/tenants.server";
import { createTool, toolFormSchema } from "~/modules/tool-library/tools.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { signedInAs, signedInAsPlatformAdmin, testPassword, type SignedIn } from "./support/people";
import { postForm, request, sessionCookieOf, startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
/** Every module on, with work waiting: 2 to hand out, 1 late, 2 repairs to plan, 1 job to assess. */
let wijk: TenantRow;
/** Every module on, with more of everything: none of it may show in wijk's counts. */
let other: TenantRow;
/** Only repairs switched on. */
let repairsOnly: TenantRow;
const people = {} as Record<Role, SignedIn>;
let otherCoordinator: SignedIn;
let repairsOnlyCoordinator: SignedIn;

/** Work waiting in a neighbourhood: `scale` copies of each kind, so neighbourhoods differ in their counts. */
async function seedWork(tenant: TenantRow, scale: number) {
  const db = tenantDb(database, tenant.id);
  const today = localToday();
  const tool = () => createTool(db, toolFormSchema.parse({ name: "Boor", category: "Boren", condition: "good", maxLoanDays: "7" }));
  const period = (from: number, to: number) => `[${addDays(today, from)},${addDays(today, to)})`;
  for (let i = 0; i < scale; i++) {
    const [a, b, c, d] = [await tool(), await tool(), await tool(), await tool()];
    await db
      .insertInto("loans")
      .values([
        { tool_id: a, member_id: null, status: "reserved", period: period(0, 3) }, // to hand out today
        { tool_id: a, member_id: null, status: "reserved", period: period(5, 7) }, // later: not today
        { tool_id: b, member_id: null, status: "reserved", period: period(-2, 1) }, // from before today, still running
        { tool_id: c, member_id: null, status: "on_loan", period: period(-5, 0), checked_out_at: new Date() }, // last day was yesterday: late
        { tool_id: d, member_id: null, status: "on_loan", period: period(-1, 3), checked_out_at: new Date() }, // out, not late
        { tool_id: d, member_id: null, status: "cancelled", period: period(-3, -1) },
      ])
      .execute();
    await db
      .insertInto("repairs")
      .values([
        { member_id: null, kind: "bicycle", fault: "Lekke band", status: "registered" },
        { member_id: null, kind: "appliance", fault: "Doet niets", status: "registered" },
        { member_id: null, kind: "textile", fault: "Scheur", status: "planned", planned_on: today },
      ])
      .execute();
    await db
      .insertInto("home_jobs")
      .values([
        { requester_id: null, description: "Lamp ophangen", urgency: "normal", status: "requested" },
        { requester_id: null, description: "Kastje", urgency: "low", status: "assessed", decision_reason: "Past in het beleid", assessed_at: new Date() },
      ])
      .execute();
  }
}

const get = (tenant: TenantRow, pathname: string, who?: SignedIn) => request(server.url(tenant.slug, pathname), { headers: who ? { Cookie: who.cookie } : {} });
/** The page's <header>: where the navigation lives. */
const headerOf = (html: string) => html.slice(html.indexOf("<header"), html.indexOf("</header>"));
const hrefsIn = (html: string) => [...html.matchAll(/<a [^>]*href="([^"]+)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&"));
/** What a screen reader reads for the header link to `href` (its text, visually hidden parts included). */
function linkText(html: string, href: string): string | undefined {
  const match = new RegExp(`<a [^>]*href="${href}"[^>]*>(.*?)</a>`).exec(html);
  return match ? match[1]!.replace(/<span [^>]*aria-hidden="true"[^>]*>.*?<\/span>/g, "").replace(/<[^>]+>/g, "").replace(/<!-- -->/g, "") : undefined;
}

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("nav"), name: "Navigatiewijk" }, seedNeighbourhood());
  other = await createTenant(database, { slug: uniqueSlug("buren"), name: "Burenwijk" }, seedNeighbourhood());
  repairsOnly = await createTenant(database, { slug: uniqueSlug("alleen"), name: "Reparatiewijk" }, seedNeighbourhood({ offerings: [{ kind: "repairs" }] }));
  for (const role of ["coordinator", "volunteer", "resident"] as const) people[role] = await signedInAs(database, server, wijk, role);
  otherCoordinator = await signedInAs(database, server, other, "coordinator");
  repairsOnlyCoordinator = await signedInAs(database, server, repairsOnly, "coordinator");
  await seedWork(wijk, 1);
  await seedWork(other, 3);
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("the header by role", () => {
  it("offers a visitor the public pages, a visible call to sign up, and the login", async () => {
    const header = headerOf((await get(wijk, "/")).body);
    expect(header).toContain('<nav aria-label="Hoofdmenu"');
    expect(hrefsIn(header)).toEqual(["/", "/gereedschap", "/repaircafe", "/agenda", "/aanmelden", "/inloggen"]);
    expect(header).toMatch(/<a class="site-nav-cta"[^>]* href="\/aanmelden">Aanmelden<\/a>/);
    expect(header).not.toContain("<details");
  });

  it("gives a resident their own pages and the account, no work pages and no counts", async () => {
    const header = headerOf((await get(wijk, "/", people.resident)).body);
    expect(hrefsIn(header)).toEqual(["/", "/gereedschap", "/repaircafe", "/agenda", "/account/leningen", "/reparaties", "/repaircafe#mijn-afspraken", "/klussen", "/account/agenda", "/account"]);
    expect(header).toContain("<details");
    expect(header).not.toContain("nav-badge");
  });

  it("gives a volunteer the desk with what waits today, their work and the resident's pages", async () => {
    const header = headerOf((await get(wijk, "/", people.volunteer)).body);
    expect(hrefsIn(header)).toEqual([
      "/", "/gereedschap", "/repaircafe", "/agenda", "/account/leningen", "/reparaties", "/repaircafe#mijn-afspraken", "/klussen", "/account/agenda", "/balie", "/mijn-werk", "/account",
    ]);
    expect(linkText(header, "/balie")).toBe("Balie, 2 om uit te geven, 1 te laat, 2 reparaties wachten op planning");
    expect(header).toMatch(/<span class="nav-badge" aria-hidden="true">5<\/span>/);
  });

  it("gives a coordinator the management, the desk, the boards and the figures, with their counts", async () => {
    const header = headerOf((await get(wijk, "/", people.coordinator)).body);
    const hrefs = hrefsIn(header);
    for (const href of ["/beheer", "/balie", "/mijn-werk", "/balie/reparaties", "/beheer/klussen", "/beheer/gereedschap/cijfers", "/account"]) expect(hrefs).toContain(href);
    expect(linkText(header, "/beheer")).toBe("Beheer, 1 klus te beoordelen");
    expect(linkText(header, "/balie")).toBe("Balie, 2 om uit te geven, 1 te laat, 2 reparaties wachten op planning");
    // The menu's button says what waits inside it, too.
    expect(header).toMatch(/<summary>Menu<span class="nav-badge" aria-hidden="true">6<\/span><span class="visually-hidden">, 2 om uit te geven, 1 te laat, 2 reparaties wachten op planning, 1 klus te beoordelen<\/span><\/summary>/);
  });

  it("marks the link of the page you are on", async () => {
    const desk = headerOf((await get(wijk, "/balie", people.coordinator)).body);
    expect(desk).toMatch(/<a aria-current="page"[^>]* href="\/balie">/);
    const tool = headerOf((await get(wijk, "/balie/reparaties/nieuw", people.coordinator)).body);
    expect(tool).toMatch(/<a aria-current="true"[^>]* href="\/balie\/reparaties">/);
    expect(tool).not.toContain('aria-current="page"');
  });

  it("counts only this neighbourhood's records, never another's", async () => {
    expect(linkText(headerOf((await get(other, "/", otherCoordinator)).body), "/balie")).toBe("Balie, 6 om uit te geven, 3 te laat, 6 reparaties wachten op planning");
    expect(linkText(headerOf((await get(other, "/", otherCoordinator)).body), "/beheer")).toBe("Beheer, 3 klussen te beoordelen");
    // wijk's counts are still its own (see the volunteer's and coordinator's tests), and a neighbourhood without work shows none.
    expect(headerOf((await get(repairsOnly, "/", repairsOnlyCoordinator)).body)).not.toContain("nav-badge");
    // Another neighbourhood's coordinator's session does not count here: it is a visitor on wijk.
    expect(hrefsIn(headerOf((await get(wijk, "/", otherCoordinator)).body))).toEqual(["/", "/gereedschap", "/repaircafe", "/agenda", "/aanmelden", "/inloggen"]);
  });
});

describe("the index pages list every page of their area", () => {
  const linksOf = (area: "desk" | "manage", role: Role, enabled: readonly OfferingKind[]) =>
    neighbourhoodModules.filter((module) => enabled.includes(module.kind)).flatMap((module) => (module[area]?.links ?? []).filter((link) => !link.roles || link.roles.includes(role)).map((link) => link.href));
  const all = neighbourhoodModules.map((module) => module.kind);

  it("the desk, for a volunteer and a coordinator, with what waits", async () => {
    const forVolunteer = (await get(wijk, "/balie", people.volunteer)).body;
    for (const href of [...linksOf("desk", "volunteer", all), "/mijn-werk"]) expect(hrefsIn(forVolunteer)).toContain(href);
    expect(hrefsIn(forVolunteer)).not.toContain("/balie/reparaties/ords.csv");
    expect(forVolunteer).toContain("2 om uit te geven · 1 te laat");
    expect(hrefsIn((await get(wijk, "/balie", people.coordinator)).body)).toContain("/balie/reparaties/ords.csv");
  });

  it("the management, for a coordinator", async () => {
    const page = (await get(wijk, "/beheer", people.coordinator)).body;
    for (const href of [...linksOf("manage", "coordinator", all), "/beheer/profiel", "/beheer/logboek", "/balie"]) expect(hrefsIn(page)).toContain(href);
    expect(page).toContain("1 klus te beoordelen");
  });

  it("the account, for each role", async () => {
    const resident = hrefsIn((await get(wijk, "/account", people.resident)).body);
    for (const href of ["/account/leningen", "/reparaties", "/repaircafe#mijn-afspraken", "/klussen", "/account/agenda", "/account/gegevens"]) expect(resident).toContain(href);
    expect(resident.filter((href) => href.startsWith("/balie") || href.startsWith("/beheer") || href === "/mijn-werk")).toEqual([]);
    const coordinator = hrefsIn((await get(wijk, "/account", people.coordinator)).body);
    for (const href of ["/mijn-werk", "/balie", "/beheer"]) expect(coordinator).toContain(href);
  });
});

describe("a switched-off module", () => {
  it("has no header link, no desk or manage section, and its routes are 404", async () => {
    const header = headerOf((await get(repairsOnly, "/", repairsOnlyCoordinator)).body);
    const hrefs = hrefsIn(header);
    for (const href of ["/gereedschap", "/account/leningen", "/klussen", "/beheer/klussen", "/beheer/gereedschap/cijfers"]) expect(hrefs).not.toContain(href);
    for (const href of ["/repaircafe", "/reparaties", "/balie/reparaties", "/balie", "/beheer"]) expect(hrefs).toContain(href);

    const desk = await get(repairsOnly, "/balie", repairsOnlyCoordinator);
    expect(desk.status).toBe(200);
    expect(hrefsIn(desk.body)).not.toContain("/balie/uitlenen");
    expect(desk.body).not.toContain('id="meegeven"');
    expect(desk.body).not.toContain("Gereedschap lenen");
    const manage = await get(repairsOnly, "/beheer", repairsOnlyCoordinator);
    expect(hrefsIn(manage.body).filter((href) => href.startsWith("/beheer/gereedschap") || href.startsWith("/beheer/klussen") || href === "/beheer/uitleenregels")).toEqual([]);

    for (const href of ["/gereedschap", "/account/leningen", "/balie/uitlenen", "/beheer/gereedschap", "/klussen", "/beheer/klussen"]) {
      expect((await get(repairsOnly, href, repairsOnlyCoordinator)).status, href).toBe(404);
    }
  });

  it("its 404 page leads back to the neighbourhood's home page and to the platform", async () => {
    const missing = await get(repairsOnly, "/gereedschap");
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('<a href="/">Naar de startpagina van Reparatiewijk</a>');
    expect(missing.body).toContain("Naar alle wijken op Wijkplaats");
    const forbidden = await get(wijk, "/beheer", people.resident);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toContain('<a href="/">Naar de startpagina van Navigatiewijk</a>');
  });
});

describe("choosing the modules", () => {
  it("the platform admin ticks at least one at onboarding, and the neighbourhood starts with exactly those", async () => {
    const admin = await signedInAsPlatformAdmin(database, server);
    const slug = uniqueSlug("nieuw");
    const form = { name: "Nieuwe wijk", slug, coordinatorEmail: `${slug}@example.org` };
    const none = await postForm(server.url(null, "/admin/nieuw"), form, admin.cookie);
    expect(none.status).toBe(200);
    expect(none.body).toContain("Kies minstens één onderdeel.");
    expect(none.body).toContain(`value="${slug}"`);
    expect(await platformDb(database).selectFrom("tenants").select("id").where("slug", "=", slug).executeTakeFirst()).toBeUndefined();

    const made = await postForm(server.url(null, "/admin/nieuw"), { ...form, module_tool_library: "ja", module_home_jobs: "ja" }, admin.cookie);
    expect(made.status).toBe(303);
    const tenant = await platformDb(database).selectFrom("tenants").selectAll().where("slug", "=", slug).executeTakeFirstOrThrow();
    const kinds = (await tenantDb(database, tenant.id).selectFrom("offerings").select("kind").orderBy("position").execute()).map((row) => row.kind);
    expect(kinds).toEqual(["tool_library", "home_jobs"]);
    expect((await request(server.url(slug, "/repaircafe"))).status).toBe(404);
    expect((await request(server.url(slug, "/gereedschap"))).status).toBe(200);
  });

  it("a coordinator switches modules on and off on the profile page", async () => {
    const tenant = await createTenant(database, { slug: uniqueSlug("profiel"), name: "Profielwijk" }, seedNeighbourhood({ offerings: [{ kind: "tool_library" }] }));
    const coordinator = await signedInAs(database, server, tenant, "coordinator");
    expect(hrefsIn(headerOf((await get(tenant, "/", coordinator)).body))).not.toContain("/klussen");
    const saved = await postForm(server.url(tenant.slug, "/beheer/profiel"), { offer_home_jobs: "ja", offer_repairs: "ja" }, coordinator.cookie);
    expect(saved.status).toBe(200);
    const header = hrefsIn(headerOf((await get(tenant, "/", coordinator)).body));
    expect(header).toContain("/klussen");
    expect(header).toContain("/beheer/klussen");
    expect(header).not.toContain("/gereedschap");
    expect((await get(tenant, "/gereedschap", coordinator)).status).toBe(404);
    expect((await get(tenant, "/beheer/klussen", coordinator)).status).toBe(200);
    // Another neighbourhood's coordinator cannot change this one's modules.
    const refused = await postForm(server.url(tenant.slug, "/beheer/profiel"), { offer_tool_library: "ja" }, otherCoordinator.cookie);
    expect(refused.status).not.toBe(200);
    expect((await tenantDb(database, tenant.id).selectFrom("offerings").select("kind").execute()).map((row) => row.kind).sort()).toEqual(["home_jobs", "repairs"]);
  });

  it("npm run tenant:create takes --modules", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "wijkplaats-nav-"));
    try {
      const run = (args: string[]) =>
        promisify(execFile)(path.resolve("node_modules/.bin/tsx"), ["scripts/tenant.ts", "create", ...args], { env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir }, timeout: 60_000 }).then(
          () => ({ code: 0, stderr: "" }),
          (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
        );
      expect(await run(["--slug", "cli-fout", "--name", "Fout", "--modules", "tool_library,bakkerij"])).toEqual({ code: 1, stderr: expect.stringMatching(/^--modules: Kies uit tool_library, /) });
      expect((await run(["--slug", "cli-wijk", "--name", "CLI Wijk", "--modules", "tool_library, repairs"])).code).toBe(0);
      const cliDatabase = await openDatabase({ dataDir, holder: "test" });
      try {
        const tenant = await platformDb(cliDatabase).selectFrom("tenants").select("id").where("slug", "=", "cli-wijk").executeTakeFirstOrThrow();
        expect((await tenantDb(cliDatabase, tenant.id).selectFrom("offerings").select("kind").orderBy("position").execute()).map((row) => row.kind)).toEqual(["tool_library", "repairs"]);
        expect(await platformDb(cliDatabase).selectFrom("tenants").select("id").where("slug", "=", "cli-fout").executeTakeFirst()).toBeUndefined();
      } finally {
        await cliDatabase.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("accepting an invitation", () => {
  async function accept(role: "coordinator" | "volunteer") {
    const email = `${uniqueSlug(role)}@example.org`;
    await inviteMember(tenantDb(database, wijk.id), platformDb(database), { tenant: wijk, siteUrl: server.url(wijk.slug), email, role, invitedBy: people.coordinator.member.id });
    const mail = await platformDb(database).selectFrom("outbox").select("body").where("to_address", "=", email).executeTakeFirstOrThrow();
    const link = /\/uitnodiging\/[a-z0-9]+/.exec(mail.body)![0];
    return postForm(server.url(wijk.slug, link), { name: `Nieuwe ${role}`, password: testPassword });
  }

  it("lands a coordinator on the management and a volunteer on their work", async () => {
    const coordinator = await accept("coordinator");
    expect(coordinator.status).toBe(303);
    expect(coordinator.headers.location).toBe("/beheer");
    expect((await request(server.url(wijk.slug, "/beheer"), { headers: { Cookie: sessionCookieOf(coordinator)! } })).status).toBe(200);
    const volunteer = await accept("volunteer");
    expect(volunteer.headers.location).toBe("/mijn-werk");
    expect((await request(server.url(wijk.slug, "/mijn-werk"), { headers: { Cookie: sessionCookieOf(volunteer)! } })).status).toBe(200);
  });
});
