// A rush on one activity date: BENCH_SIGNUP_PEOPLE (default 200) people sign up at the same moment
// for 20 places, then 20 of the confirmed cancel at once (each cancellation promotes from the waiting
// list). Sign-ups for one date queue on its row lock (docs/decisions/0011), so this shows what that
// costs per person, against PostgreSQL and embedded PGlite.   npx tsx scripts/bench/signups.ts
import { tenantDb } from "~/db/accessors.server";
import { addDays, localToday } from "~/dates";
import { cancelSignup, createActivity, signUp } from "~/modules/activities/activities.server";
import { addMember } from "~/modules/members/members.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { benchSlug, machineContext, ms, openBenchDatabase, printTable, seconds, summarise, timed, type DatabaseKind } from "./shared";

const people = Number(process.env.BENCH_SIGNUP_PEOPLE ?? 200);
const places = 20;

const rows: Record<string, string | number>[] = [];
for (const kind of ["postgres", "embedded"] satisfies DatabaseKind[]) {
  const database = await openBenchDatabase(kind);
  try {
    const tenant = await createTenant(database, { slug: benchSlug(0), name: "Wijkwerkplaats Bench" }, seedNeighbourhood({ city: "Steenwijk" }));
    const db = tenantDb(database, tenant.id);
    const mail = { tenant: { id: tenant.id, name: tenant.name }, siteUrl: "https://bench.example.org" };
    const members: Awaited<ReturnType<typeof addMember>>[] = [];
    for (let i = 0; i < people; i++) members.push(await addMember(db, { accountId: null, name: `Deelnemer ${i}`, role: "resident" }));
    const firstDay = addDays(localToday(), 7);
    const schedule = { firstDay, start: "19:00", end: "20:30", frequency: "once" as const, untilDay: undefined };
    const { dateIds } = await createActivity(db, { title: "Bench-wandeling", capacity: places, schedule }, members[0]!.id);
    const dateId = dateIds[0]!;

    const signUps = await timed(() => Promise.all(members.map((member) => timed(() => signUp(db, { dateId, memberId: member.id, guests: 0 })))));
    const leaving = members.filter((_, index) => {
      const outcome = signUps.result[index]!.result;
      return outcome.ok && outcome.status === "confirmed";
    });
    if (leaving.length !== places) throw new Error(`${leaving.length} confirmed for ${places} places`);
    const signUpStats = summarise(signUps.result.map((one) => one.ms));

    const cancels = await timed(() => Promise.all(leaving.map((member) => timed(() => cancelSignup(db, { dateId, memberId: member.id }, mail)))));
    const promoted = cancels.result.reduce((sum, one) => sum + (one.result.ok ? one.result.promoted.length : 0), 0);
    if (promoted !== places) throw new Error(`${promoted} promoted after ${places} cancellations`);
    const cancelStats = summarise(cancels.result.map((one) => one.ms));

    rows.push({
      database: database.label,
      "sign-ups": people,
      "all sign-ups s": seconds(signUps.ms),
      "sign-up median ms": ms(signUpStats.median),
      "sign-up p90 ms": ms(signUpStats.p90),
      "sign-up max ms": ms(signUpStats.max),
      cancellations: places,
      "all cancellations s": seconds(cancels.ms),
      "cancel p90 ms": ms(cancelStats.p90),
    });
  } finally {
    await database.close();
  }
}

console.log(`\nA rush on one date: ${people} people sign up at once for ${places} places, then ${places} cancel at once`);
console.log(machineContext());
printTable(rows);
