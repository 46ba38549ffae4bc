import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb, type TenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { Role, TenantRow } from "~/db/tables";
import { createAccount } from "~/modules/accounts/accounts.server";
import { addMember } from "~/modules/members/members.server";
import { deleteOwnAccount } from "~/modules/members/self-service.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { postForm, request, startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let wijk: TenantRow;
let db: TenantDb;
const password = "samen maken we het weer heel";
const people: Record<string, { cookie: string; memberId: string; accountId: string }> = {};

async function signIn(role: Role, key: string) {
  const account = await createAccount(platformDb(database), { email: `${uniqueSlug(key)}@example.org`, password });
  const member = await addMember(db, { accountId: account.id, name: `${key} naam`, role, address: "Dorpsstraat 1" });
  const res = await postForm(server.url(wijk.slug, "/inloggen"), { email: account.email, password });
  people[key] = { cookie: res.headers["set-cookie"]![0]!.split(";")[0]!, memberId: member.id, accountId: account.id };
}
const get = (path: string, who: string) => request(server.url(wijk.slug, path), { headers: { Cookie: people[who]!.cookie } });

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("werk"), name: "Werkwijk" }, seedNeighbourhood({ city: "Werkstad" }));
  db = tenantDb(database, wijk.id);
  await signIn("volunteer", "volunteer");
  await signIn("resident", "resident");
  await signIn("coordinator", "coordinator");
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("my work", () => {
  it("lists the repairs and home jobs a volunteer is assigned to, and nothing else", async () => {
    const resident = people.resident!.memberId;
    const volunteer = people.volunteer!.memberId;
    const repair = await db.insertInto("repairs").values({ member_id: resident, kind: "bicycle", brand: "Gazelle", fault: "Ketting valt eraf" }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("repair_fixers").values({ repair_id: repair.id, member_id: volunteer }).execute();
    await db.insertInto("repairs").values({ member_id: resident, kind: "appliance", brand: "Philips", fault: "Doet niets" }).execute();
    const scheduled = { status: "scheduled", decision_reason: "Past binnen ons beleid", assessed_at: new Date(), estimate_accepted_at: new Date(), scheduled_on: "2026-12-03" } as const;
    const job = await db
      .insertInto("home_jobs")
      .values({ requester_id: resident, description: "Lamp ophangen in de gang", address: "Dorpsstraat 1", urgency: "normal", ...scheduled })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("home_job_team").values({ job_id: job.id, member_id: volunteer }).execute();
    await db.insertInto("home_jobs").values({ requester_id: resident, description: "Schuur opruimen", address: "Dorpsstraat 1", urgency: "low", ...scheduled }).execute();

    const page = await get("/mijn-werk", "volunteer");
    expect(page.status).toBe(200);
    expect(page.body).toContain("Fiets (Gazelle)");
    expect(page.body).toContain("Lamp ophangen in de gang");
    expect(page.body).not.toContain("Philips");
    expect(page.body).not.toContain("Schuur opruimen");
    expect((await get("/mijn-werk", "resident")).status).toBe(403);
  });

  it("puts a resident's repairs and home jobs in their data export, and forgets their address when they leave", async () => {
    const exported = JSON.parse((await get("/account/gegevens", "resident")).body) as { repairs: { fault: string }[]; homeJobs: { requested: { description: string }[] } };
    expect(exported.repairs.map((r) => r.fault)).toEqual(["Ketting valt eraf", "Doet niets"]);
    expect(exported.homeJobs.requested.map((j) => j.description)).toContain("Lamp ophangen in de gang");

    expect(await deleteOwnAccount(db, platformDb(database), wijk.id, people.resident!.accountId)).toBe("ok");
    const jobs = await db.selectFrom("home_jobs").select(["requester_id", "address", "description", "decision_reason"]).execute();
    expect(jobs).toHaveLength(2);
    for (const job of jobs) expect(job).toMatchObject({ requester_id: null, address: null, decision_reason: "(verwijderd op verzoek van de bewoner)" });
    const repairs = await db.selectFrom("repairs").select("member_id").execute();
    expect(repairs.every((r) => r.member_id === null)).toBe(true);
  });
});
