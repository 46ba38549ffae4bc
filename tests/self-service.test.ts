import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { createAccount } from "~/modules/accounts/accounts.server";
import { addMember } from "~/modules/members/members.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { postForm, request, startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let wijk: TenantRow;
let other: TenantRow;
const password = "mijn gegevens zijn van mij";

const post = (slug: string, path: string, body: Record<string, string>, cookie = "") => postForm(server.url(slug, path), body, cookie);

async function resident(tenant: TenantRow, name: string) {
  const account = await createAccount(platformDb(database), { email: `${uniqueSlug("eigen")}@example.org`, password });
  const member = await addMember(tenantDb(database, tenant.id), { accountId: account.id, name, role: "resident", phone: "06 11 22 33 44", notes: "Heeft een rollator" });
  const login = await post(tenant.slug, "/inloggen", { email: account.email, password });
  return { account, member, cookie: login.headers["set-cookie"]![0]!.split(";")[0]! };
}

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("zelf"), name: "Zelfwijk" });
  other = await createTenant(database, { slug: uniqueSlug("buur"), name: "Buurwijk" });
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("a resident's own data", () => {
  it("edits their own details, with errors next to the field", async () => {
    const { member, cookie } = await resident(wijk, "Henk");
    const bad = await post(wijk.slug, "/account", { intent: "profile", name: "", phone: "0612", address: "Kerkstraat 5" }, cookie);
    expect(bad.body).toContain("Vul je naam in.");
    expect(bad.body).toContain('value="Kerkstraat 5"');
    const ok = await post(wijk.slug, "/account", { intent: "profile", name: "Henk de Vries", phone: "", address: "Kerkstraat 5" }, cookie);
    expect(ok.body).toContain("Je gegevens zijn opgeslagen.");
    const row = await tenantDb(database, wijk.id).selectFrom("members").selectAll().where("id", "=", member.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: "Henk de Vries", phone: null, address: "Kerkstraat 5" });
  });

  it("downloads everything kept about them as JSON, and the download is logged", async () => {
    const { account, cookie } = await resident(wijk, "Ineke");
    const res = await request(server.url(wijk.slug, "/account/gegevens"), { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers["content-disposition"]).toContain("attachment");
    const data = JSON.parse(res.body);
    expect(data.account.email).toBe(account.email);
    expect(data.neighbourhoodRecord).toMatchObject({ name: "Ineke", phone: "06 11 22 33 44", notes: "Heeft een rollator" });
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    const logged = await tenantDb(database, wijk.id).selectFrom("audit_log").select("action").where("action", "=", "data_exported").execute();
    expect(logged.length).toBeGreaterThanOrEqual(1);
    // Not on another neighbourhood's host, not without a session.
    expect((await request(server.url(other.slug, "/account/gegevens"), { headers: { Cookie: cookie } })).status).toBe(303);
    expect((await request(server.url(wijk.slug, "/account/gegevens"))).status).toBe(303);
  });

  it("deletes their account and data after confirming, which ends every session", async () => {
    const { account, member, cookie } = await resident(wijk, "Jan");
    const unconfirmed = await post(wijk.slug, "/account", { intent: "delete" }, cookie);
    expect(unconfirmed.body).toContain("Zet een vinkje als je het zeker weet.");
    expect(await tenantDb(database, wijk.id).selectFrom("members").select("id").where("id", "=", member.id).executeTakeFirst()).toBeDefined();

    const deleted = await post(wijk.slug, "/account", { intent: "delete", confirm: "ja" }, cookie);
    expect(deleted.status).toBe(303);
    expect(await tenantDb(database, wijk.id).selectFrom("members").select("id").where("id", "=", member.id).executeTakeFirst()).toBeUndefined();
    expect(await platformDb(database).selectFrom("accounts").select("id").where("id", "=", account.id).executeTakeFirst()).toBeUndefined();
    expect(await platformDb(database).selectFrom("sessions").select("id").where("account_id", "=", account.id).executeTakeFirst()).toBeUndefined();
    expect((await request(server.url(wijk.slug, "/account"), { headers: { Cookie: cookie } })).status).toBe(303);
    // The log keeps that it happened, pointing at nobody.
    const log = await tenantDb(database, wijk.id).selectFrom("audit_log").select(["subject_member_id", "details"]).where("action", "=", "member_deleted").execute();
    expect(log).toContainEqual({ subject_member_id: null, details: {} });
  });

  it("keeps the last coordinator from deleting themselves", async () => {
    const lone = await createTenant(database, { slug: uniqueSlug("alleen"), name: "Alleen" });
    const account = await createAccount(platformDb(database), { email: `${uniqueSlug("enige")}@example.org`, password });
    await addMember(tenantDb(database, lone.id), { accountId: account.id, name: "Enige", role: "coordinator" });
    const cookie = (await post(lone.slug, "/inloggen", { email: account.email, password })).headers["set-cookie"]![0]!.split(";")[0]!;
    const res = await post(lone.slug, "/account", { intent: "delete", confirm: "ja" }, cookie);
    expect(res.body).toContain("Een wijk heeft altijd minstens één coördinator.");
    expect(await platformDb(database).selectFrom("accounts").select("id").where("id", "=", account.id).executeTakeFirst()).toBeDefined();
  });
});

describe("deleting in one neighbourhood while a member of another", () => {
  it("removes the record here and keeps the login for the other neighbourhood", async () => {
    const email = `${uniqueSlug("twee")}@example.org`;
    const here = await postForm(server.url(wijk.slug, "/aanmelden"), { name: "Tweelingwijk", email, password, privacy: "ja" });
    await postForm(server.url(other.slug, "/aanmelden"), { name: "Tweelingwijk", email, password, privacy: "ja" });
    const cookie = here.headers["set-cookie"]![0]!.split(";")[0]!;
    expect((await post(wijk.slug, "/account", { intent: "delete", confirm: "ja" }, cookie)).status).toBe(303);
    expect(await tenantDb(database, wijk.id).selectFrom("members").select("id").where("name", "=", "Tweelingwijk").executeTakeFirst()).toBeUndefined();
    expect(await tenantDb(database, other.id).selectFrom("members").select("id").where("name", "=", "Tweelingwijk").executeTakeFirst()).toBeDefined();
    const elsewhere = await postForm(server.url(other.slug, "/inloggen"), { email, password });
    expect(elsewhere.status).toBe(303);
    expect((await request(server.url(wijk.slug, "/account"), { headers: { Cookie: cookie } })).status).toBe(303);
  });

  it("two coordinators leaving at the same moment cannot leave the neighbourhood without one", async () => {
    const pair = await createTenant(database, { slug: uniqueSlug("paar"), name: "Paar" });
    const cookies: string[] = [];
    for (const name of ["Eerste", "Tweede"]) {
      const account = await createAccount(platformDb(database), { email: `${uniqueSlug("co")}@example.org`, password });
      await addMember(tenantDb(database, pair.id), { accountId: account.id, name, role: "coordinator" });
      cookies.push((await post(pair.slug, "/inloggen", { email: account.email, password })).headers["set-cookie"]![0]!.split(";")[0]!);
    }
    await Promise.all(cookies.map((cookie) => post(pair.slug, "/account", { intent: "delete", confirm: "ja" }, cookie)));
    const left = await tenantDb(database, pair.id).selectFrom("members").select("id").where("role", "=", "coordinator").execute();
    expect(left).toHaveLength(1);
  });
});
