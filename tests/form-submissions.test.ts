import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { forgetOldSubmissions } from "~/server/form-submissions.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { signedInAs, type SignedIn } from "./support/people";
import { request, startTestServer, type TestResponse, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let wijk: TenantRow;
let other: TenantRow;
let coordinator: SignedIn;
let resident: SignedIn;
let otherCoordinator: SignedIn;

/** The one-time token of a page, as PostForm renders it. */
async function formTokenOf(tenant: TenantRow, pathname: string, who: SignedIn): Promise<string> {
  const page = await request(server.url(tenant.slug, pathname), { headers: { Cookie: who.cookie } });
  const token = /name="formToken" value="([0-9a-f-]{36})"/.exec(page.body)?.[1];
  if (!token) throw new Error(`no form token on ${pathname}`);
  return token;
}

function post(tenant: TenantRow, pathname: string, who: SignedIn, fields: Record<string, string>, multipart = false): Promise<TestResponse> {
  const url = server.url(tenant.slug, pathname);
  const headers = { Cookie: who.cookie, Origin: new URL(url).origin };
  if (!multipart) {
    return request(url, { method: "POST", headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
  }
  const boundary = "----wijkplaats-test";
  const body = Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join("") + `--${boundary}--\r\n`;
  return request(url, { method: "POST", headers: { ...headers, "Content-Type": `multipart/form-data; boundary=${boundary}` }, body });
}

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("dubbel"), name: "Dubbelwijk" }, seedNeighbourhood());
  other = await createTenant(database, { slug: uniqueSlug("buren"), name: "Burenwijk" }, seedNeighbourhood());
  coordinator = await signedInAs(database, server, wijk, "coordinator");
  resident = await signedInAs(database, server, wijk, "resident");
  otherCoordinator = await signedInAs(database, server, other, "coordinator");
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("a form sent twice does its work once", () => {
  it("every page gives its forms a new token", async () => {
    const first = await formTokenOf(wijk, "/beheer/gereedschap/nieuw", coordinator);
    const second = await formTokenOf(wijk, "/beheer/gereedschap/nieuw", coordinator);
    expect(first).not.toBe(second);
  });

  it("a double click on a new tool makes one tool, and both answers lead to it", async () => {
    const formToken = await formTokenOf(wijk, "/beheer/gereedschap/nieuw", coordinator);
    const fields = { formToken, name: "Decoupeerzaag", category: "Zagen", condition: "good", maxLoanDays: "7" };
    const [a, b] = await Promise.all([post(wijk, "/beheer/gereedschap/nieuw", coordinator, fields), post(wijk, "/beheer/gereedschap/nieuw", coordinator, fields)]);
    const tools = await tenantDb(database, wijk.id).selectFrom("tools").select("id").where("name", "=", "Decoupeerzaag").execute();
    expect(tools).toHaveLength(1);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.headers.location).toBe(`/beheer/gereedschap/${tools[0]!.id}?nieuw=1`);
    expect(b.headers.location).toBe(a.headers.location);
  });

  it("a repair request sent again (the browser's 'send again') is not registered twice", async () => {
    const formToken = await formTokenOf(wijk, "/reparaties/nieuw", resident);
    const fields = { formToken, kind: "bicycle", fault: "Achterband loopt steeds leeg" };
    const first = await post(wijk, "/reparaties/nieuw", resident, fields, true);
    const again = await post(wijk, "/reparaties/nieuw", resident, fields, true);
    expect(first.status).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    const repairs = await tenantDb(database, wijk.id).selectFrom("repairs").select("id").where("fault", "=", "Achterband loopt steeds leeg").execute();
    expect(repairs).toHaveLength(1);
  });

  it("a home job asked for by a double click is one job", async () => {
    const formToken = await formTokenOf(wijk, "/klussen/nieuw", resident);
    const fields = { formToken, description: "Lamp ophangen in de gang", urgency: "normal" };
    const answers = await Promise.all([1, 2, 3].map(() => post(wijk, "/klussen/nieuw", resident, fields, true)));
    const jobs = await tenantDb(database, wijk.id).selectFrom("home_jobs").select("id").where("description", "=", "Lamp ophangen in de gang").execute();
    expect(jobs).toHaveLength(1);
    expect(new Set(answers.map((a) => a.headers.location))).toEqual(new Set([`/klussen/${jobs[0]!.id}?nieuw=1`]));
  });

  it("another form sent with the same page's token still does its own work", async () => {
    const formToken = await formTokenOf(wijk, "/beheer/gereedschap/nieuw", coordinator);
    const base = { formToken, category: "Tuin", condition: "good", maxLoanDays: "7" };
    await post(wijk, "/beheer/gereedschap/nieuw", coordinator, { ...base, name: "Hark" });
    await post(wijk, "/beheer/gereedschap/nieuw", coordinator, { ...base, name: "Schoffel" });
    const names = (await tenantDb(database, wijk.id).selectFrom("tools").select("name").where("category", "=", "Tuin").execute()).map((t) => t.name);
    expect(names.sort()).toEqual(["Hark", "Schoffel"]);
  });

  it("a form that came back with an error may be corrected and sent with the new page's token", async () => {
    const formToken = await formTokenOf(wijk, "/beheer/gereedschap/nieuw", coordinator);
    const wrong = await post(wijk, "/beheer/gereedschap/nieuw", coordinator, { formToken, name: "Kruiwagen", category: "", condition: "good", maxLoanDays: "7" });
    expect(wrong.status).toBe(200);
    const next = /name="formToken" value="([0-9a-f-]{36})"/.exec(wrong.body)?.[1];
    expect(next).toBeDefined();
    expect(next).not.toBe(formToken);
    const right = await post(wijk, "/beheer/gereedschap/nieuw", coordinator, { formToken: next!, name: "Kruiwagen", category: "Tuin", condition: "good", maxLoanDays: "7" });
    expect(right.status).toBe(303);
  });

  it("the same token and form in another neighbourhood counts there on its own", async () => {
    const formToken = await formTokenOf(wijk, "/beheer/gereedschap/nieuw", coordinator);
    const fields = { formToken, name: "Tegelsnijder", category: "Tegels", condition: "good", maxLoanDays: "7" };
    expect((await post(wijk, "/beheer/gereedschap/nieuw", coordinator, fields)).status).toBe(303);
    expect((await post(other, "/beheer/gereedschap/nieuw", otherCoordinator, fields)).status).toBe(303);
    for (const tenant of [wijk, other]) {
      expect(await tenantDb(database, tenant.id).selectFrom("tools").select("id").where("name", "=", "Tegelsnijder").execute()).toHaveLength(1);
    }
  });

  it("what was sent is forgotten after a day", async () => {
    const formToken = await formTokenOf(wijk, "/beheer/gereedschap/nieuw", coordinator);
    await post(wijk, "/beheer/gereedschap/nieuw", coordinator, { formToken, name: "Bouwlamp", category: "Licht", condition: "good", maxLoanDays: "7" });
    const db = platformDb(database);
    const count = async () => Number((await db.selectFrom("form_submissions").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const all = await count();
    expect(await forgetOldSubmissions(db)).toBe(0);
    await sql`update platform.form_submissions set created_at = now() - interval '25 hours'`.execute(database.kysely);
    expect(await forgetOldSubmissions(db)).toBe(all);
    expect(await count()).toBe(0);
  });
});
