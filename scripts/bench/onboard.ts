// Time to onboard one neighbourhood: createTenant (row, schema, migrations) plus its default data,
// against PostgreSQL and embedded PGlite.   npx tsx scripts/bench/onboard.ts
// BENCH_ONBOARD_COUNT (default 20) tenants are timed per database, after one untimed warm-up.
import { demoNeighbourhoods } from "~/modules/demo/demo-neighbourhoods.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import {
  benchSlug,
  machineContext,
  ms,
  openBenchDatabase,
  printTable,
  summarise,
  timed,
  type BenchDatabase,
  type DatabaseKind,
} from "./shared";

const count = Number(process.env.BENCH_ONBOARD_COUNT ?? 20);

/** Onboards tenant number `index` with a full demo profile, as the demo seeding and a real sign-up would. */
async function onboard(database: BenchDatabase, index: number): Promise<number> {
  const { seed, name, municipality, province } = demoNeighbourhoods[index % demoNeighbourhoods.length]!;
  const { ms: took, result } = await timed(() =>
    createTenant(database, { slug: benchSlug(index), name, municipality, province }, seedNeighbourhood(seed)),
  );
  if (result.status !== "active") throw new Error(`${result.slug} ended up ${result.status}`);
  return took;
}

const rows: Record<string, string | number>[] = [];
for (const kind of ["postgres", "embedded"] satisfies DatabaseKind[]) {
  const database = await openBenchDatabase(kind);
  try {
    // The first onboarding also pays one-time costs (module loading, connection set-up, catalog
    // caches), so it is shown on its own and left out of the statistics.
    const first = await onboard(database, 0);
    const samples: number[] = [];
    for (let i = 1; i <= count; i++) samples.push(await onboard(database, i));
    const s = summarise(samples);
    rows.push({
      database: database.label,
      n: count,
      "median ms": ms(s.median),
      "p90 ms": ms(s.p90),
      "min ms": ms(s.min),
      "max ms": ms(s.max),
      "first (cold) ms": ms(first),
    });
  } finally {
    await database.close();
  }
}

console.log(`\nOnboard one tenant: createTenant + seedNeighbourhood(demo profile)`);
console.log(machineContext());
printTable(rows);
