// The real app served in-process for the page benchmarks, and a plain GET with a Host header.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import pino from "pino";
import { createFileStorage } from "~/modules/storage/storage.server";
import { createSiteResolver } from "~/modules/tenants/resolve.server";
import { createApp } from "~/server/app";
import type { BenchDatabase } from "./shared";

// React's development build renders markedly slower; the benchmarks measure production. A NODE_ENV
// given on the command line still wins: `NODE_ENV= npx tsx scripts/bench/home-page.ts` measures what
// `npm start` runs when NODE_ENV is unset.
process.env.NODE_ENV ??= "production";

/** The production build, built first when there is none. */
export async function loadBuild(): Promise<ServerBuild> {
  if (!existsSync("build/index.js")) execSync("npx remix build", { stdio: "inherit" });
  return (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
}

/**
 * The app on a free port of 127.0.0.1, as `npm start` runs it (one JSON log line per request, to
 * /dev/null). `onRequest` sees every request as it arrives (home-page.ts counts the hosts hit).
 */
export async function startBenchServer(database: BenchDatabase, build: ServerBuild, onRequest?: (req: http.IncomingMessage) => void) {
  const resolver = await createSiteResolver(database, { platformDomain: "localhost" });
  const logger = pino({ level: "info" }, pino.destination("/dev/null"));
  const storage = createFileStorage({ localDir: path.join(os.tmpdir(), "wijkplaats-bench-uploads") });
  const app = createApp({ database, resolver, build, logger, trustProxy: false, platformDomain: "localhost", storage });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  if (onRequest) server.on("request", onRequest);
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
export function get(port: number, host: string, pathname = "/"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: pathname, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
  });
}

/** Nearest rank, as summarise() in shared.ts, but any percentile. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
