// Bugs found in review (issue 9, part 6), each with a test that fails without its fix.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { changeRole, registerAtDesk } from "~/modules/members/members.server";
import { deleteOwnAccount } from "~/modules/members/self-service.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { changeRepairStatus, registerRepair } from "~/modules/repairs/repairs.server";
import { languageCookie } from "~/i18n/language.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { signedInAs, signedInAsPlatformAdmin } from "./support/people";
import { postForm, request, startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let tenant: TenantRow;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  tenant = await createTenant(database, { slug: uniqueSlug("fouten"), name: "Foutenwijk" }, seedNeighbourhood({ city: "Foutstad" }));
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

describe("a neighbourhood keeps a coordinator who can log in", () => {
  it("a coordinator cannot step down when the only other coordinator was registered at the desk without an account", async () => {
    const own = await createTenant(database, { slug: uniqueSlug("coord"), name: "Coördinatorwijk" });
    const db = tenantDb(database, own.id);
    const coordinator = await signedInAs(database, server, own, "coordinator");
    const withoutLogin = await registerAtDesk(db, { name: "Door de balie", phone: null, address: null, notes: null }, coordinator.member.id);
    expect(await changeRole(db, withoutLogin.id, "coordinator", coordinator.member.id)).toBe("ok");

    expect(await changeRole(db, coordinator.member.id, "resident", coordinator.member.id)).toBe("last_coordinator");
    expect(await deleteOwnAccount(db, platformDb(database), own.id, coordinator.member.account_id!)).toBe("last_coordinator");
    expect((await db.selectFrom("members").select("role").where("id", "=", coordinator.member.id).executeTakeFirstOrThrow()).role).toBe("coordinator");

    // A coordinator without a login can still be made resident again, and one with a login frees the first.
    expect(await changeRole(db, withoutLogin.id, "resident", coordinator.member.id)).toBe("ok");
    const second = await signedInAs(database, server, own, "coordinator");
    expect(await changeRole(db, coordinator.member.id, "resident", second.member.id)).toBe("ok");
  });
});

const get = (path: string, cookie: string, lang: "nl" | "en" = "nl") =>
  languageCookie.serialize(lang).then((langCookie) => request(server.url(tenant.slug, path), { headers: { Cookie: `${cookie}; ${langCookie.split(";")[0]}` } }));

describe("Dutch pages say things in Dutch, and about the right person", () => {
  it("the audit log names roles in the reader's language, not as codes", async () => {
    const coordinator = await signedInAs(database, server, tenant, "coordinator");
    const resident = await signedInAs(database, server, tenant, "resident", "Rian Rolwissel");
    expect(await changeRole(tenantDb(database, tenant.id), resident.member.id, "volunteer", coordinator.member.id)).toBe("ok");
    expect((await get("/beheer/logboek", coordinator.cookie)).body).toContain("Rol van Rian Rolwissel veranderd van bewoner naar vrijwilliger");
    expect((await get("/beheer/logboek", coordinator.cookie, "en")).body).toContain("Role of Rian Rolwissel changed from resident to volunteer");
  });

  it("a sign-up is logged as a sign-up, not as joining through an invitation", async () => {
    const coordinator = await signedInAs(database, server, tenant, "coordinator");
    const res = await postForm(server.url(tenant.slug, "/aanmelden"), { name: "Sanne Zelf", email: `${uniqueSlug("zelf")}@example.org`, password: "een lang wachtwoord voor de buurt", privacy: "ja" });
    expect(res.status).toBe(303);
    const log = (await get("/beheer/logboek", coordinator.cookie)).body;
    expect(log).toContain("Sanne Zelf heeft zich zelf aangemeld");
    expect(log).not.toContain("Sanne Zelf doet mee via een uitnodiging");
  });

  it("the repair closing form shows the product categories in Dutch and sends the standard's codes", async () => {
    const coordinator = await signedInAs(database, server, tenant, "coordinator");
    const db = tenantDb(database, tenant.id);
    const noStorage = { put: async () => {}, get: async () => null, remove: async () => {} };
    const registered = await registerRepair(db, noStorage, tenant.id, { kind: "appliance", brand: "Princess", fault: "Gaat niet aan", learnMyself: false, memberId: coordinator.member.id }, [], coordinator.member.id);
    if (!registered.ok) throw new Error("registering the repair failed");
    const context = { actor: coordinator.member.id, tenant, siteUrl: server.url(tenant.slug) };
    expect((await changeRepairStatus(db, registered.repairId, { expected: "registered", to: "in_progress" }, context)).ok).toBe(true);
    const page = (await get(`/balie/reparaties/${registered.repairId}`, coordinator.cookie)).body;
    expect(page).toContain('<option value="Small kitchen item">Klein keukenapparaat</option>');
    expect(page).toContain('<option value="Kettle">Waterkoker</option>');
    expect(page).not.toContain(">Battery/charger/adapter<");
    expect((await get(`/balie/reparaties/${registered.repairId}`, coordinator.cookie, "en")).body).toContain('<option value="Vacuum">Vacuum cleaner</option>');
  });

  it("a form about someone else asks for the name or email address, not for 'your' name or email", async () => {
    const coordinator = await signedInAs(database, server, tenant, "coordinator");
    const desk = await postForm(server.url(tenant.slug, "/beheer"), { intent: "register", name: " " }, coordinator.cookie);
    expect(desk.body).toContain("Vul de naam in.");
    expect(desk.body).not.toContain("Vul je naam in.");
    const invite = await postForm(server.url(tenant.slug, "/beheer"), { intent: "invite", email: "", role: "volunteer" }, coordinator.cookie);
    expect(invite.body).toContain("Vul het e-mailadres in.");

    const admin = await signedInAsPlatformAdmin(database, server);
    const onboarding = await postForm(server.url(null, "/admin/nieuw"), { name: "Nieuwe wijk", slug: uniqueSlug("nieuw"), coordinatorEmail: "" }, admin.cookie);
    expect(onboarding.body).toContain("Vul het e-mailadres in.");
    expect(onboarding.body).not.toContain("Vul je e-mailadres in.");
  });
});
