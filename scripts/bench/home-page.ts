// Requests per second and latency of a neighbourhood's home page (GET / on <slug>.localhost) under
// concurrent load, served in-process by the real app (createApp + the Remix build in build/).
//   npx tsx scripts/bench/home-page.ts
// BENCH_SECONDS (default 10) per case, BENCH_CONNECTIONS (default 50), BENCH_TENANTS_MANY (default 1000).
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import autocannon from "autocannon";
import pino from "pino";
import { demoNeighbourhoods } from "~/modules/demo/demo-neighbourhoods.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createFileStorage } from "~/modules/storage/storage.server";
import { createSiteResolver } from "~/modules/tenants/resolve.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { createApp } from "~/server/app";
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

// React picks its development or production build from NODE_ENV when it is first loaded (by the
// Remix build, imported below), and the development build renders markedly slower. Measure
// what a production deployment should run. A NODE_ENV given on the command line still wins:
// `NODE_ENV= npx tsx scripts/bench/home-page.ts` measures what `npm start` runs when NODE_ENV is unset.
process.env.NODE_ENV ??= "production";

if (!existsSync("build/index.js")) execSync("npx remix build", { stdio: "inherit" });
const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;

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

async function startServer(database: BenchDatabase, hostsSeen: Set<string>) {
  const resolver = await createSiteResolver(database, { platformDomain: "localhost" });
  // Production logs one JSON line per request; writing them to /dev/null keeps that cost in the figures.
  const logger = pino({ level: "info" }, pino.destination("/dev/null"));
  const storage = createFileStorage({ localDir: path.join(os.tmpdir(), "wijkplaats-bench-uploads") });
  const app = createApp({ database, resolver, build, logger, trustProxy: false, platformDomain: "localhost", storage });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  // Counted on the server side, so "tenants hit" reports what arrived rather than what was meant.
  server.on("request", (req: http.IncomingMessage) => hostsSeen.add(req.headers.host ?? ""));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await resolver.close();
    },
  };
}

/** A GET to 127.0.0.1 with the given Host header: `*.localhost` must not depend on the resolver. */
function get(port: number, host: string, pathname = "/"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: pathname, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
  });
}

const rows: Record<string, string | number>[] = [];
for (const { kind, tenants: count } of cases) {
  const database = await openBenchDatabase(kind);
  try {
    const setupStarted = performance.now();
    const tenants = await createBenchTenants(database, count);
    const hostsSeen = new Set<string>();
    const server = await startServer(database, hostsSeen);
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
