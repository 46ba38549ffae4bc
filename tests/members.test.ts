import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { MemberRow, TenantRow } from "~/db/tables";
import { createAccount } from "~/modules/accounts/accounts.server";
import { addMember } from "~/modules/members/members.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { postForm, request, startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let a: TenantRow;
let b: TenantRow;
let coordinatorA: MemberRow;
let cookieA: string;
let residentCookieA: string;
let memberOfB: MemberRow;
const password = "de wijk draait op vrijwilligers";

const post = (slug: string, path: string, body: Record<string, string>, cookie: string) => postForm(server.url(slug, path), body, cookie);

async function member(tenant: TenantRow, role: "coordinator" | "resident", name: string) {
  const account = await createAccount(platformDb(database), { email: `${uniqueSlug(role)}@example.org`, password });
  const row = await addMember(tenantDb(database, tenant.id), { accountId: account.id, name, role });
  const login = await post(tenant.slug, "/inloggen", { email: account.email, password }, "");
  return { row, cookie: login.headers["set-cookie"]![0]!.split(";")[0]! };
}

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  a = await createTenant(database, { slug: uniqueSlug("leden-a"), name: "Ledenwijk A" });
  b = await createTenant(database, { slug: uniqueSlug("leden-b"), name: "Ledenwijk B" });
  ({ row: coordinatorA, cookie: cookieA } = await member(a, "coordinator", "Carla Coördinator"));
  ({ cookie: residentCookieA } = await member(a, "resident", "Rob Bewoner"));
  ({ row: memberOfB } = await member(b, "coordinator", "Bert van B"));
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("registering a resident at the desk", () => {
  it("works without email or phone, and shows up for coordinators only", async () => {
    const res = await post(a.slug, "/beheer", { intent: "register", name: "Mevrouw Jansen", phone: "", address: "", notes: "" }, cookieA);
    expect(res.body).toContain("Mevrouw Jansen is ingeschreven.");
    const row = await tenantDb(database, a.id).selectFrom("members").selectAll().where("name", "=", "Mevrouw Jansen").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ account_id: null, role: "resident", phone: null });
    expect((await request(server.url(b.slug, "/beheer"), { headers: { Cookie: cookieA } })).body).not.toContain("Mevrouw Jansen");
  });

  it("keeps what was typed when the name is missing", async () => {
    const res = await post(a.slug, "/beheer", { intent: "register", name: " ", phone: "06 1234 5678", address: "Dorpsstraat 1" }, cookieA);
    expect(res.body).toContain("Vul de naam in.");
    expect(res.body).toContain('value="06 1234 5678"');
    expect(res.body).toContain('value="Dorpsstraat 1"');
  });

  it("is refused to a resident", async () => {
    const res = await post(a.slug, "/beheer", { intent: "register", name: "Stiekem" }, residentCookieA);
    expect(res.status).toBe(403);
    expect(await tenantDb(database, a.id).selectFrom("members").select("id").where("name", "=", "Stiekem").executeTakeFirst()).toBeUndefined();
  });
});

describe("changing roles", () => {
  it("changes a role and writes it to the audit log", async () => {
    const { row } = await member(a, "resident", "Vincent");
    await post(a.slug, "/beheer", { intent: "role", memberId: row.id, role: "volunteer" }, cookieA);
    const after = await tenantDb(database, a.id).selectFrom("members").select("role").where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(after.role).toBe("volunteer");
    const log = await request(server.url(a.slug, "/beheer/logboek"), { headers: { Cookie: cookieA } });
    expect(log.body).toContain("Rol van Vincent veranderd van bewoner naar vrijwilliger");
    expect(log.body).toContain("Carla Coördinator");
  });

  it("never leaves a neighbourhood without a coordinator", async () => {
    const res = await post(a.slug, "/beheer", { intent: "role", memberId: coordinatorA.id, role: "resident" }, cookieA);
    expect(res.body).toContain("Een wijk heeft altijd minstens één coördinator.");
    const after = await tenantDb(database, a.id).selectFrom("members").select("role").where("id", "=", coordinatorA.id).executeTakeFirstOrThrow();
    expect(after.role).toBe("coordinator");
  });

  it("cannot touch a member of another neighbourhood by id", async () => {
    const res = await post(a.slug, "/beheer", { intent: "role", memberId: memberOfB.id, role: "resident" }, cookieA);
    expect(res.status).toBe(404);
    const after = await tenantDb(database, b.id).selectFrom("members").select("role").where("id", "=", memberOfB.id).executeTakeFirstOrThrow();
    expect(after.role).toBe("coordinator");
  });

  it("refuses a resident, and a malformed id", async () => {
    const { row } = await member(a, "resident", "Doelwit");
    expect((await post(a.slug, "/beheer", { intent: "role", memberId: row.id, role: "coordinator" }, residentCookieA)).status).toBe(403);
    const bad = await post(a.slug, "/beheer", { intent: "role", memberId: "'; drop table members; --", role: "coordinator" }, cookieA);
    expect(bad.status).toBe(200);
    const after = await tenantDb(database, a.id).selectFrom("members").select("role").where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(after.role).toBe("resident");
  });
});

describe("the audit log", () => {
  it("records logins, and only coordinators of this neighbourhood read it", async () => {
    const log = await request(server.url(a.slug, "/beheer/logboek"), { headers: { Cookie: cookieA } });
    expect(log.status).toBe(200);
    expect(log.body).toContain("Ingelogd");
    expect(log.body).not.toContain("Bert van B");
    expect((await request(server.url(a.slug, "/beheer/logboek"), { headers: { Cookie: residentCookieA } })).status).toBe(403);
  });
});
