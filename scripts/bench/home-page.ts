// Requests per second and latency of a neighbourhood's home page (GET / on <slug>.localhost) under
// concurrent load, served in-process by the real app (createApp + the Remix build in build/).
//   npx tsx scripts/bench/home-page.ts
// BENCH_SECONDS (default 10) per case, BENCH_CONNECTIONS (default 50), BENCH_TENANTS_MANY (default 1000).
import { fileURLToPath } from "node:url";
import { get, loadBuild, startBenchServer } from "./http";
import autocannon from "autocannon";
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

const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const many = Number(process.env.BENCH_TENANTS_MANY ?? 1000);

const build = await loadBuild();

const nextTenant = fileURLToPath(new URL("next-tenant.cjs", import.meta.url));

const cases: { kind: DatabaseKind; tenants: number }[] = [
  { kind: "postgres", tenants: 10 },
  { kind: "postgres", tenants: many },
  { kind: "embedded", tenants: 10 },
];

/**
 * Tenants onboarded the real way, each with one of the demo profiles. The number in the name makes
 * every page different, so the check below can tell that a Host header reached its own tenant.
 */
async function createBenchTenants(database: BenchDatabase, count: number): Promise<{ slug: string; name: string }[]> {
  const tenants: { slug: string; name: string }[] = [];
  for (let i = 1; i <= count; i++) {
    const { seed, name, municipality, province } = demoNeighbourhoods[i % demoNeighbourhoods.length]!;
    const tenant = await createTenant(database, { slug: benchSlug(i), name: `${name} ${i}`, municipality, province }, seedNeighbourhood(seed));
    tenants.push({ slug: tenant.slug, name: tenant.name });
  }
  return tenants;
}

const rows: Record<string, string | number>[] = [];
for (const { kind, tenants: count } of cases) {
  const database = await openBenchDatabase(kind);
  try {
    const setupStarted = performance.now();
    const tenants = await createBenchTenants(database, count);
    const hostsSeen = new Set<string>();
    // Counted on the server side, so "tenants hit" reports what arrived rather than what was meant.
    const server = await startBenchServer(database, build, (req) => hostsSeen.add(req.headers.host ?? ""));
    try {
      const hostOf = (slug: string) => `${slug}.localhost:${server.port}`;
      // Check before measuring that the Host header really selects the tenant: ten tenants spread
      // over the whole list must each answer 200 with their own name on the page.
      for (let i = 0; i < 10; i++) {
        const tenant = tenants[Math.floor((i * tenants.length) / 10)]!;
        const { status, body } = await get(server.port, hostOf(tenant.slug));
        if (status !== 200 || !body.includes(tenant.name)) throw new Error(`${tenant.slug}: status ${status}, name on page: ${body.includes(tenant.name)}`);
      }
      // /readyz is polled by load balancers every few seconds and asks the database whether the
      // platform is migrated; its cost is worth seeing next to the tenant count. Median of 5.
      const readyz: number[] = [];
      for (let i = 0; i < 5; i++) {
        const { ms: took, result } = await timed(() => get(server.port, `localhost:${server.port}`, "/readyz"));
        if (result.status !== 200) throw new Error(`/readyz answered ${result.status}: ${result.body}`);
        readyz.push(took);
      }
      console.error(`  ${database.label}, ${count} tenants: set up in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s; loading for ${duration} s`);

      hostsSeen.clear();
      const result = await autocannon({
        url: `http://127.0.0.1:${server.port}`,
        connections,
        duration,
        // The load generator runs in a worker thread, so it does not share the event loop it measures.
        workers: 1,
        // Request n goes to tenant n mod count, so all tenants get an even share (see next-tenant.cjs).
        requests: [{ method: "GET", path: "/", setupRequest: nextTenant, hosts: tenants.map(({ slug }) => hostOf(slug)) }],
        // Fills the JIT, the host→tenant cache and the connection pool before the measured run.
        warmup: { connections, duration: Math.min(5, duration) },
      });
      const statuses = Object.entries(result.statusCodeStats).map(([code, { count }]) => `${code}×${count}`).join(" ");
      rows.push({
        database: database.label,
        tenants: count,
        "tenants hit": hostsSeen.size,
        "req/s": Math.round(result.requests.average),
        "p50 ms": result.latency.p50,
        "p90 ms": result.latency.p90,
        "p99 ms": result.latency.p99,
        "max ms": result.latency.max,
        requests: result.requests.total,
        non2xx: result.non2xx,
        "errors/timeouts": `${result.errors}/${result.timeouts}`,
        statuses,
        "/readyz ms": ms(summarise(readyz).median),
      });
    } finally {
      await server.close();
    }
  } finally {
    await database.close();
  }
}

console.log(`\nTenant home page: GET / with Host <slug>.localhost, ${connections} connections, ${duration} s per case`);
console.log(`${machineContext()}; NODE_ENV=${process.env.NODE_ENV}`);
printTable(rows);
