import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { addDays, localToday } from "~/dates";
import { messages } from "~/i18n/messages";
import {
  addWalkIn,
  cancelSignup,
  createActivity,
  deskSignUp,
  markAttendance,
  markCalled,
  moveDate,
  moveDateSchema,
  newActivitySchema,
  signUp,
  signUpForSeries,
  updateActivity,
  activityDetailsSchema,
} from "~/modules/activities/activities.server";
import { callList, feedOwner, renewFeedLink, revokeFeedLink } from "~/modules/activities/agenda.server";
import { createAccount } from "~/modules/accounts/accounts.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { aMember } from "./support/factories";

// Sign-up rules beyond the single date (series, closing time, walk-ins), telling people of changes
// and places from the waiting list, the desk's call list and the personal feed link.

let database: Database;
let wijk: TenantRow;
let other: TenantRow;
const db = () => tenantDb(database, wijk.id);
const soon = addDays(localToday(), 7);
const context = () => ({ tenant: { id: wijk.id, name: wijk.name }, siteUrl: `https://${wijk.slug}.example.org` });

async function aWalk(capacity: number, extra: { signupClosesHours?: number; signupRequired?: boolean; firstDay?: string; weeks?: number } = {}) {
  const coordinator = await aMember(db(), { role: "coordinator" });
  const firstDay = extra.firstDay ?? soon;
  const schedule = { firstDay, start: "19:00", end: "20:30", frequency: "weekly" as const, untilDay: addDays(firstDay, 7 * ((extra.weeks ?? 3) - 1)) };
  return createActivity(db(), { title: "Avondwandeling", capacity, schedule, ...extra }, coordinator.id);
}

async function aPersonWithEmail(name: string) {
  const email = `${uniqueSlug("mens")}@example.org`;
  const account = await createAccount(platformDb(database), { email, password: "lekker wandelen in de wijk" });
  return { email, member: await aMember(db(), { accountId: account.id, name }) };
}

const mailTo = (email: string) => platformDb(database).selectFrom("outbox").select(["subject", "body"]).where("to_address", "=", email).execute();
const placesTaken = async (dateId: string) =>
  (await db().selectFrom("activity_dates").select("places_taken").where("id", "=", dateId).executeTakeFirstOrThrow()).places_taken;

beforeAll(async () => {
  database = await openTestDatabase();
  wijk = await createTenant(database, { slug: uniqueSlug("steenwijk"), name: "Wijkwerkplaats Steenwijk-West" }, seedNeighbourhood({ city: "Steenwijk" }));
  other = await createTenant(database, { slug: uniqueSlug("schiedam"), name: "Wijkwerkplaats Schiedam" }, seedNeighbourhood({ city: "Schiedam" }));
});
afterAll(async () => {
  await database.close();
});

describe("a place from the waiting list", () => {
  it("emails the person promoted once; someone without email waits on the call list until phoned", async () => {
    const { dateIds } = await aWalk(1);
    const dateId = dateIds[0]!;
    const leaving = await aMember(db());
    const fatima = await aPersonWithEmail("Fatima");
    const henk = await aMember(db(), { name: "Henk", phone: "06 11112222" });
    await signUp(db(), { dateId, memberId: leaving.id, guests: 0 });
    await signUp(db(), { dateId, memberId: fatima.member.id, guests: 0 });
    await signUp(db(), { dateId, memberId: henk.id, guests: 0 });

    expect(await cancelSignup(db(), { dateId, memberId: leaving.id }, context())).toEqual({ ok: true, promoted: [fatima.member.id] });
    const mail = await mailTo(fatima.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain("Er is plek voor je: Avondwandeling");
    expect(mail[0]!.body).toContain(`https://${wijk.slug}.example.org/agenda/`);
    expect((await callList(db(), localToday())).map((row) => row.person)).not.toContain("Fatima");

    // Fatima cannot come after all: Henk, who has no email, gets the place and goes on the call list.
    expect(await cancelSignup(db(), { dateId, memberId: fatima.member.id }, context())).toEqual({ ok: true, promoted: [henk.id] });
    const toCall = (await callList(db(), localToday())).filter((row) => row.id === dateId);
    expect(toCall).toMatchObject([{ person: "Henk", phone: "06 11112222", promoted: true }]);
    expect(await markCalled(db(), toCall[0]!.signup_id)).toBe(true);
    expect((await callList(db(), localToday())).filter((row) => row.id === dateId)).toEqual([]);
    expect(await mailTo(fatima.email)).toHaveLength(1);
  });

  it("another neighbourhood cannot mark this neighbourhood's people as phoned", async () => {
    const { dateIds } = await aWalk(1);
    const [first, waiting] = [await aMember(db()), await aMember(db(), { name: "Wachtende" })];
    await signUp(db(), { dateId: dateIds[0]!, memberId: first.id, guests: 0 });
    await signUp(db(), { dateId: dateIds[0]!, memberId: waiting.id, guests: 0 });
    await cancelSignup(db(), { dateId: dateIds[0]!, memberId: first.id }, context());
    const row = (await callList(db(), localToday())).find((entry) => entry.id === dateIds[0]);
    expect(await markCalled(tenantDb(database, other.id), row!.signup_id)).toBe(false);
    expect((await callList(db(), localToday())).some((entry) => entry.signup_id === row!.signup_id)).toBe(true);
    expect(await callList(tenantDb(database, other.id), localToday())).toEqual([]);
  });

  it("a date that has begun cannot be cancelled on any more", async () => {
    const { dateIds } = await aWalk(5, { firstDay: localToday(), weeks: 1 });
    const person = await aMember(db());
    await db().insertInto("activity_signups").values({ date_id: dateIds[0]!, member_id: person.id, status: "confirmed" }).execute();
    await db().updateTable("activity_dates").set({ starts_at: "00:00", places_taken: 1 }).where("id", "=", dateIds[0]!).execute();
    expect(await cancelSignup(db(), { dateId: dateIds[0]!, memberId: person.id }, context())).toEqual({ ok: false, error: "activity_date_passed" });
  });
});

describe("moving a date", () => {
  it("moves it, tells everyone with the old and new time, and keeps their sign-ups", async () => {
    const { dateIds } = await aWalk(4);
    const fatima = await aPersonWithEmail("Fatima");
    const henk = await aMember(db(), { name: "Henk", phone: "06 33334444" });
    await signUp(db(), { dateId: dateIds[0]!, memberId: fatima.member.id, guests: 1 });
    await signUp(db(), { dateId: dateIds[0]!, memberId: henk.id, guests: 0 });
    const newDay = addDays(soon, 1);
    const form = moveDateSchema.parse({ day: newDay, start: "14:00", end: "15:30", moveReason: "Het buurthuis is dicht." });
    expect(await moveDate(db(), { dateId: dateIds[0]!, ...form }, context())).toEqual({ ok: true, toCall: [{ name: "Henk", phone: "06 33334444" }] });

    const date = await db().selectFrom("activity_dates").select([sql<string>`day::text`.as("day"), "starts_at", "move_reason"]).where("id", "=", dateIds[0]!).executeTakeFirstOrThrow();
    expect(date).toEqual({ day: newDay, starts_at: "14:00:00", move_reason: "Het buurthuis is dicht." });
    const mail = await mailTo(fatima.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).toContain("19:00");
    expect(mail[0]!.body).toContain("14:00");
    expect(mail[0]!.body).toContain("Het buurthuis is dicht.");
    expect(await placesTaken(dateIds[0]!)).toBe(3);
    expect((await callList(db(), localToday())).filter((row) => row.id === dateIds[0]).map((row) => row.person)).toEqual(["Henk"]);
    // Someone who signs up after the move knew the new time already: nobody needs to phone them.
    await signUp(db(), { dateId: dateIds[0]!, memberId: (await aMember(db(), { name: "Nieuwkomer" })).id, guests: 0 });
    expect((await callList(db(), localToday())).filter((row) => row.id === dateIds[0]).map((row) => row.person)).toEqual(["Henk"]);
  });

  it("refuses a day the series already has, a missing reason, and another neighbourhood", async () => {
    const { dateIds } = await aWalk(4);
    const form = moveDateSchema.parse({ day: addDays(soon, 7), start: "19:00", end: "20:00", moveReason: "Verplaatst" });
    expect(await moveDate(db(), { dateId: dateIds[0]!, ...form }, context())).toEqual({ ok: false, error: "activity_day_taken" });
    expect(moveDateSchema.safeParse({ day: soon, start: "19:00", end: "18:00", moveReason: " " }).error?.issues.map((issue) => issue.message).sort()).toEqual(
      ["activity_end_before_start", "activity_move_reason_required"].sort(),
    );
    const outsider = { tenant: { id: other.id, name: other.name }, siteUrl: "https://elders.example.org" };
    expect(await moveDate(tenantDb(database, other.id), { dateId: dateIds[1]!, ...form, day: addDays(soon, 2) }, outsider)).toEqual({ ok: false, error: "activity_date_unknown" });
  });
});

describe("signing up for a series, closing time and walk-ins", () => {
  it("signs up for every coming date once, on the waiting list where it is full", async () => {
    const { dateIds } = await aWalk(1);
    const first = await aMember(db());
    await signUp(db(), { dateId: dateIds[1]!, memberId: first.id, guests: 0 });
    const person = await aMember(db());
    expect(await signUpForSeries(db(), { activityId: (await activityOf(dateIds[0]!)), memberId: person.id, guests: 0 })).toEqual({ confirmed: 2, waiting: 1 });
    // Again (a re-sent form): nothing changes.
    expect(await signUpForSeries(db(), { activityId: (await activityOf(dateIds[0]!)), memberId: person.id, guests: 0 })).toEqual({ confirmed: 0, waiting: 0 });
    expect(await db().selectFrom("activity_signups").select("id").where("member_id", "=", person.id).execute()).toHaveLength(3);
  });

  it("closes sign-up the set number of hours before, except for the desk", async () => {
    const tomorrow = addDays(localToday(), 1);
    const { dateIds } = await aWalk(5, { firstDay: tomorrow, weeks: 1, signupClosesHours: 48 });
    const person = await aMember(db());
    expect(await signUp(db(), { dateId: dateIds[0]!, memberId: person.id, guests: 0 })).toEqual({ ok: false, error: "activity_signup_closed" });
    const desk = await aMember(db(), { role: "volunteer" });
    expect(await deskSignUp(db(), { dateId: dateIds[0]!, memberId: person.id, guests: 0 }, desk.id)).toMatchObject({ ok: true, status: "confirmed" });
  });

  it("a walk-in activity takes no sign-ups; walk-ins are noted as came and take no place", async () => {
    const { dateIds } = await aWalk(1, { signupRequired: false });
    const desk = await aMember(db(), { role: "volunteer" });
    const person = await aMember(db());
    expect(await signUp(db(), { dateId: dateIds[0]!, memberId: person.id, guests: 0 })).toEqual({ ok: false, error: "activity_no_signup_needed" });
    expect(await addWalkIn(db(), { dateId: dateIds[0]!, memberId: person.id, guests: 2 }, desk.id)).toEqual({ ok: true });
    expect(await addWalkIn(db(), { dateId: dateIds[0]!, memberId: person.id, guests: 2 }, desk.id)).toEqual({ ok: true });
    // Someone new, without an account, registered at the desk on the spot.
    expect(await addWalkIn(db(), { dateId: dateIds[0]!, newName: "Meneer de Vries", newPhone: null, guests: 0 }, desk.id)).toEqual({ ok: true });
    const list = await db()
      .selectFrom("activity_signups")
      .innerJoin("members", "members.id", "activity_signups.member_id")
      .select(["members.name", "activity_signups.status", "activity_signups.attended", "members.account_id"])
      .where("date_id", "=", dateIds[0]!)
      .orderBy("members.name")
      .execute();
    expect(list).toEqual([
      { name: "Meneer de Vries", status: "walk_in", attended: true, account_id: null },
      { name: person.name, status: "walk_in", attended: true, account_id: null },
    ].sort((a, b) => a.name.localeCompare(b.name)));
    expect(await placesTaken(dateIds[0]!)).toBe(0);
  });

  it("someone waiting who comes anyway is a walk-in: a later free place is not given to them", async () => {
    const { dateIds } = await aWalk(1);
    const desk = await aMember(db(), { role: "volunteer" });
    const [first, waiting, next] = [await aMember(db()), await aMember(db()), await aMember(db())];
    for (const person of [first, waiting, next]) await signUp(db(), { dateId: dateIds[0]!, memberId: person.id, guests: 0 });
    expect(await addWalkIn(db(), { dateId: dateIds[0]!, memberId: waiting.id, guests: 0 }, desk.id)).toEqual({ ok: true });
    expect(await cancelSignup(db(), { dateId: dateIds[0]!, memberId: first.id }, context())).toEqual({ ok: true, promoted: [next.id] });
  });

  it("notes who came and who did not, only on this date and only in this neighbourhood", async () => {
    const { dateIds } = await aWalk(3);
    const person = await aMember(db());
    await signUp(db(), { dateId: dateIds[0]!, memberId: person.id, guests: 0 });
    const signup = await db().selectFrom("activity_signups").select("id").where("member_id", "=", person.id).executeTakeFirstOrThrow();
    expect(await markAttendance(db(), { dateId: dateIds[1]!, signupId: signup.id, attended: true })).toBe(false);
    expect(await markAttendance(tenantDb(database, other.id), { dateId: dateIds[0]!, signupId: signup.id, attended: true })).toBe(false);
    expect(await markAttendance(db(), { dateId: dateIds[0]!, signupId: signup.id, attended: false })).toBe(true);
    expect((await db().selectFrom("activity_signups").select("attended").where("id", "=", signup.id).executeTakeFirstOrThrow()).attended).toBe(false);
  });

  it("a smaller capacity never takes a place away from someone who has it", async () => {
    const { activityId, dateIds } = await aWalk(5);
    for (let i = 0; i < 4; i++) await signUp(db(), { dateId: dateIds[0]!, memberId: (await aMember(db())).id, guests: 0 });
    const details = activityDetailsSchema.parse({ title: "Avondwandeling", category: "exercise", capacity: "2", price: "0", signupRequired: "ja" });
    expect(await updateActivity(db(), activityId, details, localToday(), context())).toBe(true);
    const capacities = await db().selectFrom("activity_dates").select(["capacity"]).where("activity_id", "=", activityId).orderBy("day").execute();
    expect(capacities.map((date) => date.capacity)).toEqual([4, 2, 2]);
    // More places again: the first who waits on the first date gets one at once, and an email.
    const waiting = await aPersonWithEmail("Wachtende Wim");
    await signUp(db(), { dateId: dateIds[0]!, memberId: waiting.member.id, guests: 0 });
    const more = activityDetailsSchema.parse({ title: "Avondwandeling", category: "exercise", capacity: "5", price: "0", signupRequired: "ja" });
    expect(await updateActivity(db(), activityId, more, localToday(), context())).toBe(true);
    expect((await db().selectFrom("activity_signups").select("status").where("member_id", "=", waiting.member.id).executeTakeFirstOrThrow()).status).toBe("confirmed");
    expect(await placesTaken(dateIds[0]!)).toBe(5);
    expect((await mailTo(waiting.email))[0]?.subject).toContain("Er is plek voor je");
    expect(await updateActivity(tenantDb(database, other.id), activityId, details, localToday(), context())).toBe(false);
  });
});

async function activityOf(dateId: string) {
  return (await db().selectFrom("activity_dates").select("activity_id").where("id", "=", dateId).executeTakeFirstOrThrow()).activity_id;
}

describe("the activity form", () => {
  const valid = { title: "Wandelen", category: "exercise", capacity: "12", price: "0", firstDay: soon, start: "10:00", end: "11:00", frequency: "once" };
  const errorsOf = (form: Record<string, string>) => Object.fromEntries((newActivitySchema.safeParse({ ...valid, ...form }).error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

  it("gives a clear message for each kind of bad input, in Dutch", () => {
    expect(errorsOf({ capacity: "0" })).toEqual({ capacity: "activity_capacity_invalid" });
    expect(errorsOf({ capacity: "-3" })).toEqual({ capacity: "activity_capacity_invalid" });
    expect(errorsOf({ end: "09:00" })).toEqual({ end: "activity_end_before_start" });
    expect(errorsOf({ firstDay: "1999-12-31" })).toEqual({ firstDay: "date_invalid" });
    expect(errorsOf({ firstDay: "2100-01-01" })).toEqual({ firstDay: "date_invalid" });
    // Every day until the end of the century would be thousands of dates: refused, not stored.
    expect(errorsOf({ frequency: "weekly", untilDay: "2099-12-31" })).toEqual({ untilDay: "activity_too_many_dates" });
    expect(errorsOf({ title: "", category: "disco" })).toEqual({ title: "activity_title_required", category: "activity_category_invalid" });
    const used = ["activity_capacity_invalid", "activity_end_before_start", "date_invalid", "activity_too_many_dates", "activity_title_required", "activity_category_invalid"];
    for (const key of used) expect(messages.nl.validation[key as keyof typeof messages.nl.validation], key).toMatch(/\w/);
  });
});

describe("a personal feed link", () => {
  it("opens only its owner's feed, until renewed or stopped, and never in another neighbourhood", async () => {
    const person = await aMember(db());
    const first = await renewFeedLink(db(), person.id);
    expect(await feedOwner(db(), first)).toBe(person.id);
    expect(await feedOwner(tenantDb(database, other.id), first)).toBeNull();
    const second = await renewFeedLink(db(), person.id);
    expect(second).not.toBe(first);
    expect(await feedOwner(db(), first)).toBeNull();
    expect(await feedOwner(db(), second)).toBe(person.id);
    // Only a hash is stored: the link itself is nowhere in the database.
    const stored = await db().selectFrom("activity_feed_links").select("token_hash").where("member_id", "=", person.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(second);
    await revokeFeedLink(db(), person.id);
    expect(await feedOwner(db(), second)).toBeNull();
  });
});
