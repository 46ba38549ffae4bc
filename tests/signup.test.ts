import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { createAccount } from "~/modules/accounts/accounts.server";
import { addMember } from "~/modules/members/members.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { postForm, request, sessionCookieOf, startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let wijk: TenantRow;
let other: TenantRow;
const password = "mijn fiets is weer heel";

const post = (slug: string, path: string, body: Record<string, string>) => postForm(server.url(slug, path), body);

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("aanmeld"), name: "Aanmeldwijk" });
  other = await createTenant(database, { slug: uniqueSlug("andere"), name: "Andere wijk" });
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("a resident signs up on their neighbourhood's site", () => {
  it("with name, email, password and agreement to the privacy statement, which is recorded", async () => {
    const email = `${uniqueSlug("bewoner")}@example.org`;
    const res = await post(wijk.slug, "/aanmelden", { name: "Fatima", email, password, privacy: "ja" });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/account");
    const account = await request(server.url(wijk.slug, "/account"), { headers: { Cookie: sessionCookieOf(res)! } });
    expect(account.body).toContain(`Ingelogd als ${email}`);
    const member = await tenantDb(database, wijk.id).selectFrom("members").selectAll().where("name", "=", "Fatima").executeTakeFirstOrThrow();
    expect(member.role).toBe("resident");
    expect(member.privacy_accepted_at).toBeInstanceOf(Date);
    // Nothing of it in the other neighbourhood.
    expect(await tenantDb(database, other.id).selectFrom("members").select("id").where("name", "=", "Fatima").executeTakeFirst()).toBeUndefined();
  });

  it("explains every problem next to its field and keeps name and email", async () => {
    const res = await post(wijk.slug, "/aanmelden", { name: "", email: "fout", password: "" });
    expect(res.status).toBe(200);
    expect(res.body).toContain("Vul je naam in.");
    expect(res.body).toContain("Dit is geen geldig e-mailadres.");
    expect(res.body).toContain("Vul je wachtwoord in.");
    expect(res.body).toContain("Je kunt je alleen aanmelden als je akkoord gaat met de privacyverklaring.");
    const weak = await post(wijk.slug, "/aanmelden", { name: "Kees", email: `${uniqueSlug("kees")}@example.org`, password: "password1", privacy: "ja" });
    expect(weak.body).toContain("Dit wachtwoord wordt heel vaak gebruikt");
    expect(weak.body).toContain('value="Kees"');
    expect(weak.body).not.toContain("password1");
  });

  it("lets someone with an account in another neighbourhood join with that password, and only with it", async () => {
    const account = await createAccount(platformDb(database), { email: `${uniqueSlug("twee")}@example.org`, password });
    await addMember(tenantDb(database, other.id), { accountId: account.id, name: "Ans elders", role: "volunteer" });
    const wrong = await post(wijk.slug, "/aanmelden", { name: "Ans", email: account.email, password: "een ander lang wachtwoord", privacy: "ja" });
    expect(wrong.body).toContain("Er is al een account met dit e-mailadres.");
    expect(sessionCookieOf(wrong)).toBeUndefined();
    const right = await post(wijk.slug, "/aanmelden", { name: "Ans", email: account.email, password, privacy: "ja" });
    expect(right.status).toBe(303);
    const here = await tenantDb(database, wijk.id).selectFrom("members").select(["name", "role"]).where("account_id", "=", account.id).executeTakeFirstOrThrow();
    expect(here).toEqual({ name: "Ans", role: "resident" });
  });

  it("shows the privacy statement in plain Dutch", async () => {
    const page = await request(server.url(wijk.slug, "/privacy"));
    expect(page.status).toBe(200);
    expect(page.body).toContain("Alleen de coördinatoren van deze wijk zien je gegevens.");
  });
});

describe("brute force", () => {
  it("throttles password guessing per account, with a clear Dutch message, even for the right password", async () => {
    const account = await createAccount(platformDb(database), { email: `${uniqueSlug("doel")}@example.org`, password });
    await addMember(tenantDb(database, wijk.id), { accountId: account.id, name: "Doel", role: "resident" });
    for (let attempt = 0; attempt < 10; attempt++) {
      const guess = await post(wijk.slug, "/inloggen", { email: account.email, password: `gok nummer ${attempt}` });
      expect(guess.body).toContain("Dit e-mailadres en wachtwoord horen niet bij elkaar");
    }
    const blocked = await post(wijk.slug, "/inloggen", { email: account.email, password });
    expect(sessionCookieOf(blocked)).toBeUndefined();
    expect(blocked.body).toContain("Je hebt het te vaak geprobeerd. Wacht een kwartier");
  });

  it("throttles sign-ups per IP address", async () => {
    let last = "";
    for (let attempt = 0; attempt < 11; attempt++) {
      const res = await post(wijk.slug, "/aanmelden", { name: "Bot", email: `${uniqueSlug("bot")}@example.org`, password: "een bot met een lange zin", privacy: "ja" });
      last = res.body;
    }
    expect(last).toContain("Je hebt het te vaak geprobeerd.");
  });
});
