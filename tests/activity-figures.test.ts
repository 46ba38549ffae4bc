import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb, type TenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { createActivity, signUp } from "~/modules/activities/activities.server";
import { activityFigures } from "~/modules/activities/figures.server";
import { addShift, shiftSchema, takeShift } from "~/modules/kitchen/kitchen.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { aMember } from "./support/factories";

let database: Database;
let db: TenantDb;
let otherDb: TenantDb;

beforeAll(async () => {
  database = await openTestDatabase();
  // Neighbourhoods of this file's own: the figures count everything in one.
  const wijk = await createTenant(database, { slug: uniqueSlug("cijfers"), name: "Cijferwijk" }, seedNeighbourhood({ city: "Telstad" }));
  const other = await createTenant(database, { slug: uniqueSlug("buren"), name: "Burenwijk" }, seedNeighbourhood({ city: "Burenstad" }));
  db = tenantDb(database, wijk.id);
  otherDb = tenantDb(database, other.id);
});
afterAll(async () => {
  await database.close();
});

describe("activity figures", () => {
  it("count visits per activity per month, different people, meals, portions and shift hours", async () => {
    const coordinator = await aMember(db, { role: "coordinator" });
    const plan = async (title: string, kind: "activity" | "meal", capacity: number, schedule: { firstDay: string; frequency: "once" | "weekly" | "monthly"; untilDay?: string }) =>
      (await createActivity(db, { title, kind, capacity, schedule: { start: "18:00", end: "20:00", untilDay: undefined, ...schedule } }, coordinator.id)).dateIds;
    // The first Tuesday of March and of April 2027; two Thursday meals in March; one in May.
    const [walkMarch, walkApril] = await plan("Wandelen", "activity", 4, { firstDay: "2027-03-02", frequency: "monthly", untilDay: "2027-04-06" });
    const [mealOne, mealTwo] = await plan("Buurtmaaltijd", "meal", 10, { firstDay: "2027-03-04", frequency: "weekly", untilDay: "2027-03-11" });
    const [calledOff] = await plan("Rommelmarkt", "activity", 10, { firstDay: "2027-03-20", frequency: "once" });
    const [mealInMay] = await plan("Buurtmaaltijd", "meal", 10, { firstDay: "2027-05-10", frequency: "once" });
    const [p1, p2, p3, p4, p5] = [await aMember(db), await aMember(db), await aMember(db), await aMember(db), await aMember(db)];

    const signedUp = async (dateId: string, memberId: string, guests: number, attended: boolean | null = null) => {
      const made = await signUp(db, { dateId, memberId, guests });
      if (!made.ok) throw new Error(made.error);
      await db.updateTable("activity_signups").set({ attended }).where("id", "=", made.signupId).execute();
      return made.status;
    };
    const walkIn = (dateId: string, memberId: string) => db.insertInto("activity_signups").values({ date_id: dateId, member_id: memberId, status: "walk_in", attended: true }).execute();

    // Walk in March, attendance noted: p1 came with a guest, p2 did not, p3 was not ticked, p4 walked in: 3 visits by 2 people.
    await signedUp(walkMarch!, p1.id, 1, true);
    await signedUp(walkMarch!, p2.id, 0, false);
    await signedUp(walkMarch!, p3.id, 0);
    await walkIn(walkMarch!, p4.id);
    // Walk in April, no attendance noted: the confirmed places (p1, p2 with 2 guests) count; p5 waits: 4 visits by 2 people.
    await signedUp(walkApril!, p1.id, 0);
    await signedUp(walkApril!, p2.id, 2);
    expect(await signedUp(walkApril!, p5.id, 0)).toBe("waiting");
    // First meal, no attendance noted: p1 with 2 guests and p3: 4 portions.
    await signedUp(mealOne!, p1.id, 2);
    await signedUp(mealOne!, p3.id, 0);
    // Second meal, noted: p2 came with a guest, p3 did not, p5 walked in: 3 portions.
    await signedUp(mealTwo!, p2.id, 1, true);
    await signedUp(mealTwo!, p3.id, 0, false);
    await walkIn(mealTwo!, p5.id);
    // Neither a called-off date nor one after the period counts.
    await signedUp(calledOff!, p1.id, 3);
    await db.updateTable("activity_dates").set({ cancelled_at: new Date(), cancel_reason: "Regen" }).where("id", "=", calledOff!).execute();
    await signedUp(mealInMay!, p1.id, 1);

    const [anja, bram] = [await aMember(db, { role: "volunteer", name: "Anja" }), await aMember(db, { role: "volunteer", name: "Bram" })];
    const shift = async (dateId: string, task: "cooking" | "washing_up", start: string, end: string, people: string[]) => {
      const added = await addShift(db, dateId, shiftSchema.parse({ task, start, end, minPeople: "1" }));
      if (!added.ok) throw new Error(added.error);
      for (const memberId of people) expect(await takeShift(db, { shiftId: added.shiftId, memberId })).toEqual({ ok: true });
    };
    await shift(mealOne!, "cooking", "16:00", "18:30", [anja.id, bram.id]);
    await shift(mealOne!, "washing_up", "19:30", "20:30", [anja.id]);
    await shift(mealTwo!, "cooking", "16:00", "18:00", [bram.id]);
    await shift(mealInMay!, "cooking", "16:00", "18:00", [anja.id]);

    const figures = await activityFigures(db, { from: "2027-03-01", to: "2027-04-30" });
    expect(figures.perActivityMonth.map(({ title, kind, month, visits, people }) => ({ title, kind, month, visits, people }))).toEqual([
      { title: "Buurtmaaltijd", kind: "meal", month: "2027-03", visits: 7, people: 4 },
      { title: "Wandelen", kind: "activity", month: "2027-03", visits: 3, people: 2 },
      { title: "Wandelen", kind: "activity", month: "2027-04", visits: 4, people: 2 },
    ]);
    expect(figures.volunteers).toEqual([
      { memberId: anja.id, name: "Anja", shifts: 2, minutes: 210 },
      { memberId: bram.id, name: "Bram", shifts: 2, minutes: 270 },
    ]);
    expect(figures.totals).toEqual({ visits: 14, people: 5, meals: 2, portions: 7, shiftMinutes: 480 });

    // Another neighbourhood's figures hold none of this.
    expect(await activityFigures(otherDb, { from: "2027-01-01", to: "2027-12-31" })).toEqual({
      perActivityMonth: [],
      volunteers: [],
      totals: { visits: 0, people: 0, meals: 0, portions: 0, shiftMinutes: 0 },
    });
  });
});
