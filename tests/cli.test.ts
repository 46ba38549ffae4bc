import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "~/config.server";
import { openDatabase } from "~/db/database.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { request } from "./support/server";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/.bin/tsx");
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "wijkplaats-test-"));
  dirs.push(dir);
  return dir;
}

async function cli(script: string, args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(tsx, [script, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("configuration", () => {
  it("uses the embedded defaults when nothing is set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, platformDomain: "localhost", databaseUrl: undefined, seedDemo: true });
    expect(config.dataDir).toBe(path.resolve(".data"));
  });

  it("names the variable of a bad setting in one line", () => {
    expect(() => loadConfig({ PORT: "abc" })).toThrow(/^Invalid configuration: PORT: .*\(got "abc"\)$/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/^Invalid configuration: DATABASE_URL: must start with postgres/);
    expect(() => loadConfig({ MIGRATE_ON_START: "yes" })).toThrow(/^Invalid configuration: MIGRATE_ON_START/);
  });

  it("stops the app at start-up with that one line", async () => {
    const result = await cli("app/server/main.ts", [], { PORT: "abc", DATA_DIR: tempDataDir() });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^Invalid configuration: PORT: /)]);
  });
});

// The command-line tools against the embedded default, and against PostgreSQL when the run has one.
const targets: [string, () => Promise<{ env: Record<string, string>; done: () => Promise<void> }>][] = [
  ["embedded PGlite", async () => ({ env: { DATABASE_URL: "", DATA_DIR: tempDataDir() }, done: async () => {} })],
];
if (process.env.DATABASE_URL) {
  targets.push([
    "PostgreSQL",
    async () => {
      const database = await openTestDatabase();
      return { env: { DATABASE_URL: database.url! }, done: () => database.close() };
    },
  ]);
}

describe.each(targets)("the tenant and migration commands on %s", (_, setUp) => {
  it("create, suspend, resume and migrate a neighbourhood, with clear errors", { timeout: 120_000 }, async () => {
    const { env, done } = await setUp();
    try {
      const slug = uniqueSlug("cli");
      const created = await cli("scripts/tenant.ts", ["create", "--slug", slug, "--name", "CLI Wijk", "--municipality", "Utrecht"], env);
      expect(created.stderr).toBe("");
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/^Created CLI Wijk in \d+ ms\./m);
      expect(created.stdout).toContain(`Open it at http://${slug}.localhost:3000/`);

      const again = await cli("scripts/tenant.ts", ["create", "--slug", slug, "--name", "Nog een"], env);
      expect(again.code).toBe(1);
      expect(again.stderr.trim()).toBe("--slug: Dit webadres is al in gebruik. Kies een ander.");

      const hostile = await cli("scripts/tenant.ts", ["create", "--slug", "x'; drop schema platform; --", "--name", "X"], env);
      expect(hostile.code).toBe(1);
      expect(hostile.stderr).toContain("--slug: Gebruik alleen kleine letters");

      const suspended = await cli("scripts/tenant.ts", ["suspend", "--slug", slug], env);
      expect(suspended.stdout.trim()).toBe(`CLI Wijk (${slug}) is now suspended.`);
      const resumed = await cli("scripts/tenant.ts", ["resume", "--slug", slug], env);
      expect(resumed.stdout.trim()).toBe(`CLI Wijk (${slug}) is now active.`);
      const missing = await cli("scripts/tenant.ts", ["suspend", "--slug", "bestaat-niet"], env);
      expect(missing.code).toBe(1);

      const migrated = await cli("scripts/db-migrate.ts", [], env);
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain(`[1/1] ${slug}: up to date`);
      expect(migrated.stdout).toContain("1 neighbourhood(s) checked, 0 failed");

      const email = `${uniqueSlug("beheer")}@example.org`;
      const admin = await cli("scripts/admin.ts", ["create", "--email", email], { ...env, ADMIN_PASSWORD: "lange zin als wachtwoord" });
      expect(admin.stdout).toContain(`Platform admin ${email} created.`);
      const twice = await cli("scripts/admin.ts", ["create", "--email", email], { ...env, ADMIN_PASSWORD: "lange zin als wachtwoord" });
      expect(twice.code).toBe(1);
      expect(twice.stderr).toContain("already exists");
      const weak = await cli("scripts/admin.ts", ["create", "--email", `x${email}`], { ...env, ADMIN_PASSWORD: "password1" });
      expect(weak.code).toBe(1);
      expect(weak.stderr).toContain("Dit wachtwoord wordt heel vaak gebruikt");

      const badLimit = await cli("scripts/db-migrate.ts", ["--limit", "nul"], env);
      expect(badLimit.code).toBe(2);
      expect(badLimit.stderr).toContain("--limit must be a whole number");
    } finally {
      await done();
    }
  });
});

describe("the embedded database held by another process", () => {
  it("makes a command-line tool say who holds it, instead of corrupting it", async () => {
    const dataDir = tempDataDir();
    const holder = await openDatabase({ dataDir, holder: "the Wijkplaats app (npm start)" });
    try {
      const result = await cli("scripts/db-migrate.ts", [], { DATABASE_URL: "", DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`is in use by the Wijkplaats app (npm start) (pid ${process.pid}`);
      expect(result.stderr).toContain("Stop it first");
    } finally {
      await holder.close();
    }
    expect(existsSync(path.join(dataDir, "wijkplaats.lock"))).toBe(false);
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("npm start on a fresh clone (embedded default)", () => {
  // Generous limits: a first start hashes four demo passwords and seeds a week, and CI machines are
  // busy. How fast a start is belongs in scripts/bench, not here.
  it("migrates, seeds the demo, serves Steenwijk-West and stops cleanly on SIGTERM", { timeout: 180_000 }, async () => {
    const dataDir = tempDataDir();
    const port = await freePort();
    const app = spawn(tsx, ["app/server/main.ts"], {
      env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, PORT: String(port), NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    app.stdout.on("data", (chunk) => (output += chunk));
    app.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => app.on("exit", resolve));
    try {
      const deadline = Date.now() + 150_000;
      while (!output.includes("Wijkplaats is running")) {
        if (Date.now() > deadline) throw new Error(`app did not start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const page = await request(`http://steenwijk-west.localhost:${port}/`);
      expect(page.status).toBe(200);
      expect(page.body).toContain("Wijkwerkplaats Steenwijk-West");
      expect(output).toContain('"neighbourhoods":4');
      // Every request is logged as JSON with its id, tenant, route, status and duration.
      const logged = () => output.split("\n").find((l) => l.includes('"request completed"'));
      while (!logged() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(JSON.parse(logged()!)).toMatchObject({
        req: { id: expect.any(String), method: "GET", url: "/" },
        tenant: "steenwijk-west",
        route: "/",
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      });
    } finally {
      app.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
    expect(existsSync(path.join(dataDir, "wijkplaats.lock"))).toBe(false);
  });
});

describe("a stale lock on the embedded database", () => {
  it("is taken over when its process is gone, also when it carries our own pid after a restart", async () => {
    for (const pid of [2 ** 22 + 12345, process.pid]) {
      const dataDir = tempDataDir();
      writeFileSync(path.join(dataDir, "wijkplaats.lock"), JSON.stringify({ pid, holder: "a crashed app", since: "2026-01-01" }));
      const database = await openDatabase({ dataDir, holder: "test" });
      expect(JSON.parse(readFileSync(path.join(dataDir, "wijkplaats.lock"), "utf8"))).toMatchObject({ pid: process.pid, holder: "test" });
      await database.close();
      expect(existsSync(path.join(dataDir, "wijkplaats.lock"))).toBe(false);
    }
  });
});
