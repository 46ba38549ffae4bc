import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb, tenantSchemaName } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { addDays, localToday } from "~/dates";
import { createAccount } from "~/modules/accounts/accounts.server";
import { createActivity, signUp } from "~/modules/activities/activities.server";
import { allowAttempt } from "~/modules/accounts/rate-limit.server";
import { cancelJob, closeJob, jobForWorker, type Notify } from "~/modules/home-jobs/jobs.server";
import { bookSlot } from "~/modules/repair-cafe/repair-cafe.server";
import type { ChangeContext } from "~/modules/repairs/repairs.server";
import { checkIn, checkInSchema, checkOutReservation, checkOutSchema } from "~/modules/tool-library/loans.server";
import { blockBorrower } from "~/modules/tool-library/rules.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { aHomeJob, aPng, aRepair, aRepairCafeSession, aReservation, aTool } from "./support/factories";
import { signedInAs, testPassword, type SignedIn } from "./support/people";
import { postForm, request, startTestServer, type TestServer } from "./support/server";

// Rules the README and the modules promise, each with a test that fails when the rule breaks.

let database: Database;
let server: TestServer;
let wijk: TenantRow;
let other: TenantRow;
let coordinator: SignedIn;

const db = () => tenantDb(database, wijk.id);
const get = (path: string, cookie = "", tenant = wijk) => request(server.url(tenant.slug, path), { headers: { Cookie: cookie } });
const notify = (): Notify => ({ tenantId: wijk.id, tenantName: wijk.name, siteUrl: `http://${wijk.slug}.localhost/` });
const context = (actor: string): ChangeContext => ({ actor, tenant: { id: wijk.id, name: wijk.name }, siteUrl: `http://${wijk.slug}.localhost/` });

/** Someone signed in here whose phone and address are on file. */
async function withDetails(role: "resident" | "volunteer", phone: string, address: string): Promise<SignedIn> {
  const person = await signedInAs(database, server, wijk, role);
  await db().updateTable("members").set({ phone, address }).where("id", "=", person.member.id).execute();
  return { ...person, member: { ...person.member, phone, address } };
}

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  // Every module on, and no opening hours: every day is a lending day, so reservations can start today.
  wijk = await createTenant(database, { slug: uniqueSlug("belofte"), name: "Beloftewijk" }, seedNeighbourhood());
  other = await createTenant(database, { slug: uniqueSlug("anders"), name: "Anderewijk" }, seedNeighbourhood());
  coordinator = await signedInAs(database, server, wijk, "coordinator");
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("home jobs", () => {
  it("the team no longer sees the address and phone once the job is closed", async () => {
    const resident = await withDetails("resident", "06 98765432", "Lindenlaan 7");
    const volunteer = await signedInAs(database, server, wijk, "volunteer");
    const { jobId } = await aHomeJob(db(), notify(), { requester: resident.member, coordinator: coordinator.member.id, team: [volunteer.member.id], until: "done" });
    const whileDone = await get(`/werk/klussen/${jobId}`, volunteer.cookie);
    expect(whileDone.status).toBe(200);
    expect(whileDone.body).toContain("Lindenlaan 7");

    expect(await closeJob(db(), jobId, "done")).toEqual({ ok: true });
    const closed = await get(`/werk/klussen/${jobId}`, volunteer.cookie);
    expect(closed.status).toBe(404);
    expect(closed.body).not.toContain("Lindenlaan 7");
    expect(closed.body).not.toContain("06 98765432");
    expect(await jobForWorker(db(), jobId, volunteer.member)).toBeNull();
    // The coordinator still can.
    expect((await get(`/werk/klussen/${jobId}`, coordinator.cookie)).body).toContain("Lindenlaan 7");
  });

  it("a photo of one job cannot be read through another job's address", async () => {
    const owner = await signedInAs(database, server, wijk, "resident");
    const neighbour = await signedInAs(database, server, wijk, "resident");
    const withPhoto = await aHomeJob(db(), notify(), { requester: owner.member, coordinator: coordinator.member.id, photos: [aPng], storage: server.storage });
    const own = await aHomeJob(db(), notify(), { requester: neighbour.member, coordinator: coordinator.member.id });
    const { id: photoId } = await db().selectFrom("home_job_photos").select("id").where("job_id", "=", withPhoto.jobId).executeTakeFirstOrThrow();
    expect((await get(`/klussen/${withPhoto.jobId}/foto/${photoId}`, coordinator.cookie)).status).toBe(200);

    // The neighbour may see their own job, the coordinator every job: neither reads the photo through it.
    expect((await get(`/klussen/${own.jobId}/foto/${photoId}`, neighbour.cookie)).status).toBe(404);
    expect((await get(`/klussen/${own.jobId}/foto/${photoId}`, coordinator.cookie)).status).toBe(404);
  });
});

describe("lending", () => {
  it("a reservation is not handed out to someone blocked after reserving", async () => {
    const borrower = await signedInAs(database, server, wijk, "resident");
    const toolId = await aTool(db());
    const loanId = await aReservation(db(), { toolId, memberId: borrower.member.id });
    await blockBorrower(db(), { memberId: borrower.member.id, reason: "Drie keer te laat" }, coordinator.member.id);

    expect(await checkOutReservation(db(), loanId, checkOutSchema.parse({}), coordinator.member.id, localToday())).toMatchObject({ ok: false, error: "borrower_blocked" });
    const page = await postForm(server.url(wijk.slug, `/balie/lening/${loanId}`), { intent: "checkOut" }, coordinator.cookie);
    expect(page.body).toContain("Lenen kan nu niet. Vraag het aan een coördinator.");
    const loan = await db().selectFrom("loans").select(["status", "checked_out_at"]).where("id", "=", loanId).executeTakeFirstOrThrow();
    expect(loan).toEqual({ status: "reserved", checked_out_at: null });
  });
});

describe("password reset", () => {
  it("using one reset link voids the person's other open reset links", async () => {
    const person = await signedInAs(database, server, wijk, "resident");
    for (let i = 0; i < 2; i++) await postForm(server.url(wijk.slug, "/wachtwoord-vergeten"), { email: person.email });
    const mails = await platformDb(database).selectFrom("outbox").select("body").where("to_address", "=", person.email).orderBy("id").execute();
    const links = mails.map((mail) => /http:\/\/\S+(\/wachtwoord-herstellen\/[a-z0-9]+)/.exec(mail.body)?.[1]).filter((link) => link !== undefined);
    expect(links).toHaveLength(2);
    expect(new Set(links).size).toBe(2);

    const used = await postForm(server.url(wijk.slug, links[0]!), { password: "het eerste nieuwe wachtwoord" });
    expect(used.headers.location).toBe("/inloggen?hersteld=1");
    const other = await postForm(server.url(wijk.slug, links[1]!), { password: "een tweede nieuw wachtwoord" });
    expect(other.body).toContain("Deze link is al gebruikt.");
    expect((await postForm(server.url(wijk.slug, "/inloggen"), { email: person.email, password: "een tweede nieuw wachtwoord" })).status).not.toBe(303);
    expect((await postForm(server.url(wijk.slug, "/inloggen"), { email: person.email, password: "het eerste nieuwe wachtwoord" })).status).toBe(303);
  });
});

describe("rate limits", () => {
  it("after the window has passed, one attempt is allowed again", async () => {
    const limit = { name: `test:${uniqueSlug("venster")}`, max: 1, windowMs: 400 };
    const attempt = () => allowAttempt(platformDb(database), [{ limit, subject: "iemand" }]);
    expect(await attempt()).toBe(true);
    expect(await attempt()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await attempt()).toBe(true);
    expect(await attempt()).toBe(false);
  });
});

describe("forwarded headers", () => {
  const loginIpKeys = async () => (await platformDb(database).selectFrom("rate_limits").select(["key", "attempts"]).where("key", "like", "login:ip:%").execute());

  async function logInThrough(target: TestServer, headers: Record<string, string>) {
    const account = await createAccount(platformDb(database), { email: `${uniqueSlug("proxy")}@example.org`, password: testPassword });
    const url = target.url(wijk.slug, "/inloggen");
    return request(url, {
      method: "POST",
      headers: { Origin: new URL(url).origin, "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ email: account.email, password: "niet het wachtwoord" }).toString(),
    });
  }

  it("without TRUST_PROXY, forged X-Forwarded-For and X-Forwarded-Host change neither the neighbourhood nor the rate-limit subject", async () => {
    const forgedHost = `${other.slug}.localhost:${server.port}`;
    const page = await request(server.url(wijk.slug, "/"), { headers: { "X-Forwarded-Host": forgedHost, "X-Forwarded-For": "203.0.113.9" } });
    expect(page.status).toBe(200);
    expect(page.body).toContain(wijk.name);
    expect(page.body).not.toContain(other.name);

    const before = await loginIpKeys();
    const counted = (keys: { key: string; attempts: number }[]) => keys.find((row) => row.key === "login:ip:127.0.0.1")?.attempts ?? 0;
    // Answered as any wrong password is, not refused by Remix's own check of the forged host.
    const refused = await logInThrough(server, { "X-Forwarded-For": "203.0.113.9", "X-Forwarded-Host": forgedHost });
    expect(refused.status).toBe(200);
    expect(refused.body).toContain(wijk.name);
    const after = await loginIpKeys();
    expect(after.map((row) => row.key)).not.toContainEqual(expect.stringContaining("203.0.113.9"));
    expect(counted(after)).toBe(counted(before) + 1);
  });

  it("with TRUST_PROXY, only the proxy's own (last) X-Forwarded-For entry is believed", async () => {
    const proxied = await startTestServer(database, { trustProxy: true });
    try {
      await logInThrough(proxied, { "X-Forwarded-For": "203.0.113.9, 198.51.100.7" });
      const keys = (await loginIpKeys()).map((row) => row.key);
      expect(keys).toContain("login:ip:198.51.100.7");
      expect(keys).not.toContainEqual(expect.stringContaining("203.0.113.9"));

      // The proxy's X-Forwarded-Host names the neighbourhood; a list with a forged first entry does not.
      const believed = await request(proxied.url(wijk.slug, "/"), { headers: { "X-Forwarded-Host": `${other.slug}.localhost:${proxied.port}` } });
      expect(believed.body).toContain(other.name);
      const forged = await request(proxied.url(wijk.slug, "/"), { headers: { "X-Forwarded-Host": `${other.slug}.localhost, ${wijk.slug}.localhost:${proxied.port}` } });
      expect(forged.body).not.toContain(other.name);
    } finally {
      await proxied.close();
    }
  });
});

describe("a person's own data", () => {
  it("the export contains every kind of record the person has, key by key", async () => {
    const person = await withDetails("volunteer", "06 55544433", "Kastanjelaan 3");
    const requester = await signedInAs(database, server, wijk, "resident");
    const toolId = await aTool(db(), { name: "Heggenschaar" });
    const loanId = await aReservation(db(), { toolId, memberId: person.member.id });
    await blockBorrower(db(), { memberId: person.member.id, reason: "Te vaak te laat" }, coordinator.member.id);
    const { repairId } = await aRepair(db(), context(coordinator.member.id), {
      memberId: person.member.id,
      brand: "Batavus",
      fault: "Ketting los",
      until: "done",
      close: { contribution: "3,50", payment: "cash" },
    });
    const sessionId = await aRepairCafeSession(db(), coordinator.member.id);
    const slot = await db().selectFrom("repair_cafe_slots").select("id").where("session_id", "=", sessionId).orderBy("starts_at").executeTakeFirstOrThrow();
    const booked = await bookSlot(db(), { slotId: slot.id, memberId: person.member.id, today: localToday(), now: "00:00" });
    expect(booked.ok).toBe(true);
    const own = await aHomeJob(db(), notify(), { requester: person.member, coordinator: coordinator.member.id, description: "Kapstok ophangen" });
    const walkDay = addDays(localToday(), 3);
    const schedule = { firstDay: walkDay, start: "10:00", end: "11:00", frequency: "once" as const, untilDay: undefined };
    const walk = await createActivity(db(), { title: "Ommetje door de wijk", capacity: 8, schedule }, coordinator.member.id);
    await signUp(db(), { dateId: walk.dateIds[0]!, memberId: person.member.id, guests: 1 });
    const worked = await aHomeJob(db(), notify(), {
      requester: requester.member,
      coordinator: coordinator.member.id,
      team: [person.member.id],
      until: "done",
      hours: [{ memberId: person.member.id, minutes: 90 }],
    });
    await jobForWorker(db(), worked.jobId, person.member);

    const res = await get("/account/gegevens", person.cookie);
    expect(res.status).toBe(200);
    const data = JSON.parse(res.body);
    expect(Object.keys(data).sort()).toEqual(
      ["account", "activitySignups", "exportedAt", "history", "homeJobs", "kitchen", "lendingBlock", "loans", "neighbourhoodRecord", "payments", "repairCafeBookings", "repairs", "sessions", "tariff"].sort(),
    );
    expect(data.account).toMatchObject({ email: person.email });
    expect(data.neighbourhoodRecord).toMatchObject({ id: person.member.id, phone: "06 55544433", address: "Kastanjelaan 3", role: "volunteer" });
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.loans).toMatchObject([{ id: loanId, tool_name: "Heggenschaar", status: "reserved" }]);
    expect(data.lendingBlock).toMatchObject({ reason: "Te vaak te laat" });
    expect(data.repairs).toMatchObject([{ id: repairId, brand: "Batavus", fault: "Ketting los" }]);
    expect(data.repairCafeBookings).toMatchObject([{ id: booked.ok ? booked.bookingId : "", session_id: sessionId, start: "13:00" }]);
    expect(data.homeJobs.requested).toMatchObject([{ id: own.jobId, description: "Kapstok ophangen" }]);
    expect(data.payments).toMatchObject([{ description: expect.stringMatching(/^Reparatie \d+$/), purpose: "contribution", kind: "payment", method: "cash", amount_cents: 350 }]);
    expect(data.activitySignups).toMatchObject([{ title: "Ommetje door de wijk", day: walkDay, guests: 1, status: "confirmed" }]);
    expect(data.homeJobs.hoursWorked).toMatchObject([{ job_id: worked.jobId, minutes: 90 }]);
    expect(data.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: "login" }),
        expect.objectContaining({ action: "personal_data_viewed", details: { what: "klus", job: worked.jobId } }),
      ]),
    );
  });

  it("erasure clears every free-text field written about the person", async () => {
    const secret = "Privé-notitie";
    const person = await withDetails("resident", "06 11100099", `${secret} adres`);
    await db().updateTable("members").set({ notes: `${secret} lid` }).where("id", "=", person.member.id).execute();
    const desk = coordinator.member.id;
    // A home job that was done (notes, decision reason, waived contribution) and one called off.
    await aHomeJob(db(), notify(), {
      requester: person.member,
      coordinator: desk,
      until: "done",
      reason: `${secret} besluit`,
      notes: `${secret} sleutel`,
      completion: { materials: "5", payment: "waived", waivedReason: `${secret} klus kwijtgescholden` },
    });
    const { jobId: calledOff } = await aHomeJob(db(), notify(), { requester: person.member, coordinator: desk });
    expect(await cancelJob(db(), calledOff, { seen: "requested", cancelReason: `${secret} afgezegd` })).toEqual({ ok: true });
    // A repair closed with a waived contribution.
    await aRepair(db(), context(desk), { memberId: person.member.id, until: "done", close: { contribution: "5", payment: "waived", waivedReason: `${secret} reparatie kwijtgescholden` } });
    // A loan handed out and taken back with condition notes and a waived deposit.
    const toolId = await aTool(db(), { deposit: "10" });
    const loanId = await aReservation(db(), { toolId, memberId: person.member.id });
    const out = await checkOutReservation(db(), loanId, checkOutSchema.parse({ conditionOut: `${secret} uit`, deposit: "waived", waivedReason: `${secret} borg` }), desk, localToday());
    expect(out).toEqual({ ok: true });
    expect(await checkIn(db(), loanId, checkInSchema.parse({ conditionIn: `${secret} in` }), desk)).toEqual({ ok: true });
    await blockBorrower(db(), { memberId: person.member.id, reason: `${secret} blokkade` }, desk);
    const holding = (await tenantRowsContaining(wijk, secret)).map((row) => row.split(":")[0]);
    // Why a payment was waived is in the ledger, one entry per waiver.
    expect(holding.sort()).toEqual(["home_jobs", "home_jobs", "ledger_entries", "ledger_entries", "ledger_entries", "lending_blocks", "loans", "members"]);

    const erased = await postForm(server.url(wijk.slug, "/account"), { intent: "delete", confirm: "ja" }, person.cookie);
    expect(erased.status).toBe(303);
    expect(await tenantRowsContaining(wijk, secret)).toEqual([]);
  });
});

/** Every row in any table of the neighbourhood whose text contains `needle`, as "table: row". */
async function tenantRowsContaining(tenant: TenantRow, needle: string): Promise<string[]> {
  const schema = tenantSchemaName(tenant.id);
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = ${schema} order by table_name`.execute(database.kysely);
  const found: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(`${schema}.${table_name}`)} t where strpos(t::text, ${needle}) > 0`.execute(database.kysely);
    found.push(...rows.rows.map(({ row }) => `${table_name}: ${row}`));
  }
  return found;
}
