// npm run db:migrate [-- --from <slug>] [--limit <n>] [--dry-run]
// Migrates the platform schema and then every neighbourhood's schema.
import { parseArgs } from "node:util";
import { z } from "zod";
import { migrateAll } from "~/db/migrate.server";
import { openFromEnvironment } from "~/server/open.server";

const { values } = parseArgs({
  options: {
    from: { type: "string" },
    limit: { type: "string" },
    "dry-run": { type: "boolean", default: false },
  },
});
const limit = z.coerce.number().int().min(1).optional().safeParse(values.limit);
if (!limit.success) {
  console.error(`--limit must be a whole number of at least 1 (got ${JSON.stringify(values.limit)})`);
  process.exit(2);
}

const dryRun = values["dry-run"];
const { database } = await openFromEnvironment("npm run db:migrate");
let exitCode = 0;
try {
  const result = await migrateAll(database, {
    from: values.from,
    limit: limit.data,
    dryRun,
    onTenant: (r) => {
      const what = r.error
        ? `FAILED (rolled back): ${r.error.message}`
        : r.applied.length === 0
          ? "up to date"
          : `${dryRun ? "would apply" : "applied"} ${r.applied.join(", ")}`;
      console.log(`[${r.index}/${r.total}] ${r.slug}: ${what} (${Math.round(r.ms)} ms)`);
    },
  });
  const verb = dryRun ? "pending" : "applied";
  console.log(`platform: ${result.platform.length} migration(s) ${verb}`);
  console.log(`${result.tenants.length} neighbourhood(s) checked, ${result.failed.length} failed`);
  if (result.failed.length > 0) {
    console.error(`Failed: ${result.failed.map((f) => f.slug).join(", ")}. Fix the cause and run again; the others are done.`);
    exitCode = 1;
  }
} finally {
  await database.close();
}
// Set only now: closing embedded PGlite (Emscripten) overwrites process.exitCode.
process.exit(exitCode);
