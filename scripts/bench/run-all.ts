// Runs every benchmark in this folder, one after the other, each in its own process so that one's
// database, server and memory cannot colour the next one's figures.   npm run bench

import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const benchmarks = ["onboard.ts", "migrate.ts", "home-page.ts", "catalog.ts", "signups.ts", "agenda.ts"];

const timings: string[] = [];
let failed = false;
for (const file of benchmarks) {
  const started = performance.now();
  // process.execArgv carries tsx's loader flags, so the child runs TypeScript with the ~/ alias too.
  const child = spawnSync(process.execPath, [...process.execArgv, path.join(here, file)], { stdio: "inherit" });
  const took = `${file}: ${((performance.now() - started) / 1000).toFixed(1)} s`;
  timings.push(child.status === 0 ? took : `${took} (FAILED, exit ${child.status ?? child.signal})`);
  failed ||= child.status !== 0;
}

console.log(`\nWall-clock time per benchmark:\n  ${timings.join("\n  ")}`);
process.exitCode = failed ? 1 : 0;
