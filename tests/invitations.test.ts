import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { createAccount } from "~/modules/accounts/accounts.server";
import { inviteMember } from "~/modules/members/invitations.server";
import { addMember } from "~/modules/members/members.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { postForm, request, sessionCookieOf, startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let adminCookie: string;
const password = "samen sterk in de wijk";

const origin = (slug: string | null) => server.url(slug).slice(0, -1);
const post = (slug: string | null, path: string, body: Record<string, string>, cookie = "") => postForm(server.url(slug, path), body, cookie);

/** The link in the newest email to this address, as the invitee would click it. */
async function invitationLink(email: string): Promise<string> {
  const mail = await platformDb(database).selectFrom("outbox").select("body").where("to_address", "=", email).orderBy("id", "desc").executeTakeFirstOrThrow();
  return /http:\/\/\S+\/uitnodiging\/[a-z0-9]+/.exec(mail.body)![0];
}
const pathOf = (link: string) => new URL(link).pathname;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  const admin = await createAccount(platformDb(database), { email: `${uniqueSlug("admin")}@example.org`, password, isPlatformAdmin: true });
  adminCookie = sessionCookieOf(await post(null, "/inloggen", { email: admin.email, password }))!;
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("the first coordinator's invitation", () => {
  it("goes from the admin's onboarding form to a coordinator who manages the neighbourhood", async () => {
    const slug = uniqueSlug("uit");
    const email = `${uniqueSlug("coord")}@example.org`;
    const created = await post(null, "/admin/nieuw", { name: "Uitnodigwijk", slug, coordinatorEmail: email, module_repairs: "ja" }, adminCookie);
    expect(created.status).toBe(303);

    const link = await invitationLink(email);
    expect(link.startsWith(`http://${slug}.localhost:${server.port}/uitnodiging/`)).toBe(true);
    const mail = await platformDb(database).selectFrom("outbox").selectAll().where("to_address", "=", email).executeTakeFirstOrThrow();
    expect(mail.subject).toBe("Uitnodiging voor Uitnodigwijk");
    expect(mail.body).toContain("als coördinator");

    const page = await request(server.url(slug, pathOf(link)));
    expect(page.status).toBe(200);
    expect(page.body).toContain(`Deze uitnodiging is voor ${email}.`);

    const weak = await post(slug, pathOf(link), { name: "Coördinator Cor", password: "kort" });
    expect(weak.body).toContain("Kies een wachtwoord van minstens 8 tekens.");
    expect(weak.body).toContain('value="Coördinator Cor"');

    const accepted = await post(slug, pathOf(link), { name: "Coördinator Cor", password });
    expect(accepted.status).toBe(303);
    const cookie = sessionCookieOf(accepted)!;
    const manage = await request(server.url(slug, "/beheer"), { headers: { Cookie: cookie } });
    expect(manage.status).toBe(200);
    expect(manage.body).toContain("Coördinator Cor");

    // The link works once.
    const replay = await request(server.url(slug, pathOf(link)));
    expect(replay.body).toContain("Deze uitnodiging is al gebruikt.");
    const replayPost = await post(slug, pathOf(link), { name: "Indringer", password: "een ander wachtwoord" });
    expect(sessionCookieOf(replayPost)).toBeUndefined();
    expect(replayPost.body).toContain("Deze uitnodiging is al gebruikt.");
  });

  it("asks for the coordinator's email and keeps the rest of the form", async () => {
    const res = await post(null, "/admin/nieuw", { name: "Zonder", slug: uniqueSlug("zonder"), coordinatorEmail: "geen" }, adminCookie);
    expect(res.body).toContain("Dit is geen geldig e-mailadres.");
    expect(res.body).toContain('value="Zonder"');
  });
});

describe("coordinators inviting volunteers", () => {
  let wijk: TenantRow;
  let coordinatorCookie: string;
  beforeAll(async () => {
    wijk = await createTenant(database, { slug: uniqueSlug("vrij"), name: "Vrijwilligerswijk" });
    const coordinator = await createAccount(platformDb(database), { email: `${uniqueSlug("c")}@example.org`, password });
    await addMember(tenantDb(database, wijk.id), { accountId: coordinator.id, name: "Coördinator", role: "coordinator" });
    coordinatorCookie = sessionCookieOf(await post(wijk.slug, "/inloggen", { email: coordinator.email, password }))!;
  });

  it("a volunteer is invited, joins, and has no coordinator rights", async () => {
    const email = `${uniqueSlug("vol")}@example.org`;
    const sent = await post(wijk.slug, "/beheer", { email, role: "volunteer" }, coordinatorCookie);
    expect(sent.body).toContain(`De uitnodiging voor ${email} is verstuurd.`);
    const link = await invitationLink(email);
    const accepted = await post(wijk.slug, pathOf(link), { name: "Vera Vrijwilliger", password });
    const cookie = sessionCookieOf(accepted)!;
    expect((await request(server.url(wijk.slug, "/account"), { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await request(server.url(wijk.slug, "/beheer"), { headers: { Cookie: cookie } })).status).toBe(403);
    // A volunteer cannot invite anyone either.
    const attempt = await post(wijk.slug, "/beheer", { email: "nog@example.org", role: "coordinator" }, cookie);
    expect(attempt.status).toBe(403);
  });

  it("explains a bad email or role next to the field", async () => {
    const res = await post(wijk.slug, "/beheer", { email: "x@", role: "koning" }, coordinatorCookie);
    expect(res.body).toContain("Dit is geen geldig e-mailadres.");
    expect(res.body).toContain("Kies een rol.");
    expect(res.body).toContain('value="x@"');
  });

  it("someone with an account elsewhere joins with their own password, which is checked", async () => {
    const other = await createTenant(database, { slug: uniqueSlug("ander"), name: "Andere wijk" });
    const existing = await createAccount(platformDb(database), { email: `${uniqueSlug("bestaand")}@example.org`, password });
    await addMember(tenantDb(database, other.id), { accountId: existing.id, name: "Bas", role: "resident" });
    await post(wijk.slug, "/beheer", { email: existing.email, role: "volunteer" }, coordinatorCookie);
    const link = await invitationLink(existing.email);
    const page = await request(server.url(wijk.slug, pathOf(link)));
    expect(page.body).toContain("Je hebt al een account op Wijkplaats.");

    const wrong = await post(wijk.slug, pathOf(link), { name: "Bas", password: "niet mijn wachtwoord" });
    expect(wrong.body).toContain("Dit e-mailadres en wachtwoord horen niet bij elkaar");
    const right = await post(wijk.slug, pathOf(link), { name: "Bas", password });
    expect(right.status).toBe(303);
    // One identity, a separate record in each neighbourhood.
    const inWijk = await tenantDb(database, wijk.id).selectFrom("members").select("role").where("account_id", "=", existing.id).executeTakeFirstOrThrow();
    const inOther = await tenantDb(database, other.id).selectFrom("members").select("role").where("account_id", "=", existing.id).executeTakeFirstOrThrow();
    expect([inWijk.role, inOther.role]).toEqual(["volunteer", "resident"]);
  });

  it("a link is worthless on another neighbourhood's host, and after it expires", async () => {
    const other = await createTenant(database, { slug: uniqueSlug("elders"), name: "Elders" });
    const email = `${uniqueSlug("reis")}@example.org`;
    await post(wijk.slug, "/beheer", { email, role: "volunteer" }, coordinatorCookie);
    const link = await invitationLink(email);
    const elsewhere = await post(other.slug, pathOf(link), { name: "Reiziger", password });
    expect(elsewhere.body).toContain("Deze uitnodiging kennen we niet.");
    expect(sessionCookieOf(elsewhere)).toBeUndefined();

    await tenantDb(database, wijk.id).updateTable("invitations").set({ expires_at: new Date(Date.now() - 1000) }).where("email", "=", email).execute();
    const late = await post(wijk.slug, pathOf(link), { name: "Laat", password });
    expect(late.body).toContain("Deze uitnodiging is verlopen.");
    expect(sessionCookieOf(late)).toBeUndefined();
  });

  it("never lowers the role of someone already here, and is void once the inviter is no longer coordinator", async () => {
    const coordinator = await createAccount(platformDb(database), { email: `${uniqueSlug("hoog")}@example.org`, password });
    const coordinatorMember = await addMember(tenantDb(database, wijk.id), { accountId: coordinator.id, name: "Hoog", role: "coordinator" });
    await inviteMember(tenantDb(database, wijk.id), platformDb(database), { tenant: wijk, siteUrl: origin(wijk.slug), email: coordinator.email, role: "volunteer", invitedBy: null });
    const link = await invitationLink(coordinator.email);
    expect((await post(wijk.slug, pathOf(link), { name: "Hoog", password })).status).toBe(303);
    const role = await tenantDb(database, wijk.id).selectFrom("members").select("role").where("id", "=", coordinatorMember.id).executeTakeFirstOrThrow();
    expect(role.role).toBe("coordinator");

    // Hoog invites someone, then is demoted: that invitation no longer opens the door.
    const email = `${uniqueSlug("later")}@example.org`;
    await inviteMember(tenantDb(database, wijk.id), platformDb(database), { tenant: wijk, siteUrl: origin(wijk.slug), email, role: "coordinator", invitedBy: coordinatorMember.id });
    await tenantDb(database, wijk.id).updateTable("members").set({ role: "resident" }).where("id", "=", coordinatorMember.id).execute();
    const attempt = await post(wijk.slug, pathOf(await invitationLink(email)), { name: "Later", password });
    expect(attempt.body).toContain("Deze uitnodiging geldt niet meer.");
    expect(sessionCookieOf(attempt)).toBeUndefined();
  });

  it("two people opening the same link at the same moment: exactly one gets in", async () => {
    const email = `${uniqueSlug("dubbel")}@example.org`;
    await inviteMember(tenantDb(database, wijk.id), platformDb(database), { tenant: wijk, siteUrl: origin(wijk.slug), email, role: "volunteer", invitedBy: null });
    const link = await invitationLink(email);
    const answers = await Promise.all([1, 2, 3, 4].map((n) => post(wijk.slug, pathOf(link), { name: `Persoon ${n}`, password })));
    expect(answers.filter((a) => sessionCookieOf(a)).length).toBe(1);
    const members = await tenantDb(database, wijk.id).selectFrom("members").select("name").where("name", "like", "Persoon %").execute();
    expect(members).toHaveLength(1);
  });
});
