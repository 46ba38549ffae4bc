import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "~/config.server";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { addDays, isoWeekday, localToday } from "~/dates";
import { newPasswordSchema } from "~/modules/accounts/validation.server";
import { listAudit } from "~/modules/audit/audit.server";
import { createDemoNeighbourhood, demoNeighbourhoods, prepareDemo, type Demo } from "~/modules/demo/demo-neighbourhoods.server";
import { DEMO_SLUG } from "~/modules/demo/demo-logins.server";
import { seedDemoWeek } from "~/modules/demo/demo-week.server";
import { boardJobs } from "~/modules/home-jobs/jobs.server";
import { addMember } from "~/modules/members/members.server";
import { upcomingSessions } from "~/modules/repair-cafe/repair-cafe.server";
import { repairBoard } from "~/modules/repairs/repairs.server";
import { createFileStorage } from "~/modules/storage/storage.server";
import { deskOverview, upcomingReservations } from "~/modules/tool-library/loans.server";
import { listToolsForManagement } from "~/modules/tool-library/tools.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { postForm, request, sessionCookieOf, startTestServer, type TestServer } from "./support/server";

const storage = createFileStorage({ localDir: mkdtempSync(path.join(tmpdir(), "wijkplaats-demo-")) });
const steenwijk = demoNeighbourhoods.find((n) => n.slug === DEMO_SLUG)!;
/** Steenwijk-West is open Monday to Friday: the desk hands out reservations on the next such day. */
const nextOpenDay = (day: string): string => (isoWeekday(day) <= 5 ? day : nextOpenDay(addDays(day, 1)));

/** Rows in the tables the demo fills, to see that a second start adds none. */
async function countRows(database: Database, tenantId: string) {
  const db = tenantDb(database, tenantId);
  const count = async (query: { executeTakeFirstOrThrow(): Promise<{ n: string | number | bigint }> }) => Number((await query.executeTakeFirstOrThrow()).n);
  const rows = (table: "members" | "tools" | "loans" | "repairs" | "home_jobs" | "repair_cafe_sessions" | "repair_cafe_bookings" | "audit_log") =>
    count(db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")));
  return {
    tenants: await count(platformDb(database).selectFrom("tenants").select((eb) => eb.fn.countAll().as("n"))),
    accounts: await count(platformDb(database).selectFrom("accounts").select((eb) => eb.fn.countAll().as("n"))),
    members: await rows("members"),
    tools: await rows("tools"),
    loans: await rows("loans"),
    repairs: await rows("repairs"),
    homeJobs: await rows("home_jobs"),
    sessions: await rows("repair_cafe_sessions"),
    bookings: await rows("repair_cafe_bookings"),
    audit: await rows("audit_log"),
  };
}

describe("the demo on the embedded default", () => {
  let database: Database;
  let tenant: TenantRow;
  let demo: Demo;
  const today = localToday();

  beforeAll(async () => {
    database = await openTestDatabase();
    // What `npm start` reads with nothing set: no DATABASE_URL, so the demo is on.
    const result = await prepareDemo(database, storage, loadConfig({}));
    expect(result.seeded).toBe(demoNeighbourhoods.length);
    demo = result.demo!;
    tenant = await platformDb(database).selectFrom("tenants").selectAll().where("slug", "=", DEMO_SLUG).executeTakeFirstOrThrow();
  });
  afterAll(() => database.close());

  it("makes one login for every role, with a password the sign-up rules would accept", () => {
    expect(demo.logins.map((login) => [login.role, login.slug])).toEqual([
      ["coordinator", DEMO_SLUG],
      ["volunteer", DEMO_SLUG],
      ["resident", DEMO_SLUG],
      ["platform_admin", null],
    ]);
    expect(newPasswordSchema.safeParse(demo.password).success).toBe(true);
  });

  it("lets every demo login in through the login form, each with its own role", async () => {
    const server = await startTestServer(database);
    try {
      // Each role reaches its own pages and is refused the next role up.
      const pages: Record<string, { slug: string | null; allowed: string; refused?: string }> = {
        coordinator: { slug: DEMO_SLUG, allowed: "/beheer" },
        volunteer: { slug: DEMO_SLUG, allowed: "/balie", refused: "/beheer" },
        resident: { slug: DEMO_SLUG, allowed: "/account", refused: "/balie" },
        platform_admin: { slug: null, allowed: "/admin" },
      };
      for (const login of demo.logins) {
        const { slug, allowed, refused } = pages[login.role]!;
        const res = await postForm(server.url(slug, "/inloggen"), { email: login.email, password: demo.password });
        const cookie = sessionCookieOf(res);
        expect(res.status, login.email).toBe(303);
        expect(cookie).toBeDefined();
        expect((await request(server.url(slug, allowed), { headers: { Cookie: cookie! } })).status, `${login.role} on ${allowed}`).toBe(200);
        if (refused) expect((await request(server.url(slug, refused), { headers: { Cookie: cookie! } })).status, `${login.role} on ${refused}`).toBe(403);
      }
      // The demo people live in Steenwijk-West only: another demo neighbourhood does not know them.
      const elsewhere = await postForm(server.url("schiedam", "/inloggen"), { email: demo.logins[0]!.email, password: demo.password });
      expect(elsewhere.status).toBe(200);
      expect(sessionCookieOf(elsewhere)).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it("fills every module of Steenwijk-West with a week of work around today", async () => {
    const db = tenantDb(database, tenant.id);
    const pickUpDay = nextOpenDay(today);

    const tools = await listToolsForManagement(db);
    expect(tools.map((tool) => tool.number)).toEqual(tools.map((_, i) => i + 1));
    expect(tools.filter((tool) => tool.status === "in_repair").map((tool) => tool.name)).toEqual(["Decoupeerzaag"]);
    const desk = await deskOverview(db, today);
    expect(desk.overdue.map((loan) => loan.tool_name)).toEqual(["Heggenschaar"]);
    expect(desk.out.map((loan) => loan.tool_name).sort()).toEqual(["Hogedrukreiniger", "Klopboormachine", "Ladder 3 meter"]);
    expect((await deskOverview(db, pickUpDay)).toHandOut.map((loan) => loan.tool_name).sort()).toEqual(["Accuboormachine", "Fietspomp met drukmeter", "Grasmaaier"]);
    expect((await upcomingReservations(db, pickUpDay)).map((loan) => loan.tool_name)).toEqual(["Behangafstomer"]);

    const repairs = await repairBoard(db);
    for (const status of ["registered", "planned", "in_progress", "waiting_for_parts", "done"] as const) expect(repairs[status].length, status).toBeGreaterThan(0);
    expect(repairs.planned[0]!.fixer_names).toBe("Henk Mulder");
    const collected = await db.selectFrom("repairs").select("outcome").where("status", "=", "collected").execute();
    expect(collected).toEqual([{ outcome: "repaired" }]);

    const jobs = await boardJobs(db);
    expect(new Set(jobs.map((job) => job.status))).toEqual(new Set(["requested", "declined", "estimated", "scheduled", "done"]));
    expect(jobs.filter((job) => job.status === "requested")).toHaveLength(2);
    expect(jobs.find((job) => job.partner_name === "Woningcorporatie Woonconcept")?.status).toBe("done");
    const hours = await db.selectFrom("home_job_hours").select((eb) => eb.fn.sum<string>("minutes").as("minutes")).executeTakeFirstOrThrow();
    expect(Number(hours.minutes)).toBe(90 + 60 + 180 + 180);

    const sessions = await upcomingSessions(db, today);
    expect(sessions).toHaveLength(2);
    expect(sessions[0]!.slots.reduce((sum, slot) => sum + Number(slot.booked), 0)).toBe(4);

    // (The login test before this one adds "login" entries.)
    const actions = (await listAudit(db)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(["member_joined", "member_registered", "role_changed", "personal_data_viewed"]));
  });

  it("adds nothing on the next start", async () => {
    const before = await countRows(database, tenant.id);
    expect(before.accounts).toBe(4);
    const again = await prepareDemo(database, storage, loadConfig({}));
    expect(again.seeded).toBe(0);
    expect(again.demo).toEqual(demo);
    expect(await countRows(database, tenant.id)).toEqual(before);
  });

  it("shows the demo logins on the platform's landing page, only when the demo is on", async () => {
    const withDemo = await startTestServer(database, { demo });
    const withoutDemo = await startTestServer(database);
    try {
      const page = (await request(withDemo.url(null, "/"))).body;
      expect(page).toContain(demo.password);
      for (const login of demo.logins) expect(page).toContain(login.email);
      expect(page).toContain(`href="${withDemo.url(DEMO_SLUG, "/inloggen")}"`);
      expect(page).toContain(`href="${withDemo.url(null, "/inloggen")}"`);

      const plain = (await request(withoutDemo.url(null, "/"))).body;
      expect(plain).toContain("Wijkwerkplaats Steenwijk-West");
      expect(plain).not.toContain(demo.password);
      expect(plain).not.toContain(demo.logins[0]!.email);
    } finally {
      await withDemo.close();
      await withoutDemo.close();
    }
  });
});

describe("the demo outside the embedded default", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it("is not made with DATABASE_URL (production) unless SEED_DEMO says so, nor with SEED_DEMO=false", async () => {
    for (const env of [{ DATABASE_URL: "postgres://db.example.org/wijkplaats" }, { SEED_DEMO: "false" }, { DATABASE_URL: "postgres://db.example.org/wijkplaats", SEED_DEMO: "0" }]) {
      expect(await prepareDemo(database, storage, loadConfig(env)), JSON.stringify(env)).toEqual({ seeded: 0, demo: null });
    }
    expect(await platformDb(database).selectFrom("tenants").select("id").execute()).toEqual([]);
    expect(await platformDb(database).selectFrom("accounts").select("id").execute()).toEqual([]);
    expect(loadConfig({ DATABASE_URL: "postgres://db.example.org/wijkplaats", SEED_DEMO: "true" }).seedDemo).toBe(true);
  });

  it("shows no logins when the demo is on but the database has none (made before demo logins existed)", async () => {
    await createDemoNeighbourhood(database, { ...steenwijk, slug: uniqueSlug("ouder") });
    expect(await prepareDemo(database, storage, loadConfig({}))).toEqual({ seeded: 0, demo: null });
  });
});

describe("a demo week started on each day of the week", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  // Weekends and Mondays move the desk's days around: every start must still fit every rule.
  const monday = "2026-06-01";
  it.each([0, 1, 2, 3, 4, 5, 6].map((offset) => addDays(monday, offset)))("fits the rules on %s", { timeout: 30_000 }, async (today) => {
    const tenant = await createDemoNeighbourhood(database, { ...steenwijk, slug: uniqueSlug("week") });
    const db = tenantDb(database, tenant.id);
    const people = {
      coordinator: await addMember(db, { accountId: null, name: "Ingrid Bakker", role: "coordinator" }),
      volunteer: await addMember(db, { accountId: null, name: "Henk Mulder", role: "volunteer" }),
      resident: await addMember(db, { accountId: null, name: "Fatima El Amrani", role: "resident" }),
    };
    await seedDemoWeek(database, storage, tenant, people, { publicUrl: "http://localhost:3000/", today, openWeekdays: [1, 2, 3, 4, 5] });
    const desk = await deskOverview(db, today);
    expect(desk.overdue).toHaveLength(1);
    expect(desk.out).toHaveLength(3);
    expect((await deskOverview(db, nextOpenDay(today))).toHandOut).toHaveLength(3);
    expect(await upcomingSessions(db, today)).toHaveLength(2);
  });
});
