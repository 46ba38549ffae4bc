// Time for migrateAll over many tenants: the first run over fresh tenants (schemas created and
// migrated) and the re-run when everything is up to date.   npx tsx scripts/bench/migrate.ts
// Tenant counts: BENCH_MIGRATE_POSTGRES (default "100,1000") and BENCH_MIGRATE_EMBEDDED (default "100").
import { platformDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { migrateAll, type MigrateAllResult } from "~/db/migrate.server";
import {
  benchSlug,
  machineContext,
  ms,
  openBenchDatabase,
  printTable,
  seconds,
  timed,
  type DatabaseKind,
} from "./shared";

const counts = (value: string | undefined, fallback: string) =>
  (value ?? fallback).split(",").filter(Boolean).map(Number);

const cases: { kind: DatabaseKind; tenants: number }[] = [
  ...counts(process.env.BENCH_MIGRATE_POSTGRES, "100,1000").map((tenants) => ({ kind: "postgres" as const, tenants })),
  ...counts(process.env.BENCH_MIGRATE_EMBEDDED, "100").map((tenants) => ({ kind: "embedded" as const, tenants })),
];

/** Active tenant rows without schemas, in bulk: the cheapest way to give `migrateAll` fresh tenants. */
async function insertBareTenants(database: Database, count: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, i) => ({
    slug: benchSlug(i + 1),
    name: `Benchmarkwijk ${i + 1}`,
    status: "active" as const,
    schema_version: null,
  }));
  // Batches keep each statement well below Postgres' 65,535 bind parameters.
  for (let i = 0; i < rows.length; i += 1000) {
    await platformDb(database).insertInto("tenants").values(rows.slice(i, i + 1000)).execute();
  }
}

/** Mean per-tenant time of a slice of the run, to show whether tenants get slower as the run goes on. */
function meanMs(result: MigrateAllResult, from: number, to: number): string {
  const slice = result.tenants.slice(from, to);
  return ms(slice.reduce((sum, r) => sum + r.ms, 0) / Math.max(1, slice.length));
}

const rows: Record<string, string | number>[] = [];
for (const { kind, tenants } of cases) {
  const database = await openBenchDatabase(kind);
  try {
    await insertBareTenants(database, tenants);
    for (const run of ["first", "no-op"] as const) {
      // Progress on stderr: large runs take minutes, and the per-tenant time shows how it grows.
      const onTenant = (r: { index: number; total: number; ms: number }) => {
        if (r.index % 100 === 0) console.error(`  ${kind} ${run} run: ${r.index}/${r.total} (${ms(r.ms)} ms for this tenant)`);
      };
      const { ms: took, result } = await timed(() => migrateAll(database, { onTenant }));
      // A benchmark of a run that did not do its work would be meaningless: check it did.
      const applied = result.tenants.filter((r) => r.applied.length > 0).length;
      if (result.failed.length > 0) throw new Error(`${result.failed.length} tenants failed: ${result.failed[0]!.error?.message}`);
      if (result.tenants.length !== tenants || applied !== (run === "first" ? tenants : 0)) {
        throw new Error(`${run} run migrated ${applied} of ${result.tenants.length} tenants`);
      }
      const tenth = Math.max(1, Math.floor(tenants / 10));
      rows.push({
        database: database.label,
        tenants,
        run,
        "total s": seconds(took),
        "ms/tenant": ms(took / tenants),
        "first 10% ms/tenant": meanMs(result, 0, tenth),
        "last 10% ms/tenant": meanMs(result, tenants - tenth, tenants),
      });
      console.error(`  ${database.label}: ${tenants} tenants, ${run} run: ${seconds(took)} s`);
    }
  } finally {
    await database.close();
  }
}

console.log(`\nmigrateAll over N tenants (fresh tenant rows with no schema, then the up-to-date re-run)`);
console.log(machineContext());
printTable(rows);
