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
const oldPassword = "mijn oude wachtwoord zin";
const newPassword = "mijn nieuwe wachtwoord zin";

const post = (path: string, body: Record<string, string>, cookie = "") => postForm(server.url(wijk.slug, path), body, cookie);

async function linkIn(email: string, path: string): Promise<string | undefined> {
  const mails = await platformDb(database).selectFrom("outbox").select("body").where("to_address", "=", email).orderBy("id", "desc").execute();
  const match = mails.map((m) => new RegExp(`http://\\S+(${path}/[a-z0-9]+)`).exec(m.body)).find(Boolean);
  return match?.[1];
}

async function member() {
  const account = await createAccount(platformDb(database), { email: `${uniqueSlug("vergeet")}@example.org`, password: oldPassword });
  await addMember(tenantDb(database, wijk.id), { accountId: account.id, name: "Vergeetachtig", role: "resident" });
  return account;
}

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("herstel"), name: "Herstelwijk" });
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("password reset", () => {
  it("gives the same answer for known and unknown addresses, and mails only the known one", async () => {
    const account = await member();
    const known = await post("/wachtwoord-vergeten", { email: account.email });
    const unknown = await post("/wachtwoord-vergeten", { email: "niemand-hier@example.org" });
    expect(known.body).toContain("Als dit e-mailadres bij ons bekend is");
    expect(unknown.body).toContain("Als dit e-mailadres bij ons bekend is");
    expect(await linkIn(account.email, "/wachtwoord-herstellen")).toBeDefined();
    expect(await linkIn("niemand-hier@example.org", "/wachtwoord-herstellen")).toBeUndefined();
  });

  it("sets a new password once, ending every old session", async () => {
    const account = await member();
    const oldSession = sessionCookieOf(await post("/inloggen", { email: account.email, password: oldPassword }))!;
    await post("/wachtwoord-vergeten", { email: account.email });
    const link = (await linkIn(account.email, "/wachtwoord-herstellen"))!;
    const weak = await post(link, { password: "123" });
    expect(weak.body).toContain("Kies een wachtwoord van minstens 8 tekens.");

    const done = await post(link, { password: newPassword });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe("/inloggen?hersteld=1");
    expect((await request(server.url(wijk.slug, "/account"), { headers: { Cookie: oldSession } })).status).toBe(303);
    expect(sessionCookieOf(await post("/inloggen", { email: account.email, password: oldPassword }))).toBeUndefined();
    expect(sessionCookieOf(await post("/inloggen", { email: account.email, password: newPassword }))).toBeDefined();

    const replay = await post(link, { password: "nog een ander wachtwoord" });
    expect(replay.body).toContain("Deze link is al gebruikt.");
    expect(sessionCookieOf(await post("/inloggen", { email: account.email, password: "nog een ander wachtwoord" }))).toBeUndefined();
  });

  it("refuses an expired link", async () => {
    const account = await member();
    await post("/wachtwoord-vergeten", { email: account.email });
    const link = (await linkIn(account.email, "/wachtwoord-herstellen"))!;
    await platformDb(database).updateTable("account_tokens").set({ expires_at: new Date(Date.now() - 1000) }).where("account_id", "=", account.id).execute();
    expect((await request(server.url(wijk.slug, link))).body).toContain("Deze link is verlopen.");
    expect((await post(link, { password: newPassword })).body).toContain("Deze link is verlopen.");
  });

  it("throttles reset requests per account", async () => {
    const account = await member();
    let last = "";
    for (let i = 0; i < 6; i++) last = (await post("/wachtwoord-vergeten", { email: account.email })).body;
    expect(last).toContain("Je hebt het te vaak geprobeerd.");
    const mails = await platformDb(database).selectFrom("outbox").select("id").where("to_address", "=", account.email).execute();
    expect(mails).toHaveLength(5);
  });
});

describe("email verification", () => {
  it("a new resident confirms their address with a link that works once", async () => {
    const email = `${uniqueSlug("nieuw")}@example.org`;
    await post("/aanmelden", { name: "Nieuw", email, password: newPassword, privacy: "ja" });
    const link = (await linkIn(email, "/email-bevestigen"))!;
    const before = await platformDb(database).selectFrom("accounts").select("email_verified_at").where("email", "=", email).executeTakeFirstOrThrow();
    expect(before.email_verified_at).toBeNull();
    expect((await request(server.url(wijk.slug, link))).body).toContain("Je e-mailadres is bevestigd.");
    const after = await platformDb(database).selectFrom("accounts").select("email_verified_at").where("email", "=", email).executeTakeFirstOrThrow();
    expect(after.email_verified_at).toBeInstanceOf(Date);
    expect((await request(server.url(wijk.slug, link))).body).toContain("Deze link is al gebruikt.");
  });
});
