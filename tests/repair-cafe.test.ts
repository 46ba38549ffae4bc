import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { Role, TenantRow } from "~/db/tables";
import { addDays, localToday } from "~/dates";
import { createAccount } from "~/modules/accounts/accounts.server";
import { addMember } from "~/modules/members/members.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { bookSlot, planSession, slotTimes } from "~/modules/repair-cafe/repair-cafe.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { aRepairCafeSession } from "./support/factories";
import { postForm, request, startTestServer, type TestResponse, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let wijk: TenantRow;
let other: TenantRow;
const people: Record<string, { cookie: string; memberId: string }> = {};
const password = "samen repareren is leuk";
const today = localToday();
const soon = addDays(today, 7);

const post = (slug: string, path: string, body: Record<string, string>, cookie = "") => postForm(server.url(slug, path), body, cookie);
const get = (slug: string, path: string, cookie = "") => request(server.url(slug, path), { headers: { Cookie: cookie } });
const cookie = (who: string) => people[who]!.cookie;
const db = () => tenantDb(database, wijk.id);
const sessionIdFrom = (res: TestResponse) => /\/balie\/repaircafe\/([0-9a-f-]{36})/.exec(res.headers.location ?? "")![1]!;
const slotsOf = (sessionId: string) =>
  db().selectFrom("repair_cafe_slots").select(["id", "capacity"]).where("session_id", "=", sessionId).orderBy("starts_at").execute();
const bookingCount = async (slotId: string) =>
  Number((await db().selectFrom("repair_cafe_bookings").select((eb) => eb.fn.countAll<string>().as("n")).where("slot_id", "=", slotId).executeTakeFirstOrThrow()).n);

async function signIn(tenant: TenantRow, role: Role, key: string) {
  const email = `${uniqueSlug(key)}@example.org`;
  const account = await createAccount(platformDb(database), { email, password });
  const member = await addMember(tenantDb(database, tenant.id), { accountId: account.id, name: `${key} naam`, role });
  const res = await post(tenant.slug, "/inloggen", { email, password });
  people[key] = { cookie: res.headers["set-cookie"]![0]!.split(";")[0]!, memberId: member.id };
}

const plan = { day: soon, start: "13:00", end: "14:00", slotMinutes: "20", places: "2", location: "De grote zaal", description: "Neem je kapotte spullen mee." };

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("steenwijk"), name: "Wijkwerkplaats Steenwijk-West" }, seedNeighbourhood({ city: "Steenwijk" }));
  other = await createTenant(database, { slug: uniqueSlug("leidschendam"), name: "Alles voor Elkaar" }, seedNeighbourhood({ city: "Leidschendam" }));
  await signIn(wijk, "coordinator", "coordinator");
  await signIn(wijk, "volunteer", "volunteer");
  await signIn(wijk, "resident", "resident");
  await signIn(wijk, "resident", "neighbour");
  await signIn(other, "coordinator", "otherCoordinator");
  await signIn(other, "resident", "otherResident");
});
afterAll(async () => {
  await server.close();
  await database.close();
});

/** A session as the planning form below makes it, for a test of its own. */
const plannedSession = () => aRepairCafeSession(db(), people.coordinator!.memberId, plan);

describe("planning", () => {
  it("cuts a session into whole slots", () => {
    expect(slotTimes("13:00", "14:10", 20)).toEqual([
      { start: "13:00", end: "13:20" },
      { start: "13:20", end: "13:40" },
      { start: "13:40", end: "14:00" },
    ]);
  });

  it("a coordinator plans a session with its slots", async () => {
    const res = await post(wijk.slug, "/balie/repaircafe", plan, cookie("coordinator"));
    expect(res.status).toBe(303);
    const sessionId = sessionIdFrom(res);
    const slots = await slotsOf(sessionId);
    expect(slots.map((s) => s.capacity)).toEqual([2, 2, 2]);
    const page = await get(wijk.slug, `/balie/repaircafe/${sessionId}?gepland=1`, cookie("coordinator"));
    expect(page.status).toBe(200);
    expect(page.body).toContain("Het Repair Café is gepland.");
    expect(page.body).toContain("13:20–13:40");
    expect((await get(wijk.slug, "/balie/repaircafe", cookie("volunteer"))).body).toContain("De grote zaal");
  });

  it("explains wrong input next to the field in Dutch and keeps what was typed", async () => {
    const cases: [Partial<typeof plan>, string][] = [
      [{ start: "25:00" }, "Vul een tijd in, zoals 13:30."],
      [{ end: "12:00" }, "De eindtijd moet na de begintijd zijn."],
      [{ slotMinutes: "3" }, "Vul een aantal minuten in van 5 tot 120."],
      [{ slotMinutes: "121" }, "Vul een aantal minuten in van 5 tot 120."],
      [{ places: "0" }, "Vul een aantal plekken in van 1 tot 20."],
      [{ places: "21" }, "Vul een aantal plekken in van 1 tot 20."],
      [{ slotMinutes: "90" }, "Er past geen afspraak tussen begin- en eindtijd."],
      [{ start: "09:00", end: "22:00", slotMinutes: "5" }, "Dit worden meer dan 40 afspraken."],
      [{ day: "2026-02-30" }, "Vul een datum in, zoals 2026-12-03."],
      [{ day: addDays(today, -1) }, "Deze dag is al voorbij."],
    ];
    const before = await db().selectFrom("repair_cafe_sessions").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    for (const [change, message] of cases) {
      const res = await post(wijk.slug, "/balie/repaircafe", { ...plan, ...change }, cookie("coordinator"));
      expect(res.status, message).toBe(200);
      expect(res.body, message).toContain(message);
      expect(res.body).toContain('value="De grote zaal"');
      expect(res.body).toContain('aria-invalid="true"');
    }
    const after = await db().selectFrom("repair_cafe_sessions").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("keeps planning for coordinators and booking for signed-in members", async () => {
    const sessionId = await plannedSession();
    expect((await get(wijk.slug, "/balie/repaircafe", cookie("resident"))).status).toBe(403);
    expect((await post(wijk.slug, "/balie/repaircafe", plan, cookie("resident"))).status).toBe(403);
    expect((await post(wijk.slug, "/balie/repaircafe", plan, cookie("volunteer"))).status).toBe(403);
    expect((await post(wijk.slug, `/balie/repaircafe/${sessionId}`, {}, cookie("volunteer"))).status).toBe(403);
    expect((await get(wijk.slug, `/balie/repaircafe/${sessionId}`, cookie("resident"))).status).toBe(403);
    const anonymous = await get(wijk.slug, "/repaircafe");
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toContain("nog 2 plekken vrij");
    expect(anonymous.body).toContain("Log in om een tijd te kiezen");
    const slot = (await slotsOf(sessionId))[0]!;
    const res = await post(wijk.slug, "/repaircafe", { intent: "book", slotId: slot.id });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/inloggen/);
    expect(await bookingCount(slot.id)).toBe(0);
  });
});

describe("booking", () => {
  it("a resident books a slot for their own repair, once per session, and can cancel it", async () => {
    const sessionId = await plannedSession();
    const repair = await db().insertInto("repairs").values({ member_id: people.resident!.memberId, kind: "bicycle", brand: "Gazelle", fault: "Lekke band" }).returning("id").executeTakeFirstOrThrow();
    const notMine = await db().insertInto("repairs").values({ member_id: people.neighbour!.memberId, kind: "appliance", brand: null, fault: "Doet niets" }).returning("id").executeTakeFirstOrThrow();
    const [first, second] = await slotsOf(sessionId);
    const page = await get(wijk.slug, "/repaircafe", cookie("resident"));
    expect(page.body).toContain("Fiets (Gazelle)");
    expect(page.body).not.toContain("Doet niets");

    const refused = await post(wijk.slug, "/repaircafe", { intent: "book", slotId: first!.id, repairId: notMine.id }, cookie("resident"));
    expect(refused.status).toBe(200);
    expect(refused.body).toContain("Kies een van je eigen reparaties die nog niet klaar zijn.");
    const missing = await post(wijk.slug, "/repaircafe", { intent: "book", slotId: "" }, cookie("resident"));
    expect(missing.body).toContain("Kies een tijd.");

    const ok = await post(wijk.slug, "/repaircafe", { intent: "book", slotId: first!.id, repairId: repair.id }, cookie("resident"));
    expect(ok.status).toBe(303);
    const mine = await get(wijk.slug, "/repaircafe?geboekt=1", cookie("resident"));
    expect(mine.body).toContain("Gelukt! Je afspraak staat erin.");
    expect(mine.body).toContain("Je komt om 13:00.");

    const twice = await post(wijk.slug, "/repaircafe", { intent: "book", slotId: second!.id }, cookie("resident"));
    expect(twice.body).toContain("Je hebt al een afspraak voor dit Repair Café.");

    const desk = await get(wijk.slug, `/balie/repaircafe/${sessionId}`, cookie("volunteer"));
    expect(desk.body).toContain("resident naam");
    expect(desk.body).toContain("Fiets (Gazelle)");
    expect((await get(wijk.slug, "/repaircafe")).body).not.toContain("resident naam");

    const booking = await db().selectFrom("repair_cafe_bookings").select("id").where("member_id", "=", people.resident!.memberId).executeTakeFirstOrThrow();
    const sneaky = await post(wijk.slug, "/repaircafe", { intent: "cancel", bookingId: booking.id }, cookie("neighbour"));
    expect(sneaky.body).toContain("Deze afspraak kennen we niet (meer).");
    expect(await bookingCount(first!.id)).toBe(1);
    const cancelled = await post(wijk.slug, "/repaircafe", { intent: "cancel", bookingId: booking.id }, cookie("resident"));
    expect(cancelled.body).toContain("Je afspraak is afgezegd.");
    expect(await bookingCount(first!.id)).toBe(0);
  });

  it("refuses slots in the past and of a cancelled session", async () => {
    const sessionId = await plannedSession();
    const past = await db()
      .insertInto("repair_cafe_sessions")
      .values({ day: addDays(today, -2), starts_at: "13:00", ends_at: "14:00", slot_minutes: 30, places: 2 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const pastSlot = await db().insertInto("repair_cafe_slots").values({ session_id: past.id, starts_at: "13:00", ends_at: "13:30", capacity: 2 }).returning("id").executeTakeFirstOrThrow();
    const res = await post(wijk.slug, "/repaircafe", { intent: "book", slotId: pastSlot.id }, cookie("neighbour"));
    expect(res.body).toContain("Deze tijd is al voorbij.");
    const early = await bookSlot(db(), { slotId: (await slotsOf(sessionId))[0]!.id, memberId: people.neighbour!.memberId, today: soon, now: "13:05" });
    expect(early).toMatchObject({ ok: false, error: "cafe_slot_past" });

    const planned = await planSession(db(), { day: addDays(today, 14), start: "10:00", end: "11:00", slotMinutes: 30, places: 1, location: "Afgelast", description: null }, people.coordinator!.memberId, today);
    if (!planned.ok) throw new Error(planned.error);
    const cancel = await post(wijk.slug, `/balie/repaircafe/${planned.sessionId}`, {}, cookie("coordinator"));
    expect(cancel.status).toBe(200);
    expect(cancel.body).toContain("Dit Repair Café is afgelast.");
    expect((await get(wijk.slug, "/repaircafe")).body).not.toContain("Afgelast");
    const slot = (await slotsOf(planned.sessionId))[0]!;
    const refused = await post(wijk.slug, "/repaircafe", { intent: "book", slotId: slot.id }, cookie("neighbour"));
    expect(refused.body).toContain("Dit Repair Café gaat niet door.");
    expect(await bookingCount(slot.id)).toBe(0);
  });

  it("gives the last places of a slot to exactly as many people as there are places, however many try at once", async () => {
    const planned = await planSession(db(), { day: addDays(today, 21), start: "10:00", end: "10:30", slotMinutes: 30, places: 2, location: null, description: null }, people.coordinator!.memberId, today);
    if (!planned.ok) throw new Error(planned.error);
    const slot = (await slotsOf(planned.sessionId))[0]!;
    const members = await Promise.all(Array.from({ length: 20 }, (_, i) => addMember(db(), { accountId: null, name: `Bewoner ${i}`, role: "resident" })));
    const results = await Promise.all(members.map((m) => bookSlot(db(), { slotId: slot.id, memberId: m.id, today, now: "00:00" })));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error === "cafe_slot_full")).toBe(true);
    expect(await bookingCount(slot.id)).toBe(2);
    const page = await get(wijk.slug, "/repaircafe");
    expect(page.body).toContain("10:00–10:30 (vol)");
  });
});

describe("isolation", () => {
  it("keeps one neighbourhood's sessions and slots out of another's reach", async () => {
    const sessionId = await plannedSession();
    const slot = (await slotsOf(sessionId))[1]!;
    expect((await get(other.slug, `/balie/repaircafe/${sessionId}`, cookie("otherCoordinator"))).status).toBe(404);
    expect((await post(other.slug, `/balie/repaircafe/${sessionId}`, {}, cookie("otherCoordinator"))).status).toBe(404);
    expect((await get(wijk.slug, "/balie/repaircafe/niet-een-id", cookie("coordinator"))).status).toBe(404);
    const res = await post(other.slug, "/repaircafe", { intent: "book", slotId: slot.id }, cookie("otherResident"));
    expect(res.status).toBe(200);
    expect(res.body).toContain("Deze tijd kennen we niet.");
    expect(await bookingCount(slot.id)).toBe(0);
    expect((await db().selectFrom("repair_cafe_sessions").select("cancelled_at").where("id", "=", sessionId).executeTakeFirstOrThrow()).cancelled_at).toBeNull();
    // A session cookie from one neighbourhood does not count on another's host.
    expect((await get(wijk.slug, "/balie/repaircafe", cookie("otherCoordinator"))).status).toBe(303);
    expect((await get(other.slug, "/repaircafe")).body).not.toContain("De grote zaal");
  });
});
