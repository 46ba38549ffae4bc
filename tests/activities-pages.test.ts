import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { addDays, localToday } from "~/dates";
import { createActivity, signUp } from "~/modules/activities/activities.server";
import { redactTokens } from "~/server/app";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { aMember } from "./support/factories";
import { signedInAs, type SignedIn } from "./support/people";
import { postForm, request, startTestServer, type TestServer } from "./support/server";

// The activities' pages over HTTP: the agenda for everyone, signing up, the feeds, the coordinator's
// form and the desk's attendance list, each tried from another neighbourhood too.

let database: Database;
let server: TestServer;
let wijk: TenantRow;
let other: TenantRow;
const people: Record<string, SignedIn> = {};
const db = () => tenantDb(database, wijk.id);
const soon = addDays(localToday(), 7);
const get = (tenant: TenantRow, path: string, cookie = "") => request(server.url(tenant.slug, path), { headers: { Cookie: cookie } });
const post = (tenant: TenantRow, path: string, body: Record<string, string>, cookie = "") => postForm(server.url(tenant.slug, path), body, cookie);

async function aWalk(title = "Ommetje door het park", extra: { capacity?: number; weeks?: number; category?: "exercise" | "learning" } = {}) {
  const schedule = { firstDay: soon, start: "10:00", end: "11:30", frequency: "weekly" as const, untilDay: addDays(soon, 7 * ((extra.weeks ?? 2) - 1)) };
  return createActivity(db(), { title, capacity: extra.capacity ?? 2, category: extra.category ?? "exercise", location: "Het park", schedule }, people.coordinator!.member.id);
}

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("lindenholt"), name: "Wijkwerkplaats Lindenholt" }, seedNeighbourhood({ city: "Nijmegen" }));
  other = await createTenant(database, { slug: uniqueSlug("schiedam"), name: "Wijkwerkplaats Schiedam" }, seedNeighbourhood({ city: "Schiedam" }));
  for (const role of ["coordinator", "volunteer", "resident"] as const) people[role] = await signedInAs(database, server, wijk, role);
  people.host = await signedInAs(database, server, wijk, "resident", "Gastvrouw Anja");
  people.otherCoordinator = await signedInAs(database, server, other, "coordinator");
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("the public agenda", () => {
  it("shows this week's and this month's dates with places left, filtered by category, on this neighbourhood only", async () => {
    const { activityId } = await aWalk("Wandeling langs de Waal", { capacity: 3 });
    await createActivity(db(), { title: "Cursus Nederlands", capacity: 8, category: "learning", schedule: { firstDay: soon, start: "13:00", end: "14:00", frequency: "once", untilDay: undefined } }, null);
    const week = await get(wijk, `/agenda?periode=week&van=${soon}`);
    expect(week.status).toBe(200);
    expect(week.body).toContain("Wandeling langs de Waal");
    expect(week.body).toContain(`href="/agenda/${activityId}"`);
    expect(week.body).toContain("Nog 3 plekken");
    const filtered = await get(wijk, `/agenda?periode=maand&van=${soon}&categorie=learning`);
    expect(filtered.body).toContain("Cursus Nederlands");
    expect(filtered.body).not.toContain("Wandeling langs de Waal");
    expect((await get(other, `/agenda?periode=maand&van=${soon}`)).body).not.toContain("Wandeling langs de Waal");
    expect((await get(other, `/agenda/${activityId}`)).status).toBe(404);
  });

  it("answers an address with nonsense in it with this week, never an error", async () => {
    for (const query of ["?periode=jaar", "?van=2026-02-30", "?van=<script>", "?categorie=disco", "?periode=maand&van=1999-01-01"]) {
      const res = await get(wijk, `/agenda${query}`);
      expect(res.status, query).toBe(200);
    }
    expect((await get(wijk, "/agenda/niet-een-id")).status).toBe(404);
  });

  it("the home page shows what is on this week", async () => {
    const title = `Koffie-inloop ${uniqueSlug("")}`;
    await createActivity(db(), { title, capacity: 20, schedule: { firstDay: addDays(localToday(), 1), start: "10:00", end: "12:00", frequency: "once", untilDay: undefined } }, null);
    const home = await get(wijk, "/");
    expect(home.body).toContain("Deze week in de wijk");
    expect(home.body).toContain(title);
  });

  it("an activity page carries its dates as schema.org events", async () => {
    const { activityId } = await aWalk("Wandelen met de buurt");
    const page = (await get(wijk, `/agenda/${activityId}`)).body;
    const json = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)?.[1];
    const events = JSON.parse(json!) as { "@type": string; name: string; startDate: string; eventStatus: string; location: { name: string }; remainingAttendeeCapacity: number }[];
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ "@type": "Event", name: "Wandelen met de buurt", eventStatus: "https://schema.org/EventScheduled", location: { name: "Het park" }, remainingAttendeeCapacity: 2 });
    expect(new Date(events[0]!.startDate).toISOString()).toBe(events[0]!.startDate);
  });
});

describe("signing up on the activity page", () => {
  it("a visitor is asked to log in; a member signs up with a guest, then the date is full", async () => {
    const { activityId, dateIds } = await aWalk("Zomerwandeling");
    expect((await get(wijk, `/agenda/${activityId}`)).body).toContain("Log in om je aan te melden");
    expect((await post(wijk, `/agenda/${activityId}`, { intent: "signup", dateId: dateIds[0]!, guests: "0" })).status).toBe(303);

    const res = await post(wijk, `/agenda/${activityId}`, { intent: "signup", dateId: dateIds[0]!, guests: "1" }, people.resident!.cookie);
    expect(res.status).toBe(200);
    expect(res.body).toContain("Je bent aangemeld. Tot dan!");
    // The same form sent again does not sign up twice.
    expect((await post(wijk, `/agenda/${activityId}`, { intent: "signup", dateId: dateIds[0]!, guests: "1" }, people.resident!.cookie)).body).toContain("Je bent al aangemeld");
    expect(await db().selectFrom("activity_signups").select("id").where("date_id", "=", dateIds[0]!).execute()).toHaveLength(1);
    const page = (await get(wijk, `/agenda/${activityId}`, people.volunteer!.cookie)).body;
    expect(page).toContain("Vol: je komt op de wachtlijst");
  });

  it("bad input gets a Dutch message next to the field, and a date of another activity or neighbourhood is refused", async () => {
    const { activityId, dateIds } = await aWalk("Herfstwandeling");
    const wrongGuests = await post(wijk, `/agenda/${activityId}`, { intent: "signup", dateId: dateIds[0]!, guests: "25" }, people.volunteer!.cookie);
    expect(wrongGuests.status).toBe(200);
    expect(wrongGuests.body).toContain('id="veld-guests-fout"');
    expect(wrongGuests.body).toContain("Kies hoeveel mensen je meeneemt: 0 tot 10.");
    expect((await post(wijk, `/agenda/${activityId}`, { intent: "signup", guests: "0" }, people.volunteer!.cookie)).body).toContain("Kies een datum.");
    const otherWalk = await aWalk("Een andere wandeling");
    expect((await post(wijk, `/agenda/${activityId}`, { intent: "signup", dateId: otherWalk.dateIds[0]!, guests: "0" }, people.volunteer!.cookie)).body).toContain(
      "Deze datum bestaat niet (meer)",
    );
    expect((await post(other, `/agenda/${activityId}`, { intent: "signup", dateId: dateIds[0]!, guests: "0" }, people.otherCoordinator!.cookie)).status).toBe(404);
    expect(await db().selectFrom("activity_signups").select("id").where("date_id", "in", [...dateIds, ...otherWalk.dateIds]).execute()).toEqual([]);
  });

  it("a body that is not a form gets a plain 4xx", async () => {
    const { activityId } = await aWalk();
    const res = await request(server.url(wijk.slug, `/agenda/${activityId}`), {
      method: "POST",
      headers: { Cookie: people.resident!.cookie, Origin: server.url(wijk.slug, "/").replace(/\/$/, ""), "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "signup" }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it("signs up for all dates at once and shows them on my agenda", async () => {
    const { activityId } = await aWalk("Wekelijkse wandeling", { weeks: 3 });
    const res = await post(wijk, `/agenda/${activityId}`, { intent: "series", guestsEach: "0" }, people.host!.cookie);
    expect(res.body).toContain("Je bent aangemeld voor 3 keer.");
    const mine = (await get(wijk, "/account/agenda", people.host!.cookie)).body;
    // Counted on the page itself, not in the data Remix sends along for the browser.
    const main = mine.slice(mine.indexOf("<main"), mine.indexOf("</main>"));
    expect(main.match(/>Wekelijkse wandeling</g)).toHaveLength(3);
  });
});

describe("the feeds", () => {
  it("the neighbourhood feed is iCalendar a calendar can read", async () => {
    await aWalk("Wandeling in de agenda-app");
    const res = await get(wijk, "/agenda.ics");
    expect(res.headers["content-type"]).toContain("text/calendar");
    const events = new ICAL.Component(ICAL.parse(res.body)).getAllSubcomponents("vevent").map((event) => event.getFirstPropertyValue("summary"));
    expect(events).toContain("Wandeling in de agenda-app");
    expect((await get(other, "/agenda.ics")).body).not.toContain("Wandeling in de agenda-app");
  });

  it("the secret of a personal feed never reaches the request log", () => {
    expect(redactTokens("/agenda/feed/abcdefghijklmnop?x=1")).toBe("/agenda/feed/[token]?x=1");
    expect(redactTokens("/agenda/feed/abcdefghijklmnop")).not.toContain("abcdefghijklmnop");
  });

  it("a personal feed holds my sign-ups only, through a link I can renew and stop", async () => {
    const { dateIds } = await aWalk("Mijn eigen wandeling");
    await aWalk("Niet mijn wandeling");
    await signUp(db(), { dateId: dateIds[0]!, memberId: people.volunteer!.member.id, guests: 0 });
    const made = await post(wijk, "/account/agenda", { intent: "renew" }, people.volunteer!.cookie);
    const link = /value="(http[^"]*\/agenda\/feed\/[a-z0-9]+)"/.exec(made.body)?.[1];
    expect(link).toBeDefined();
    const path = new URL(link!).pathname;
    const feed = await get(wijk, path);
    expect(feed.status).toBe(200);
    expect(feed.body).toContain("Mijn eigen wandeling");
    expect(feed.body).not.toContain("Niet mijn wandeling");
    expect((await get(other, path)).status).toBe(404);
    await post(wijk, "/account/agenda", { intent: "revoke" }, people.volunteer!.cookie);
    expect((await get(wijk, path)).status).toBe(404);
  });
});

describe("the coordinator's pages", () => {
  it("creates a weekly activity through the form, and bad input keeps what was typed", async () => {
    const form = { title: "Textielatelier", description: "Samen naaien en verstellen.", kind: "activity", category: "creative", location: "Atelier", price: "1,50", capacity: "0", signupRequired: "ja", signupClosesHours: "0", firstDay: soon, start: "13:00", end: "12:00", frequency: "weekly", untilDay: "2099-12-31" };
    const wrong = await post(wijk, "/beheer/activiteiten/nieuw", form, people.coordinator!.cookie);
    expect(wrong.status).toBe(200);
    expect(wrong.body).toContain("Vul een aantal plekken in van 1 tot 500.");
    expect(wrong.body).toContain("De eindtijd moet na de begintijd zijn.");
    expect(wrong.body).toContain(">Samen naaien en verstellen.</textarea>");
    expect(wrong.body).toContain('value="Textielatelier"');
    const right = await post(wijk, "/beheer/activiteiten/nieuw", { ...form, capacity: "8", end: "15:00", untilDay: addDays(soon, 21) }, people.coordinator!.cookie);
    expect(right.status).toBe(303);
    const activityId = /\/beheer\/activiteiten\/([0-9a-f-]{36})/.exec(right.headers.location ?? "")?.[1];
    const dates = await db().selectFrom("activity_dates").select("capacity").where("activity_id", "=", activityId!).execute();
    expect(dates).toHaveLength(4);
    const stored = await db().selectFrom("activities").select(["price_cents", "category"]).where("id", "=", activityId!).executeTakeFirstOrThrow();
    expect(stored).toEqual({ price_cents: 150, category: "creative" });
    expect((await get(wijk, "/beheer/activiteiten", people.coordinator!.cookie)).body).toContain("Textielatelier");
  });

  it("is for coordinators only, and another neighbourhood's coordinator cannot open this one's activity", async () => {
    const { activityId } = await aWalk();
    expect((await get(wijk, "/beheer/activiteiten/nieuw", people.volunteer!.cookie)).status).toBe(403);
    expect((await get(wijk, `/beheer/activiteiten/${activityId}`, people.resident!.cookie)).status).toBe(403);
    expect((await get(other, `/beheer/activiteiten/${activityId}`, people.otherCoordinator!.cookie)).status).toBe(404);
  });
});

describe("the desk's attendance list", () => {
  it("a host who is a resident takes attendance of their own activity; other residents may not", async () => {
    const { activityId, dateIds } = await aWalk("Wandeling van Anja");
    await db().updateTable("activities").set({ host_member_id: people.host!.member.id }).where("id", "=", activityId).execute();
    expect((await get(wijk, `/balie/activiteiten/${dateIds[0]}`, people.resident!.cookie)).status).toBe(403);
    expect((await get(wijk, "/account/agenda", people.host!.cookie)).body).toContain(`/balie/activiteiten/${dateIds[0]}`);
    // The host sees who comes, not their phone numbers, and cannot look people up by name or number.
    await signUp(db(), { dateId: dateIds[0]!, memberId: (await aMember(db(), { name: "Mevrouw Pieters", phone: "06 55554444" })).id, guests: 0 });
    const list = await get(wijk, `/balie/activiteiten/${dateIds[0]}?persoon=06`, people.host!.cookie);
    expect(list.body).toContain("Mevrouw Pieters");
    expect(list.body).not.toContain("06 55554444");
    expect((await post(wijk, `/balie/activiteiten/${dateIds[0]}`, { intent: "walkin", memberId: people.volunteer!.member.id, guests: "0" }, people.host!.cookie)).status).toBe(403);
    const added = await post(wijk, `/balie/activiteiten/${dateIds[0]}`, { intent: "walkin", newName: "Meneer Bakker", newPhone: "", guests: "0" }, people.host!.cookie);
    expect(added.body).toContain("Staat op de lijst als gekomen.");
    expect(added.body).toContain("Meneer Bakker");
    // A host cannot call the date off: that is for coordinators.
    expect((await post(wijk, `/balie/activiteiten/${dateIds[0]}`, { intent: "cancel", reason: "Zin in" }, people.host!.cookie)).status).toBe(403);
  });

  it("the desk signs someone new up for a meal, with their nut allergy", async () => {
    const meal = await createActivity(
      db(),
      { title: "Buurtmaaltijd", kind: "meal", capacity: 20, schedule: { firstDay: soon, start: "17:30", end: "19:00", frequency: "once", untilDay: undefined } },
      people.coordinator!.member.id,
    );
    const dateId = meal.dateIds[0]!;
    const page = (await get(wijk, `/balie/activiteiten/${dateId}`, people.volunteer!.cookie)).body;
    expect(page).toContain("Noten (zoals walnoten, hazelnoten)");
    const body = new URLSearchParams({ intent: "signup", newName: "Mevrouw Yilmaz", newPhone: "06 12121212", guests: "0", takeaway: "ja" });
    body.append("allergens_0", "nuts");
    body.append("allergens_0", "peanuts");
    const res = await request(server.url(wijk.slug, `/balie/activiteiten/${dateId}`), {
      method: "POST",
      headers: { Cookie: people.volunteer!.cookie, Origin: new URL(server.url(wijk.slug, "/")).origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    });
    expect(res.body).toContain("Aangemeld.");
    const answers = await db()
      .selectFrom("meal_diet_answers")
      .innerJoin("activity_signups", "activity_signups.id", "meal_diet_answers.signup_id")
      .innerJoin("members", "members.id", "activity_signups.member_id")
      .select(["members.name", "meal_diet_answers.allergens"])
      .where("activity_signups.date_id", "=", dateId)
      .execute();
    expect(answers).toEqual([{ name: "Mevrouw Yilmaz", allergens: ["nuts", "peanuts"] }]);
  });

  it("another neighbourhood cannot open or change this neighbourhood's date", async () => {
    const { dateIds } = await aWalk();
    expect((await get(other, `/balie/activiteiten/${dateIds[0]}`, people.otherCoordinator!.cookie)).status).toBe(404);
    expect((await post(other, `/balie/activiteiten/${dateIds[0]}`, { intent: "walkin", newName: "Indringer", guests: "0" }, people.otherCoordinator!.cookie)).status).toBe(404);
    expect(await db().selectFrom("members").select("id").where("name", "=", "Indringer").execute()).toEqual([]);
  });

  it("a coordinator's cancellation without a reason is refused next to the field; with one, the date is off", async () => {
    const { dateIds } = await aWalk("Wandeling bij storm");
    const person = await aMember(db(), { name: "Truus", phone: "06 99990000" });
    await signUp(db(), { dateId: dateIds[0]!, memberId: person.id, guests: 0 });
    const wrong = await post(wijk, `/balie/activiteiten/${dateIds[0]}`, { intent: "cancel", reason: "" }, people.coordinator!.cookie);
    expect(wrong.body).toContain("Schrijf op waarom het niet doorgaat.");
    const done = await post(wijk, `/balie/activiteiten/${dateIds[0]}`, { intent: "cancel", reason: "Storm" }, people.coordinator!.cookie);
    expect(done.body).toContain("Deze datum is afgezegd.");
    expect(done.body).toContain("06 99990000");
    expect((await get(wijk, "/balie/activiteiten", people.volunteer!.cookie)).body).toContain("Truus");
  });
});
