import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, demoLogins } from "~/modules/demo/demo-logins.server";
import { startupMessage } from "~/server/startup-message";
import { request } from "./support/server";

const platformUrl = "http://localhost:3000/";
const site = (slug: string) => ({ slug, url: `http://${slug}.localhost:3000/` });
const demo = { password: DEMO_PASSWORD, logins: [...demoLogins] };

describe("the start-up message", () => {
  it("names the platform and the neighbourhoods, the demo one first, and who to log in as", () => {
    const message = startupMessage({ platformUrl, neighbourhoods: [site("leidschendam-noord"), site("steenwijk-west")], demo });
    expect(message.split("\n")).toEqual([
      "Wijkplaats is running: http://localhost:3000 (platform), http://steenwijk-west.localhost:3000, http://leidschendam-noord.localhost:3000",
      'Demo logins, all with password "demo-wijkplaats": coordinator@example.org (coordinator), vrijwilliger@example.org (volunteer), ' +
        "bewoner@example.org (resident) at http://steenwijk-west.localhost:3000/inloggen; platformbeheer@example.org (platform admin) at http://localhost:3000/inloggen",
    ]);
  });

  it("has no demo line outside a demo, counts what it does not name, and says how to begin on an empty platform", () => {
    const many = Array.from({ length: 7 }, (_, i) => site(`wijk-${i}`));
    expect(startupMessage({ platformUrl, neighbourhoods: many, demo: null })).toBe(
      "Wijkplaats is running: http://localhost:3000 (platform), http://wijk-0.localhost:3000, http://wijk-1.localhost:3000, " +
        "http://wijk-2.localhost:3000, http://wijk-3.localhost:3000 and 3 more",
    );
    expect(startupMessage({ platformUrl, neighbourhoods: [], demo: null })).toBe(
      "Wijkplaats is running: http://localhost:3000 (platform; no neighbourhoods yet: npm run tenant:create)",
    );
  });
});

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the app's first start on the embedded default", () => {
  it("prints the addresses and the demo logins in plain lines, and no warnings", { timeout: 90_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "wijkplaats-startup-"));
    dirs.push(dataDir);
    const port = await freePort();
    const app = spawn(path.resolve("node_modules/.bin/tsx"), ["app/server/main.ts"], {
      env: { ...process.env, DATABASE_URL: "", SEED_DEMO: "", DATA_DIR: dataDir, PORT: String(port), NODE_ENV: "production", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    app.stdout.on("data", (chunk) => (stdout += chunk));
    app.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => app.on("exit", resolve));
    try {
      const deadline = Date.now() + 80_000;
      while (!stdout.includes("Demo logins")) {
        if (Date.now() > deadline || app.exitCode !== null) throw new Error(`app did not start:\n${stdout}\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const lines = stdout.split("\n");
      const base = `http://localhost:${port}`;
      expect(lines).toContain(
        `Wijkplaats is running: ${base} (platform), http://steenwijk-west.localhost:${port}, ` +
          `http://leidschendam-noord.localhost:${port}, http://schiedam.localhost:${port}, http://lindenholt.localhost:${port}`,
      );
      expect(lines.find((line) => line.startsWith("Demo logins"))).toContain(`platformbeheer@example.org (platform admin) at ${base}/inloggen`);
      // The addresses printed are the ones that work.
      expect((await request(`http://steenwijk-west.localhost:${port}/inloggen`)).status).toBe(200);
      // The seeding says how long it took; nothing at warning level or above, nothing on stderr.
      const logged = lines.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as { level: number; msg: string; ms?: number });
      expect(logged.find((entry) => entry.msg === "demo neighbourhoods seeded")?.ms).toEqual(expect.any(Number));
      expect(logged.filter((entry) => entry.level >= 40)).toEqual([]);
      expect(stderr).toBe("");
    } finally {
      app.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });
});
