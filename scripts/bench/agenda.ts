// A neighbourhood with a full agenda: BENCH_ACTIVITIES (default 50) activities, each weekly for a
// year, and BENCH_SIGNUPS (default 20,000) sign-ups spread over them. Measures the public agenda
// (this month), an activity's page and the iCal feed over HTTP (req/s and latency, served in-process
// by the real app), and sign-up throughput: BENCH_SIGNUP_CALLS (default 1000) sign-ups for
// different dates, BENCH_IN_FLIGHT (default 20) at a time.   npx tsx scripts/bench/agenda.ts
import autocannon from "autocannon";
import { sql } from "kysely";
import { tenantDb, type TenantDb } from "~/db/accessors.server";
import { addDays, localToday } from "~/dates";
import { createActivity, signUp } from "~/modules/activities/activities.server";
import { activityCategories } from "~/modules/activities/tables";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { get, loadBuild, percentile, startBenchServer } from "./http";
import { benchSlug, machineContext, ms, openBenchDatabase, printTable, seconds, timed, type DatabaseKind } from "./shared";

const activityCount = Number(process.env.BENCH_ACTIVITIES ?? 50);
const signupCount = Number(process.env.BENCH_SIGNUPS ?? 20000);
const signupCalls = Number(process.env.BENCH_SIGNUP_CALLS ?? 1000);
const inFlight = Number(process.env.BENCH_IN_FLIGHT ?? 20);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

const build = await loadBuild();

/** 50 weekly activities through createActivity (as a coordinator's form does), and people signed up in bulk. */
async function fillAgenda(db: TenantDb, today: string) {
  const activityIds: string[] = [];
  for (let i = 0; i < activityCount; i++) {
    // Spread over the week and the day; the first date is within the coming week, the last a year on.
    const firstDay = addDays(today, i % 7);
    const hour = String(9 + (i % 10)).padStart(2, "0");
    const { activityId } = await createActivity(
      db,
      {
        title: `Activiteit ${i + 1}`,
        description: "Samen bezig zijn in de wijk. Iedereen is welkom.",
        category: activityCategories[i % activityCategories.length]!,
        location: "Het buurthuis",
        capacity: 20,
        schedule: { firstDay, start: `${hour}:00`, end: `${hour}:45`, frequency: "weekly", untilDay: addDays(firstDay, 7 * 51) },
      },
      null,
    );
    activityIds.push(activityId);
  }
  const members = await db
    .insertInto("members")
    .values(Array.from({ length: 2000 }, (_, i) => ({ account_id: null, name: `Deelnemer ${i + 1}`, role: "resident" as const })))
    .returning("id")
    .execute();
  const dates = await db.selectFrom("activity_dates").select("id").orderBy("day").orderBy("id").execute();
  // Each sign-up is a different (date, person) pair: 2,600 dates and 2,000 people repeat only after 26,000.
  const rows = Array.from({ length: signupCount }, (_, i) => ({
    date_id: dates[i % dates.length]!.id,
    member_id: members[i % members.length]!.id,
    guests: i % 5 === 0 ? 1 : 0,
    status: "confirmed" as const,
  }));
  for (let i = 0; i < rows.length; i += 2000) await db.insertInto("activity_signups").values(rows.slice(i, i + 2000)).onConflict((c) => c.doNothing()).execute();
  await db
    .updateTable("activity_dates")
    .set((eb) => ({
      places_taken: eb
        .selectFrom("activity_signups")
        .select(sql<number>`coalesce(sum(1 + guests), 0)::int`.as("n"))
        .whereRef("activity_signups.date_id", "=", "activity_dates.id"),
    }))
    .execute();
  await sql`analyze`.execute(db);
  const stored = await db.selectFrom("activity_signups").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  return { activityIds, dates: dates.map((date) => date.id), signups: Number(stored.n), members: members.map((m) => m.id) };
}

const pageRows: Record<string, string | number>[] = [];
const signupRows: Record<string, string | number>[] = [];
const notes: string[] = [];
for (const kind of ["postgres", "embedded"] satisfies DatabaseKind[]) {
  const database = await openBenchDatabase(kind);
  try {
    const today = localToday();
    const setup = await timed(async () => {
      const tenant = await createTenant(database, { slug: benchSlug(2), name: "Wijkwerkplaats Bench" }, seedNeighbourhood({ city: "Lindenholt" }));
      const db = tenantDb(database, tenant.id);
      return { tenant, db, ...(await fillAgenda(db, today)) };
    });
    const { tenant, db, activityIds, dates, signups } = setup.result;
    notes.push(`${database.label}: ${activityIds.length} activities, ${dates.length} dates, ${signups} sign-ups, set up in ${seconds(setup.ms)} s`);
    console.error(`  ${notes.at(-1)}`);

    const server = await startBenchServer(database, build);
    try {
      const host = `${tenant.slug}.localhost:${server.port}`;
      const pages = [`/agenda?periode=maand&van=${today}`, `/agenda?periode=week&van=${today}`, `/agenda/${activityIds[0]}`, "/agenda.ics"];
      for (const path of pages) {
        const first = await get(server.port, host, path);
        if (first.status !== 200) throw new Error(`${path}: status ${first.status}`);
        console.error(`  ${database.label}, ${path}: ${Math.round(first.body.length / 1024)} KiB; loading for ${duration} s`);
        const result = await autocannon({
          url: `http://127.0.0.1:${server.port}`,
          connections,
          duration,
          workers: 1,
          requests: [{ method: "GET", path, headers: { host } }],
          warmup: { connections, duration: Math.min(5, duration) },
        });
        pageRows.push({
          database: database.label,
          request: `GET ${path.replace(/[0-9a-f-]{36}/, ":id").replace(/\d{4}-\d{2}-\d{2}/, "today")}`,
          KiB: Math.round(first.body.length / 1024),
          "req/s": Math.round(result.requests.average),
          "p50 ms": result.latency.p50,
          "p99 ms": result.latency.p99,
          "max ms": result.latency.max,
          non2xx: result.non2xx,
          "errors/timeouts": `${result.errors}/${result.timeouts}`,
        });
      }
    } finally {
      await server.close();
    }

    // Sign-up throughput: new people on dates that still have room, each call its own transaction.
    const people = await db
      .insertInto("members")
      .values(Array.from({ length: signupCalls }, (_, i) => ({ account_id: null, name: `Nieuw ${i + 1}`, role: "resident" as const })))
      .returning("id")
      .execute();
    const targets = dates.slice(dates.length - signupCalls);
    const latencies: number[] = new Array(signupCalls);
    let next = 0;
    let confirmed = 0;
    const worker = async () => {
      while (next < signupCalls) {
        const i = next++;
        const { ms: took, result } = await timed(() => signUp(db, { dateId: targets[i % targets.length]!, memberId: people[i]!.id, guests: 0 }));
        latencies[i] = took;
        if (result.ok && result.status === "confirmed") confirmed++;
      }
    };
    const wall = await timed(() => Promise.all(Array.from({ length: inFlight }, worker)));
    signupRows.push({
      database: database.label,
      calls: signupCalls,
      "in flight": inFlight,
      "wall s": seconds(wall.ms),
      "sign-ups/s": Math.round((signupCalls / wall.ms) * 1000),
      "p50 ms": ms(percentile(latencies, 50)),
      "p99 ms": ms(percentile(latencies, 99)),
      confirmed,
    });
  } finally {
    await database.close();
  }
}

console.log(`\nAgenda: ${connections} connections, ${duration} s per page, Host <slug>.localhost`);
console.log(`${machineContext()}; NODE_ENV=${process.env.NODE_ENV}`);
for (const note of notes) console.log(note);
printTable(pageRows);
console.log(`\nSign-ups: signUp for ${signupCalls} different dates, ${inFlight} at a time`);
printTable(signupRows);
