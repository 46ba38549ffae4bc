import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { addDays, localToday } from "~/dates";
import ICAL from "ical.js";
import { cancelDate, cancelDateSchema, cancelSignup, createActivity, signUp } from "~/modules/activities/activities.server";
import { agendaCalendar, FEED_DAYS_AHEAD } from "~/modules/activities/feed.server";
import { createAccount } from "~/modules/accounts/accounts.server";
import { deleteOwnAccount } from "~/modules/members/self-service.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { aMember } from "./support/factories";

let database: Database;
let wijk: TenantRow;
let other: TenantRow;
const db = () => tenantDb(database, wijk.id);
const soon = addDays(localToday(), 7);

async function aWalk(capacity: number) {
  const coordinator = await aMember(db(), { role: "coordinator" });
  const schedule = { firstDay: soon, start: "19:00", end: "20:30", frequency: "weekly" as const, untilDay: addDays(soon, 14) };
  return createActivity(db(), { title: "Avondwandeling", capacity, schedule }, coordinator.id);
}

const context = () => ({ tenant: { id: wijk.id, name: wijk.name }, siteUrl: `https://${wijk.slug}.example.org` });

const signupsOf = (dateId: string) =>
  db().selectFrom("activity_signups").select(["member_id", "status", "guests"]).where("date_id", "=", dateId).orderBy("created_at").execute();
const placesTaken = async (dateId: string) =>
  (await db().selectFrom("activity_dates").select("places_taken").where("id", "=", dateId).executeTakeFirstOrThrow()).places_taken;

beforeAll(async () => {
  database = await openTestDatabase();
  wijk = await createTenant(database, { slug: uniqueSlug("lindenholt"), name: "Wijkwerkplaats Lindenholt" }, seedNeighbourhood({ city: "Nijmegen" }));
  other = await createTenant(database, { slug: uniqueSlug("schiedam"), name: "Wijkwerkplaats Schiedam" }, seedNeighbourhood({ city: "Schiedam" }));
});
afterAll(async () => {
  await database.close();
});

describe("activity dates", () => {
  it("a weekly series gets one date a week, each with its own places", async () => {
    const walk = await aWalk(12);
    const dates = await db()
      .selectFrom("activity_dates")
      .select([sql<string>`day::text`.as("day"), "capacity", "places_taken"])
      .where("activity_id", "=", walk.activityId)
      .orderBy("day")
      .execute();
    expect(dates).toEqual([soon, addDays(soon, 7), addDays(soon, 14)].map((day) => ({ day, capacity: 12, places_taken: 0 })));
  });
});

describe("signing up", () => {
  it("confirms while places last, then keeps a waiting list in order", async () => {
    const { dateIds } = await aWalk(3);
    const [a, b, c] = [await aMember(db()), await aMember(db()), await aMember(db())];
    const d = await aMember(db());
    expect(await signUp(db(), { dateId: dateIds[0]!, memberId: a.id, guests: 0 })).toMatchObject({ ok: true, status: "confirmed" });
    expect(await signUp(db(), { dateId: dateIds[0]!, memberId: b.id, guests: 0 })).toMatchObject({ ok: true, status: "confirmed" });
    expect(await signUp(db(), { dateId: dateIds[0]!, memberId: c.id, guests: 1 })).toMatchObject({ ok: true, status: "waiting" });
    // One place is free, but c and their guest wait for two: d does not pass them (decision 0011).
    expect(await signUp(db(), { dateId: dateIds[0]!, memberId: d.id, guests: 0 })).toMatchObject({ ok: true, status: "waiting" });
    expect(await signUp(db(), { dateId: dateIds[0]!, memberId: c.id, guests: 0 })).toEqual({ ok: false, error: "activity_already_signed_up" });
    // A group larger than all the places could never get in: refused rather than waiting for ever.
    expect(await signUp(db(), { dateId: dateIds[0]!, memberId: (await aMember(db())).id, guests: 3 })).toEqual({ ok: false, error: "activity_group_too_big" });
    expect(await placesTaken(dateIds[0]!)).toBe(2);
    expect((await signupsOf(dateIds[0]!)).map((signup) => signup.status)).toEqual(["confirmed", "confirmed", "waiting", "waiting"]);
    // The next date of the series is untouched.
    expect(await placesTaken(dateIds[1]!)).toBe(0);
  });

  it("100 people signing up at once for 20 places: exactly 20 get one, 80 wait", async () => {
    const { dateIds } = await aWalk(20);
    const people = await Promise.all(Array.from({ length: 100 }, () => aMember(db())));
    const results = await Promise.all(people.map((person) => signUp(db(), { dateId: dateIds[0]!, memberId: person.id, guests: 0 })));
    const statuses = results.map((result) => (result.ok ? result.status : result.error));
    expect(statuses.filter((status) => status === "confirmed")).toHaveLength(20);
    expect(statuses.filter((status) => status === "waiting")).toHaveLength(80);
    expect(await placesTaken(dateIds[0]!)).toBe(20);
  });

  it("two cancellations at the same moment promote exactly the first two who wait", async () => {
    const { dateIds } = await aWalk(2);
    const dateId = dateIds[0]!;
    const people = [];
    for (let i = 0; i < 5; i++) {
      const person = await aMember(db());
      await signUp(db(), { dateId, memberId: person.id, guests: 0 });
      people.push(person.id);
    }
    const results = await Promise.all([cancelSignup(db(), { dateId, memberId: people[0]! }, context()), cancelSignup(db(), { dateId, memberId: people[1]! }, context())]);
    expect(results.flatMap((result) => (result.ok ? result.promoted : [])).sort()).toEqual([people[2]!, people[3]!].sort());
    expect(await signupsOf(dateId)).toEqual([
      { member_id: people[2], status: "confirmed", guests: 0 },
      { member_id: people[3], status: "confirmed", guests: 0 },
      { member_id: people[4], status: "waiting", guests: 0 },
    ]);
    expect(await placesTaken(dateId)).toBe(2);
  });

  it("a group that does not fit yet keeps its turn: nobody behind it jumps the queue", async () => {
    const { dateIds } = await aWalk(3);
    const dateId = dateIds[0]!;
    const [first, second, third, group, single] = [await aMember(db()), await aMember(db()), await aMember(db()), await aMember(db()), await aMember(db())];
    for (const person of [first, second, third]) await signUp(db(), { dateId, memberId: person.id, guests: 0 });
    await signUp(db(), { dateId, memberId: group.id, guests: 1 });
    await signUp(db(), { dateId, memberId: single.id, guests: 0 });
    // One place comes free: the group of two does not fit, and the single person behind them waits too.
    expect(await cancelSignup(db(), { dateId, memberId: first.id }, context())).toEqual({ ok: true, promoted: [] });
    expect(await placesTaken(dateId)).toBe(2);
    // A second place: now the group fits, before the single person.
    expect(await cancelSignup(db(), { dateId, memberId: second.id }, context())).toEqual({ ok: true, promoted: [group.id] });
    expect(await placesTaken(dateId)).toBe(3);
  });

  it("another neighbourhood cannot sign up for, or cancel on, this neighbourhood's dates", async () => {
    const { dateIds } = await aWalk(5);
    const outsider = await aMember(tenantDb(database, other.id));
    expect(await signUp(tenantDb(database, other.id), { dateId: dateIds[0]!, memberId: outsider.id, guests: 0 })).toEqual({
      ok: false,
      error: "activity_date_unknown",
    });
    const insider = await aMember(db());
    await signUp(db(), { dateId: dateIds[0]!, memberId: insider.id, guests: 0 });
    expect(await cancelSignup(tenantDb(database, other.id), { dateId: dateIds[0]!, memberId: insider.id }, context())).toEqual({ ok: false, error: "activity_date_unknown" });
    expect(await placesTaken(dateIds[0]!)).toBe(1);
  });
});

describe("agenda feed", () => {
  const feedOf = (tenant: TenantRow, today: string) =>
    agendaCalendar(tenantDb(database, tenant.id), { name: tenant.name, host: `${tenant.slug}.example.org`, agendaUrl: `https://${tenant.slug}.example.org/agenda`, today });
  const eventsIn = (text: string) =>
    new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((component) => {
      const event = new ICAL.Event(component);
      return { uid: event.uid, summary: event.summary, start: event.startDate.toJSDate().toISOString(), end: event.endDate.toJSDate().toISOString(), status: component.getFirstPropertyValue("status") };
    });

  it("gives every date at its Dutch time, also after the clocks change, and marks a cancelled date", async () => {
    const coordinator = await aMember(db(), { role: "coordinator" });
    const schedule = { firstDay: "2026-10-22", start: "19:00", end: "20:30", frequency: "weekly" as const, untilDay: "2026-10-29" };
    const { dateIds } = await createActivity(db(), { title: "Wandelen door de Sterrenwacht", capacity: 10, schedule }, coordinator.id);
    await db().updateTable("activity_dates").set({ cancelled_at: new Date(), cancel_reason: "Storm" }).where("id", "=", dateIds[1]!).execute();

    const events = eventsIn(await feedOf(wijk, "2026-10-01")).filter((event) => event.summary === "Wandelen door de Sterrenwacht");
    expect(events).toEqual([
      // 19:00 summer time is 17:00 UTC; after 25 October, 19:00 winter time is 18:00 UTC.
      { uid: `${dateIds[0]}@${wijk.slug}.example.org`, summary: "Wandelen door de Sterrenwacht", start: "2026-10-22T17:00:00.000Z", end: "2026-10-22T18:30:00.000Z", status: "CONFIRMED" },
      { uid: `${dateIds[1]}@${wijk.slug}.example.org`, summary: "Wandelen door de Sterrenwacht", start: "2026-10-29T18:00:00.000Z", end: "2026-10-29T19:30:00.000Z", status: "CANCELLED" },
    ]);
    // Three months before, they are not in it yet; a month later they have dropped out.
    expect(eventsIn(await feedOf(wijk, addDays("2026-10-22", -FEED_DAYS_AHEAD - 1))).filter((event) => event.summary === "Wandelen door de Sterrenwacht")).toEqual([]);
    expect(eventsIn(await feedOf(wijk, "2026-12-15")).filter((event) => event.summary === "Wandelen door de Sterrenwacht")).toEqual([]);
  });

  it("another neighbourhood's feed holds none of these dates", async () => {
    const { dateIds } = await aWalk(5);
    const text = await feedOf(other, "2026-01-01");
    expect(dateIds.some((id) => text.includes(id))).toBe(false);
    expect(eventsIn(text).some((event) => event.summary === "Avondwandeling")).toBe(false);
  });
});

describe("cancelling a date", () => {
  it("emails everyone signed up or waiting with the reason, and gives the desk the people to phone", async () => {
    const { dateIds } = await aWalk(1);
    const dateId = dateIds[0]!;
    const email = `${uniqueSlug("wandelaar")}@example.org`;
    const account = await createAccount(platformDb(database), { email, password: "lekker wandelen in de wijk" });
    const withEmail = await aMember(db(), { accountId: account.id, name: "Fatima" });
    const withoutEmail = await aMember(db(), { name: "Henk", phone: "06 12345678" });
    await signUp(db(), { dateId, memberId: withEmail.id, guests: 0 });
    await signUp(db(), { dateId, memberId: withoutEmail.id, guests: 0 });

    const result = await cancelDate(db(), { dateId, reason: "Er is storm voorspeld." }, context());
    expect(result).toEqual({ ok: true, toCall: [{ name: "Henk", phone: "06 12345678" }] });
    const mail = await platformDb(database).selectFrom("outbox").select(["subject", "body", "tenant_id"]).where("to_address", "=", email).execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain("Gaat niet door: Avondwandeling");
    expect(mail[0]!.body).toContain("Er is storm voorspeld.");
    expect(mail[0]!.tenant_id).toBe(wijk.id);
    // Signing up for a called-off date is refused; calling it off twice sends nothing twice.
    expect(await signUp(db(), { dateId, memberId: (await aMember(db())).id, guests: 0 })).toEqual({ ok: false, error: "activity_date_cancelled" });
    expect(await cancelDate(db(), { dateId, reason: "Nog eens" }, context())).toEqual({ ok: false, error: "activity_date_cancelled" });
    expect(await platformDb(database).selectFrom("outbox").select("id").where("to_address", "=", email).execute()).toHaveLength(1);
    // The other dates of the series go ahead.
    expect(await signUp(db(), { dateId: dateIds[1]!, memberId: withEmail.id, guests: 0 })).toMatchObject({ ok: true, status: "confirmed" });
  });

  it("needs a reason, and another neighbourhood cannot call off this neighbourhood's date", async () => {
    expect(cancelDateSchema.safeParse({ reason: "  " }).error?.issues[0]?.message).toBe("activity_cancel_reason_required");
    const { dateIds } = await aWalk(3);
    const outsider = { tenant: { id: other.id, name: other.name }, siteUrl: `https://${other.slug}.example.org` };
    expect(await cancelDate(tenantDb(database, other.id), { dateId: dateIds[0]!, reason: "Grapje" }, outsider)).toEqual({ ok: false, error: "activity_date_unknown" });
    const date = await db().selectFrom("activity_dates").select("cancelled_at").where("id", "=", dateIds[0]!).executeTakeFirstOrThrow();
    expect(date.cancelled_at).toBeNull();
  });
});

describe("erasing a person", () => {
  it("takes their sign-ups away and gives their places to the first who waits", async () => {
    const { dateIds } = await aWalk(2);
    const dateId = dateIds[0]!;
    const account = await createAccount(platformDb(database), { email: `${uniqueSlug("weg")}@example.org`, password: "lekker wandelen in de wijk" });
    const leaving = await aMember(db(), { accountId: account.id });
    const waiting = await aMember(db());
    await signUp(db(), { dateId, memberId: leaving.id, guests: 1 });
    await signUp(db(), { dateId: dateIds[1]!, memberId: leaving.id, guests: 0 });
    await signUp(db(), { dateId, memberId: waiting.id, guests: 0 });

    expect(await deleteOwnAccount(db(), platformDb(database), wijk.id, account.id)).toBe("ok");
    expect(await db().selectFrom("activity_signups").select("id").where("member_id", "=", leaving.id).execute()).toEqual([]);
    expect(await signupsOf(dateId)).toEqual([{ member_id: waiting.id, status: "confirmed", guests: 0 }]);
    expect(await placesTaken(dateId)).toBe(1);
    expect(await placesTaken(dateIds[1]!)).toBe(0);
  });
});
