// Shared pieces of the benchmarks in this folder: a throw-away database, machine context, statistics
// and a plain-text table. Benchmarks print figures only; nothing here passes or fails.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { openDatabase, type Database } from "~/db/database.server";
import { migratePlatform } from "~/db/migrate.server";

export type DatabaseKind = "postgres" | "embedded";

/** The PostgreSQL server to benchmark against; each benchmark makes (and drops) its own database on it. */
export const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * Embedded PGlite lives in a temp directory by default, because that is what `npm start` without
 * DATABASE_URL uses (a data directory on disk). BENCH_PGLITE=memory keeps it in memory instead.
 */
const pgliteInMemory = process.env.BENCH_PGLITE === "memory";

export interface BenchDatabase extends Database {
  /** e.g. "PostgreSQL 15.20 at 127.0.0.1:5432 (pool 10)" or "PGlite 17.5 (temp dir)". */
  label: string;
}

/** A fresh database with the platform schema migrated, removed again by `close()`. */
export async function openBenchDatabase(kind: DatabaseKind, options: { poolMax?: number } = {}): Promise<BenchDatabase> {
  if (kind === "embedded") {
    const dataDir = pgliteInMemory ? undefined : mkdtempSync(path.join(os.tmpdir(), "wijkplaats-bench-"));
    const database = await openDatabase({ dataDir, holder: "a benchmark" });
    await migratePlatform(database);
    const { version } = await queryOne<{ version: string }>(database, "select version()");
    return {
      ...database,
      label: `PGlite ${version.split(" ")[1]} (${dataDir ? "temp dir" : "in memory"})`,
      async close() {
        await database.close();
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }

  const name = `wijkplaats_bench_${randomBytes(6).toString("hex")}`;
  await withAdminClient((client) => client.query(`create database ${name}`));
  openDatabases.add(name);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // 10 is the app's default DATABASE_POOL_MAX, so the figures match an untuned deployment.
  const database = await openDatabase({ databaseUrl: url.href, poolMax: options.poolMax ?? 10 });
  await migratePlatform(database);
  const { server_version } = await queryOne<{ server_version: string }>(database, "show server_version");
  return {
    ...database,
    label: `PostgreSQL ${server_version.split(" ")[0]} at ${url.host} (pool ${options.poolMax ?? 10})`,
    async close() {
      await database.close();
      await withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`));
      openDatabases.delete(name);
    },
  };
}

// Large runs take minutes and get interrupted: drop their databases on Ctrl-C rather than leave them.
const openDatabases = new Set<string>();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    const names = [...openDatabases];
    // Dropping with (force) cuts off this process' own connections mid-query; we are leaving anyway.
    process.on("uncaughtException", () => {});
    console.error(`\n${signal}: dropping ${names.join(", ") || "nothing"}`);
    void withAdminClient((client) => Promise.all(names.map((name) => client.query(`drop database if exists ${name} with (force)`))))
      .finally(() => process.exit(130));
  });
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function queryOne<T>(database: Database, query: string): Promise<T> {
  const { rows } = await sql.raw<T>(query).execute(database.kysely);
  return rows[0]!;
}

/** `bench-0001`, `bench-0002`, …: valid slugs that sort in creation order. */
export const benchSlug = (index: number) => `bench-${String(index).padStart(4, "0")}`;

/** Includes the load average: figures taken while something else keeps the CPUs busy are not comparable. */
export function machineContext(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((value) => value.toFixed(2)).join(" ");
  return `node ${process.version}, ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? "unknown"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}, load average ${load}`;
}

export interface Summary {
  median: number;
  p90: number;
  min: number;
  max: number;
}

/** Nearest-rank percentiles: with 20 samples p90 is the 18th fastest, not an interpolated value. */
export function summarise(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { median: rank(50), p90: rank(90), min: sorted[0]!, max: sorted.at(-1)! };
}

export const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
export const seconds = (valueMs: number) => (valueMs / 1000).toFixed(2);

/** Prints rows as an aligned plain-text table; numbers are right-aligned. */
export function printTable(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const cells = rows.map((row) => columns.map((column) => String(row[column] ?? "")));
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((row) => row[i]!.length)));
  const numeric = columns.map((_, i) => cells.every((row) => /^[\d.,%-]+$/.test(row[i]!)));
  const line = (values: string[]) =>
    values.map((value, i) => (numeric[i] ? value.padStart(widths[i]!) : value.padEnd(widths[i]!))).join("  ").trimEnd();
  console.log(line(columns));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of cells) console.log(line(row));
}

/** Runs `work` and returns how long it took in milliseconds, with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}
