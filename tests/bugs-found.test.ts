// Bugs found in review (issue 9, part 6), each with a test that fails without its fix.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { changeRole, registerAtDesk } from "~/modules/members/members.server";
import { deleteOwnAccount } from "~/modules/members/self-service.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { assessJob, assessmentSchema, estimateJob, estimateSchema, requestJob } from "~/modules/home-jobs/jobs.server";
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

const noStorage = { put: async () => {}, get: async () => null, remove: async () => {} };

describe("home jobs: policy and questions agree, and the resident can say no to the costs", () => {
  it("the default policy asks the same questions as the assessment form, with the same meaning of yes", async () => {
    const coordinator = await signedInAs(database, server, tenant, "coordinator");
    const resident = await signedInAs(database, server, tenant, "resident");
    const made = await requestJob(tenantDb(database, tenant.id), noStorage, tenant.id, { description: "Lamp ophangen", address: null, urgency: "low", memberId: null, partnerId: null, actor: resident.member, photos: [] });
    if (!made.ok) throw new Error("requesting the job failed");
    const page = (await get(`/beheer/klussen/${made.jobId}`, coordinator.cookie)).body;
    expect(page).toContain("1. Kun je het zelf doen, of met hulp van familie, buren of vrienden? Dan helpen we niet.");
    expect(page).toContain("Kan de bewoner het zelf doen, of met hulp van familie, buren of vrienden? Ja: dan helpen we niet.");
    expect(page).not.toContain("Kun je het niet zelf doen");
  });

  it("the resident declines the estimate; the coordinator sees it and can send new costs", async () => {
    const db = tenantDb(database, tenant.id);
    const coordinator = await signedInAs(database, server, tenant, "coordinator");
    const resident = await signedInAs(database, server, tenant, "resident");
    const made = await requestJob(db, noStorage, tenant.id, { description: "Kraan vervangen", address: "Dorpsstraat 1", urgency: "normal", memberId: null, partnerId: null, actor: resident.member, photos: [] });
    if (!made.ok) throw new Error("requesting the job failed");
    const notify = { tenantId: tenant.id, tenantName: tenant.name, siteUrl: server.url(tenant.slug) };
    const assessment = assessmentSchema.parse({ seen: "requested", canDoSelf: "nee", canPayCompany: "nee", helpingHand: "ja", decision: "assessed", reason: "We helpen graag." });
    expect((await assessJob(db, made.jobId, assessment, coordinator.member.id, notify)).ok).toBe(true);
    expect((await estimateJob(db, made.jobId, estimateSchema.parse({ seen: "assessed", estimate: "45", estimateDescription: "Nieuwe kraan" }), notify)).ok).toBe(true);

    const page = (await get(`/klussen/${made.jobId}`, resident.cookie)).body;
    expect(page).toContain('value="accept"');
    expect(page).toContain("Nee, ik ga niet akkoord met de kosten");
    const declined = await postForm(server.url(tenant.slug, `/klussen/${made.jobId}`), { seen: "estimated", answer: "decline" }, resident.cookie);
    expect(declined.body).toContain("Je gaat niet akkoord met de kosten.");
    const status = async () => (await db.selectFrom("home_jobs").select("status").where("id", "=", made.jobId).executeTakeFirstOrThrow()).status;
    expect(await status()).toBe("estimate_declined");

    const board = (await get(`/beheer/klussen/${made.jobId}`, coordinator.cookie)).body;
    expect(board).toContain("De bewoner gaat niet akkoord met de kosten.");
    expect(board).toContain('name="intent" value="estimate"');
    expect((await estimateJob(db, made.jobId, estimateSchema.parse({ seen: "estimate_declined", estimate: "20", estimateDescription: "Tweedehands kraan" }), notify)).ok).toBe(true);
    expect(await status()).toBe("estimated");
    // Someone else cannot answer for the resident.
    const stranger = await signedInAs(database, server, tenant, "volunteer");
    expect((await postForm(server.url(tenant.slug, `/klussen/${made.jobId}`), { seen: "estimated", answer: "decline" }, stranger.cookie)).status).toBe(404);
    expect(await status()).toBe("estimated");
  });
});

describe("invitations on the coordinators' page", () => {
  it("inviting someone who is already a member says so and sends nothing", async () => {
    const coordinator = await signedInAs(database, server, tenant, "coordinator");
    const resident = await signedInAs(database, server, tenant, "resident");
    const res = await postForm(server.url(tenant.slug, "/beheer"), { intent: "invite", email: resident.email.toUpperCase(), role: "volunteer" }, coordinator.cookie);
    expect(res.body).toContain("Deze persoon doet al mee in deze wijk. We hebben geen uitnodiging verstuurd.");
    expect(res.body).not.toContain("is verstuurd");
    expect(await tenantDb(database, tenant.id).selectFrom("invitations").select("id").where("email", "=", resident.email).executeTakeFirst()).toBeUndefined();
    expect(await platformDb(database).selectFrom("outbox").select("id").where("to_address", "=", resident.email).executeTakeFirst()).toBeUndefined();
  });

  it("lists open invitations and withdraws one, after which its link no longer works; another neighbourhood cannot", async () => {
    const coordinator = await signedInAs(database, server, tenant, "coordinator");
    const email = `${uniqueSlug("uitgenodigd")}@example.org`;
    await postForm(server.url(tenant.slug, "/beheer"), { intent: "invite", email, role: "volunteer" }, coordinator.cookie);
    const mail = await platformDb(database).selectFrom("outbox").select("body").where("to_address", "=", email).executeTakeFirstOrThrow();
    const link = new URL(/https?:\/\/\S+\/uitnodiging\/\S+/.exec(mail.body)![0]!).pathname;
    expect((await get(link, "")).body).not.toContain("Deze uitnodiging kennen we niet");
    const page = (await get("/beheer", coordinator.cookie)).body;
    expect(page).toContain(`${email}, als vrijwilliger`);
    const invitation = await tenantDb(database, tenant.id).selectFrom("invitations").select("id").where("email", "=", email).executeTakeFirstOrThrow();

    const other = await createTenant(database, { slug: uniqueSlug("anders"), name: "Andere wijk" });
    const otherCoordinator = await signedInAs(database, server, other, "coordinator");
    await postForm(server.url(other.slug, "/beheer"), { intent: "withdraw", invitationId: invitation.id }, otherCoordinator.cookie);
    expect((await get("/beheer", coordinator.cookie)).body).toContain(`${email}, als vrijwilliger`);

    const withdrawn = await postForm(server.url(tenant.slug, "/beheer"), { intent: "withdraw", invitationId: invitation.id }, coordinator.cookie);
    expect(withdrawn.body).toContain("De uitnodiging is ingetrokken.");
    expect(withdrawn.body).not.toContain(`${email}, als vrijwilliger`);
    expect((await get(link, "")).body).toContain("Deze uitnodiging kennen we niet");
  });
});

describe("the repair desk says what really happens", () => {
  it("does not promise a message to a resident without email", async () => {
    const db = tenantDb(database, tenant.id);
    const coordinator = await signedInAs(database, server, tenant, "coordinator");
    const registered = await registerRepair(db, noStorage, tenant.id, { kind: "bicycle", brand: "Batavus", fault: "Lekke band", learnMyself: false, newName: "Meneer Zonder Mail" }, [], coordinator.member.id);
    if (!registered.ok) throw new Error("registering the repair failed");
    const context = { actor: coordinator.member.id, tenant, siteUrl: server.url(tenant.slug) };
    expect((await changeRepairStatus(db, registered.repairId, { expected: "registered", to: "in_progress" }, context)).ok).toBe(true);
    const closed = await postForm(
      server.url(tenant.slug, `/balie/reparaties/${registered.repairId}`),
      { intent: "close", expected: "in_progress", outcome: "repaired", productCategory: "Misc", barrier: "", problem: "", year: "", contribution: "0", payment: "cash" },
      coordinator.cookie,
    );
    expect(closed.body).toContain("Afgerond. Deze bewoner heeft geen e-mail.");
    expect(closed.body).not.toContain("De bewoner krijgt bericht.");
  });
});

describe("the platform admin", () => {
  it("gets a confirmation after onboarding: what was made, where the invitation went, a link to the site", async () => {
    const admin = await signedInAsPlatformAdmin(database, server);
    const slug = uniqueSlug("bevestigd");
    const email = `${uniqueSlug("eerste")}@example.org`;
    const created = await postForm(server.url(null, "/admin/nieuw"), { name: "Bevestigwijk", slug, municipality: "Ede", coordinatorEmail: email, module_tool_library: "ja" }, admin.cookie);
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe(`/admin/nieuw?klaar=${slug}`);
    const page = (await request(server.url(null, created.headers.location as string), { headers: { Cookie: admin.cookie } })).body;
    expect(page).toContain("De wijk is aangemaakt");
    expect(page).toContain("Bevestigwijk is aangemaakt");
    expect(page).toContain(`De uitnodiging voor de eerste coördinator is verstuurd naar ${email}.`);
    expect(page).toContain(`href="${server.url(slug)}"`);
  });

  it("opens /admin and logs in there, as admin:create and the README say", async () => {
    const loggedOut = await request(server.url(null, "/admin"));
    expect(loggedOut.status).toBe(303);
    expect(loggedOut.headers.location).toBe("/inloggen?terug=%2Fadmin");
    const admin = await signedInAsPlatformAdmin(database, server);
    expect((await request(server.url(null, "/admin"), { headers: { Cookie: admin.cookie } })).status).toBe(200);
    expect(readFileSync("scripts/admin.ts", "utf8")).toContain("Open /admin on the platform's own domain");
    expect(readFileSync("README.md", "utf8")).toContain("open `http://localhost:3000/admin` and log in there");
  });
});
