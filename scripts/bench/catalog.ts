// The tool library with 5,000 tools: requests per second and latency of the public catalog
// (GET /gereedschap, plain and searched) served in-process by the real app, and reserveTool under
// concurrency: many residents after the same tool on the same days, and many reservations at once
// on different tools.   npx tsx scripts/bench/catalog.ts
// BENCH_TOOLS (default 5000), BENCH_SECONDS (default 10) per page, BENCH_CONNECTIONS (default 10, the
// app's default pool size), BENCH_RACE (default "50,200") callers after one tool, BENCH_RESERVATIONS
// (default 500) reservations on as many tools with BENCH_IN_FLIGHT (default 50) at a time.
import autocannon from "autocannon";
import { sql } from "kysely";
import { tenantDb, type TenantDb } from "~/db/accessors.server";
import type { ToolCondition, ToolStatus } from "~/db/tables";
import { addDays, isoWeekday, localToday } from "~/dates";
import { demoNeighbourhoods } from "~/modules/demo/demo-neighbourhoods.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { newTenantFileKey } from "~/modules/storage/storage.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { reserveTool } from "~/modules/tool-library/loans.server";
import { catalogQuerySchema, searchCatalog } from "~/modules/tool-library/tools.server";
import { get, loadBuild, percentile, startBenchServer } from "./http";
import { benchSlug, machineContext, ms, openBenchDatabase, printTable, seconds, timed, type DatabaseKind } from "./shared";

const toolCount = Number(process.env.BENCH_TOOLS ?? 5000);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const races = (process.env.BENCH_RACE ?? "50,200").split(",").filter(Boolean).map(Number);
const reservations = Number(process.env.BENCH_RESERVATIONS ?? 500);
const inFlight = Number(process.env.BENCH_IN_FLIGHT ?? 50);

const build = await loadBuild();

const pages = [{ path: "/gereedschap" }, { path: "/gereedschap?q=boor" }, { path: "/gereedschap?q=schroeven&category=Boren" }];

// ---------------------------------------------------------------------------------------------
// A tool library that looks like a real one, the same on every run (a seeded generator).

function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]! };
}

const kinds: Record<string, { names: string[]; specs: string[]; brands: string[]; sentences: string[] }> = {
  Boren: {
    names: ["Accuboormachine", "Klopboormachine", "Boorhamer", "Schroefboormachine", "Slagschroevendraaier", "Kolomboormachine", "Breekhamer", "Steenboorset", "Houtboorset", "Gatenzaagset"],
    specs: ["18V", "12V", "met 2 accu's", "met snoer", "SDS-plus", "in koffer", "compact"],
    brands: ["Bosch", "Makita", "Metabo", "DeWalt", "Ryobi", "Einhell", "AEG", "Hikoki"],
    sentences: [
      "Voor boren en schroeven in hout, metaal en steen.",
      "Geschikt om gaten te boren in beton en baksteen.",
      "Met bitset om te schroeven en een set boren.",
      "Twee snelheden; instelbare koppeling voor het schroeven.",
      "Handig bij het ophangen van planken, lampen en gordijnrails.",
    ],
  },
  Zagen: {
    names: ["Decoupeerzaag", "Cirkelzaag", "Afkortzaag", "Reciprozaag", "Kettingzaag", "Tafelzaag", "Verstekzaag", "Invalzaag", "Multitool", "Handzaag"],
    specs: ["190 mm", "met 3 zaagbladen", "accu", "met geleiderail", "met stofzak"],
    brands: ["Bosch", "Makita", "Festool", "Metabo", "Einhell", "Stihl", "Ryobi"],
    sentences: [
      "Zaagt hout, plaatmateriaal en dun metaal.",
      "Voor rechte en schuine zaagsneden; zaagblad wordt meegeleverd.",
      "Draag een veiligheidsbril en gehoorbescherming.",
      "Ideaal voor het inkorten van plinten, latten en laminaat.",
      "Reservezaagbladen zijn bij de balie te koop.",
    ],
  },
  Tuin: {
    names: ["Heggenschaar", "Grasmaaier", "Bladblazer", "Kruiwagen", "Grastrimmer", "Verticuteermachine", "Snoeischaar", "Hoogsnoeier", "Versnipperaar", "Spade", "Hark"],
    specs: ["elektrisch", "accu", "benzine", "60 cm", "telescopisch", "groot"],
    brands: ["Gardena", "Stihl", "Bosch", "Fiskars", "Einhell", "Husqvarna", "Makita"],
    sentences: [
      "Voor het onderhoud van heg, gazon en border.",
      "Maakt de tuin in een middag weer netjes.",
      "Licht van gewicht en makkelijk mee te nemen.",
      "Graag het snoeiafval eraf halen voor je hem terugbrengt.",
      "Geschikt voor tuinen tot ongeveer 300 vierkante meter.",
    ],
  },
  Schilderen: {
    names: ["Schuurmachine", "Excentrische schuurmachine", "Deltaschuurmachine", "Verfspuit", "Heteluchtpistool", "Behangafstomer", "Verfrollerset", "Plamuurmessenset", "Kwastenset", "Verfmenger"],
    specs: ["met schuurpapier", "met stofafzuiging", "compleet", "groot", "klein"],
    brands: ["Bosch", "Wagner", "Festool", "Black+Decker", "Einhell", "Ferm"],
    sentences: [
      "Voor het opschuren van kozijnen, deuren en meubels.",
      "Verwijdert oude verf en behang zonder gedoe.",
      "Schuurpapier in korrel 80, 120 en 240 is bij de balie verkrijgbaar.",
      "Maak rollers en kwasten goed schoon voor je ze terugbrengt.",
      "Werkt het best met watergedragen verf.",
    ],
  },
  Schoonmaken: {
    names: ["Hogedrukreiniger", "Bouwstofzuiger", "Tapijtreiniger", "Stoomreiniger", "Ramenwasser", "Alleszuiger", "Vloerschrobmachine", "Voegenborstel", "Terrasreiniger"],
    specs: ["130 bar", "160 bar", "nat en droog", "met slang van 10 meter", "met toebehoren"],
    brands: ["Kärcher", "Nilfisk", "Bosch", "Vax", "Einhell", "Makita"],
    sentences: [
      "Maakt terras, tuinmeubels en de auto weer schoon.",
      "Zuigt stof, gruis en water op; ook na het klussen.",
      "Reinigt tapijt en bekleding diep; reinigingsmiddel zelf meenemen.",
      "Tank graag leeg en schoon terugbrengen.",
      "Niet gebruiken op zachte houtsoorten.",
    ],
  },
  Ladders: {
    names: ["Ladder 3 meter", "Ladder 5 meter", "Reformladder", "Trap 4 treden", "Schuifladder 2x10", "Telescoopladder", "Huishoudtrap", "Rolsteiger", "Opstapkruk", "Ladderstabilisator"],
    specs: ["aluminium", "met stabilisatiebalk", "inklapbaar", "licht"],
    brands: ["Altrex", "Little Jumbo", "Gamma", "Hailo", "Das"],
    sentences: [
      "Voor werk aan dakgoot, plafond en hoge kasten.",
      "Zet de ladder op een vlakke, stevige ondergrond.",
      "Past in een stationwagen; anders met de bakfiets ophalen.",
      "Draagvermogen 150 kilo.",
    ],
  },
  Fietsen: {
    names: ["Bakfiets", "Fietsaanhanger", "Fietspomp staand", "Bandenlichtersset", "Fietsreparatieset", "Montagestandaard fiets", "Kettingpons", "Trapasgereedschap", "Spakenspanner", "Fietsaccu-lader"],
    specs: ["met ventieladapters", "compleet", "voor kinderen", "elektrisch"],
    brands: ["Park Tool", "Topeak", "Babboe", "Bicycle Pro", "Gazelle"],
    sentences: [
      "Om zelf je band te plakken of je ketting te vervangen.",
      "Vraag bij de balie uitleg als je het voor het eerst doet.",
      "Geschikt voor alle gangbare ventielen.",
      "Voor boodschappen, verhuizingen en uitstapjes met kinderen.",
    ],
  },
  Meten: {
    names: ["Laserwaterpas", "Waterpas 120 cm", "Afstandsmeter", "Leidingzoeker", "Multimeter", "Vochtmeter", "Rolmaat 8 meter"],
    specs: ["digitaal", "met statief", "in tas"],
    brands: ["Bosch", "Stanley", "Fluke", "Stabila", "Makita"],
    sentences: [
      "Om recht op te hangen en te meten.",
      "Vindt leidingen en kabels in de muur voor je gaat boren.",
      "Batterijen zitten erin; graag melden als ze leeg zijn.",
    ],
  },
  Klussen: {
    names: ["Tegelsnijder", "Lijmpistool", "Nietpistool", "Steekwagen", "Verhuisdekens", "Kitpistool", "Bouwlamp", "Verlengkabel 25 meter", "Klemmenset", "Werkbank inklapbaar"],
    specs: ["60 cm", "accu", "set van 10", "zwaar"],
    brands: ["Rubi", "Bosch", "Stanley", "Gamma", "Einhell", "Wolfcraft"],
    sentences: [
      "Voor de kleine klussen in en om het huis.",
      "Helpt bij verhuizen en het sjouwen van zware spullen.",
      "Snijdt wandtegels en vloertegels tot 60 cm.",
      "Gebruik handschoenen.",
    ],
  },
};
const categories = Object.keys(kinds);
const locations = ["Kast A", "Kast B", "Kast C", "Stelling 1", "Stelling 2", "Schuur", "Zolder", "Balie"];
const conditions: ToolCondition[] = ["good", "good", "good", "fair", "fair", "poor"];

/** Members, tools, photos and loans in bulk: histories of returned loans, tools out now and reservations. */
async function fillToolLibrary(db: TenantDb, tenantId: string, count: number, today: string) {
  const random = generator(20261126);
  const chunked = async <T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) => {
    // Chunks keep each statement well below Postgres' 65,535 bind parameters.
    for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
  };

  // Residents: the ones with the seeded loans, and fresh ones for the reservation runs (who have no
  // open loans, so the lending rules' maximum never decides the outcome).
  const benchMembersNeeded = races.reduce((sum, n) => sum + n, 0) + reservations + 20;
  const memberRows = Array.from({ length: 1000 + benchMembersNeeded }, (_, i) => ({
    account_id: null,
    name: `Bewoner ${i + 1}`,
    role: "resident" as const,
    phone: random.next() < 0.5 ? `06 ${String(random.int(10000000, 99999999))}` : null,
  }));
  const members: string[] = [];
  await chunked(memberRows, 1000, async (chunk) => {
    const inserted = await db.insertInto("members").values(chunk).returning("id").execute();
    members.push(...inserted.map((row) => row.id));
  });
  const seededMembers = members.slice(0, 1000);
  const benchMembers = members.slice(1000);

  const toolRows = Array.from({ length: count }, () => {
    const category = random.pick(categories);
    const kind = kinds[category]!;
    const base = random.pick(kind.names);
    const name = `${base} ${random.pick(kind.brands)}${random.next() < 0.5 ? ` ${random.pick(kind.specs)}` : ""}`;
    const sentences = new Set([random.pick(kind.sentences), random.pick(kind.sentences)]);
    const roll = random.next();
    const status: ToolStatus = roll < 0.02 ? "retired" : roll < 0.05 ? "in_repair" : "available";
    return {
      name,
      category,
      description: random.next() < 0.9 ? [...sentences].join(" ") : null,
      condition: random.pick(conditions),
      location: random.next() < 0.8 ? `${random.pick(locations)}, plank ${random.int(1, 6)}` : null,
      deposit_cents: random.pick([null, 0, 500, 1000, 2500, 5000]),
      fee_cents: random.pick([null, null, 0, 100, 200, 250, 500]),
      max_loan_days: random.pick([3, 7, 7, 7, 14]),
      safety_notes: random.next() < 0.15 ? "Draag een veiligheidsbril en werkhandschoenen." : null,
      needs_instruction: random.next() < 0.1,
      status,
    };
  });
  const tools: { id: string; status: ToolStatus; max_loan_days: number }[] = [];
  await chunked(toolRows, 500, async (chunk) => {
    tools.push(...(await db.insertInto("tools").values(chunk).returning(["id", "status", "max_loan_days"]).execute()));
  });

  // Most tools have a photo, some two (only the rows: the catalog links to them, nobody fetches them here).
  const photoRows = tools.flatMap((tool) => {
    const photos = random.next() < 0.7 ? (random.next() < 0.2 ? 2 : 1) : 0;
    return Array.from({ length: photos }, () => ({ tool_id: tool.id, storage_key: newTenantFileKey(tenantId, "tool-photo", "jpg") }));
  });
  await chunked(photoRows, 1000, (chunk) => db.insertInto("tool_photos").values(chunk).execute());

  // Open loans (on loan now, some overdue, and reservations) each on their own tool, so the
  // exclusion constraint is satisfied; returned and cancelled ones anywhere.
  const lendable = tools.filter((tool) => tool.status !== "retired");
  const shuffled = [...lendable].sort(() => random.next() - 0.5);
  const onLoan = shuffled.slice(0, 300);
  const reserved = shuffled.slice(300, 450);
  const untouched = shuffled.slice(450).filter((tool) => tool.status === "available" && tool.max_loan_days >= 3);
  const at = (day: string) => new Date(`${day}T10:00:00Z`);
  const loanRows = [
    ...onLoan.map((tool, i) => {
      const overdue = i < 30;
      const start = addDays(today, overdue ? -random.int(10, 20) : -random.int(0, 6));
      const end = overdue ? addDays(today, -random.int(1, 5)) : addDays(today, random.int(0, 7));
      return { tool_id: tool.id, member_id: seededMembers[i]!, status: "on_loan" as const, period: `[${start},${addDays(end, 1)})`, checked_out_at: at(start) };
    }),
    ...reserved.map((tool, i) => {
      const start = addDays(today, random.int(0, 14));
      return { tool_id: tool.id, member_id: seededMembers[300 + i]!, status: "reserved" as const, period: `[${start},${addDays(start, random.int(1, 3))})`, checked_out_at: null };
    }),
    ...Array.from({ length: 4000 }, () => {
      const start = addDays(today, -random.int(15, 365));
      const end = addDays(start, random.int(0, 6));
      const cancelled = random.next() < 0.08;
      return {
        tool_id: random.pick(tools).id,
        member_id: random.pick(seededMembers),
        status: cancelled ? ("cancelled" as const) : ("returned" as const),
        period: `[${start},${addDays(end, 1)})`,
        checked_out_at: cancelled ? null : at(start),
        returned_at: cancelled ? null : at(addDays(end, random.int(0, 2))),
        cancelled_at: cancelled ? at(start) : null,
      };
    }),
  ];
  await chunked(loanRows, 500, (chunk) => db.insertInto("loans").values(chunk).execute());
  return { tools, untouched, benchMembers, photos: photoRows.length, openLoans: onLoan.length + reserved.length, pastLoans: 4000 };
}

/** How many tools a search finds in all, by paging through it as the catalog does. */
async function countMatches(db: TenantDb, search: string, today: string): Promise<number> {
  const params = Object.fromEntries(new URLSearchParams(search.split("?")[1] ?? ""));
  let total = 0;
  for (let page = 1; ; page++) {
    const { tools, hasMore } = await searchCatalog(db, catalogQuerySchema.parse({ ...params, page: String(page) }), today);
    total += tools.length;
    if (!hasMore) return total;
  }
}

// ---------------------------------------------------------------------------------------------
// Reservations

/** The first day at least `ahead` days away on which the neighbourhood is open, and open again `length - 1` days later. */
function openPeriod(today: string, openDays: Set<number>, ahead: number, length: number): { start: string; end: string } {
  for (let offset = ahead; ; offset++) {
    const start = addDays(today, offset);
    const end = addDays(start, length - 1);
    if (openDays.size === 0 || (openDays.has(isoWeekday(start)) && openDays.has(isoWeekday(end)))) return { start, end };
  }
}

type Outcome = { ms: number; result: Awaited<ReturnType<typeof reserveTool>> };
const outcomeText = (outcomes: Outcome[]) => {
  const counts = new Map<string, number>();
  for (const { result } of outcomes) {
    const key = result.ok ? "ok" : result.error;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${key}×${n}`).join(" ");
};

/** Open reservations and loans on these tools, as the table holds them. */
async function openLoansOn(db: TenantDb, toolIds: string[]): Promise<number> {
  const row = await db
    .selectFrom("loans")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("tool_id", "in", toolIds)
    .where("status", "in", ["reserved", "on_loan"])
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Runs `jobs` with at most `limit` at a time; resolves with each job's time and result. */
async function runLimited(jobs: (() => ReturnType<typeof reserveTool>)[], limit: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      // A call that throws (a deadlock, a serialization failure) is an outcome to show, not a crash.
      outcomes[i] = await timed(() =>
        jobs[i]!().catch((error: { code?: string; message?: string }) => ({ ok: false as const, field: "", error: `threw ${error.code ?? error.message}` })),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return outcomes;
}

// ---------------------------------------------------------------------------------------------

const pageRows: Record<string, string | number>[] = [];
const reserveRows: Record<string, string | number>[] = [];
const setupNotes: string[] = [];
for (const kind of ["postgres", "embedded"] satisfies DatabaseKind[]) {
  const database = await openBenchDatabase(kind);
  try {
    const demo = demoNeighbourhoods[1]!; // open Monday to Friday
    const setup = await timed(async () => {
      const tenant = await createTenant(
        database,
        { slug: benchSlug(1), name: demo.name, municipality: demo.municipality, province: demo.province },
        seedNeighbourhood(demo.seed),
      );
      const db = tenantDb(database, tenant.id);
      const today = localToday();
      const library = await fillToolLibrary(db, tenant.id, toolCount, today);
      // Fresh statistics, as autovacuum would have them after a bulk load on a live server.
      await sql`analyze`.execute(database.kysely);
      return { tenant, db, today, ...library };
    });
    const { tenant, db, today, untouched, benchMembers } = setup.result;
    setupNotes.push(
      `${database.label}: ${toolCount} tools, ${setup.result.photos} photos, ${setup.result.openLoans} open loans and reservations, ${setup.result.pastLoans} past loans, set up in ${seconds(setup.ms)} s`,
    );
    console.error(`  ${setupNotes.at(-1)}`);

    const server = await startBenchServer(database, build);
    try {
      const host = `${tenant.slug}.localhost:${server.port}`;
      for (const page of pages) {
        // Before measuring: the page answers 200 with tools on it.
        const { status, body } = await get(server.port, host, page.path);
        const cards = body.split('class="tool-card"').length - 1;
        if (status !== 200 || cards === 0) throw new Error(`${page.path}: status ${status}, ${cards} tools on the page`);
        const matches = await countMatches(db, page.path, today);
        // The query alone, one at a time: what the database costs of each request.
        const query = catalogQuerySchema.parse(Object.fromEntries(new URLSearchParams(page.path.split("?")[1] ?? "")));
        const querySamples: number[] = [];
        for (let i = 0; i < 20; i++) querySamples.push((await timed(() => searchCatalog(db, query, today))).ms);

        console.error(`  ${database.label}, ${page.path}: ${matches} matches; loading for ${duration} s`);
        const result = await autocannon({
          url: `http://127.0.0.1:${server.port}`,
          connections,
          duration,
          workers: 1,
          requests: [{ method: "GET", path: page.path, headers: { host } }],
          warmup: { connections, duration: Math.min(5, duration) },
        });
        pageRows.push({
          database: database.label,
          request: `GET ${page.path}`,
          matches,
          "query ms": ms(percentile(querySamples, 50)),
          "req/s": Math.round(result.requests.average),
          "p50 ms": result.latency.p50,
          "p90 ms": result.latency.p90,
          "p99 ms": result.latency.p99,
          "max ms": result.latency.max,
          requests: result.requests.total,
          non2xx: result.non2xx,
          "errors/timeouts": `${result.errors}/${result.timeouts}`,
        });
      }
    } finally {
      await server.close();
    }

    // Reservations, at module level (reserveTool), after the page loads so those see no bench rows.
    const openDays = new Set((await db.selectFrom("opening_hours").select("weekday").execute()).map((row) => row.weekday));
    const members = [...benchMembers];
    const tools = [...untouched];
    const takeTools = (n: number) => {
      if (tools.length < n) throw new Error(`only ${tools.length} untouched tools left, ${n} needed`);
      return tools.splice(0, n);
    };
    const reserve = (toolId: string, memberId: string, days: { start: string; end: string }) => () =>
      reserveTool(db, { toolId, memberId, actor: memberId, today, ...days });
    // Three days from three weeks ahead: after every seeded loan and reservation.
    const days = openPeriod(today, openDays, 21, 3);

    // One untimed reservation: the pool and the statement paths are warm when the clock starts.
    const warm = await reserve(takeTools(1)[0]!.id, members.shift()!, days)();
    if (!warm.ok) throw new Error(`warm-up reservation failed: ${warm.error}`);

    for (const callers of races) {
      const [tool] = takeTools(1);
      const jobs = members.splice(0, callers).map((memberId) => reserve(tool!.id, memberId, days));
      const { ms: wall, result: outcomes } = await timed(() => runLimited(jobs, callers));
      const winners = outcomes.filter(({ result }) => result.ok).length;
      // What the table holds afterwards, whatever the calls answered.
      const held = await openLoansOn(db, [tool!.id]);
      if (winners !== 1 || held !== 1) console.error(`  !! ${callers} callers after one tool on ${database.label}: ${winners} reservations went through and ${held} are in the table, expected exactly 1`);
      const latencies = outcomes.map((outcome) => outcome.ms);
      reserveRows.push({
        database: database.label,
        case: `${callers} residents, 1 tool, same days`,
        calls: callers,
        "in flight": callers,
        "wall ms": ms(wall),
        "calls/s": Math.round((callers / wall) * 1000),
        "p50 ms": ms(percentile(latencies, 50)),
        "p99 ms": ms(percentile(latencies, 99)),
        "max ms": ms(Math.max(...latencies)),
        winners,
        "in table": held,
        outcomes: outcomeText(outcomes),
      });
    }

    {
      const chosen = takeTools(reservations);
      const jobs = chosen.map((tool) => reserve(tool.id, members.shift()!, days));
      const { ms: wall, result: outcomes } = await timed(() => runLimited(jobs, inFlight));
      const winners = outcomes.filter(({ result }) => result.ok).length;
      const held = await openLoansOn(db, chosen.map((tool) => tool.id));
      const latencies = outcomes.map((outcome) => outcome.ms);
      reserveRows.push({
        database: database.label,
        case: `${reservations} residents, ${reservations} tools`,
        calls: reservations,
        "in flight": Math.min(inFlight, reservations),
        "wall ms": ms(wall),
        "calls/s": Math.round((reservations / wall) * 1000),
        "p50 ms": ms(percentile(latencies, 50)),
        "p99 ms": ms(percentile(latencies, 99)),
        "max ms": ms(Math.max(...latencies)),
        winners,
        "in table": held,
        outcomes: outcomeText(outcomes),
      });
    }
  } finally {
    await database.close();
  }
}

console.log(`\nTool library catalog: GET /gereedschap with Host <slug>.localhost, ${connections} connections, ${duration} s per page`);
console.log(`${machineContext()}; NODE_ENV=${process.env.NODE_ENV}`);
for (const note of setupNotes) console.log(note);
console.log(`"matches": tools the search finds in all (a page shows 30); "query ms": searchCatalog alone, median of 20, one at a time`);
printTable(pageRows);
console.log(`\nReservations: reserveTool, all calls started together (or ${inFlight} at a time); "winners": reservations that went through`);
printTable(reserveRows);
