// npm run tenant:create -- --slug <slug> --name <name> [--municipality ...] [--province ...] [--domain ...] [--modules tool_library,repairs]
// npm run tenant:suspend -- --slug <slug>
// npm run tenant:resume -- --slug <slug>
import { parseArgs } from "node:util";
import { platformDb } from "~/db/accessors.server";
import { migratePlatform } from "~/db/migrate.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { moduleListSchema } from "~/modules/tenants/validation";
import { createTenant, setTenantStatus, TenantInputError, TenantNotFoundError } from "~/modules/tenants/tenants.server";
import { openFromEnvironment } from "~/server/open.server";

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    slug: { type: "string" },
    name: { type: "string" },
    municipality: { type: "string" },
    province: { type: "string" },
    domain: { type: "string" },
    // The modules it starts with (its offer); left out: every module.
    modules: { type: "string" },
  },
});

if (command !== "create" && command !== "suspend" && command !== "resume") {
  console.error("usage: tsx scripts/tenant.ts create|suspend|resume --slug <slug> [--name <name>]");
  process.exit(2);
}

const { config, database } = await openFromEnvironment(`npm run tenant:${command}`);
let exitCode = 0;
try {
  // A fresh database has no platform tables yet; this is a no-op once they exist.
  await migratePlatform(database);
  if (command === "create") {
    const modules = values.modules === undefined ? undefined : moduleListSchema.safeParse(values.modules);
    if (modules && !modules.success) throw new TenantInputError("modules", modules.error.issues[0]!.message);
    const started = performance.now();
    const tenant = await createTenant(
      database,
      {
        slug: values.slug ?? "",
        name: values.name ?? "",
        municipality: values.municipality,
        province: values.province,
        customDomain: values.domain,
      },
      seedNeighbourhood(modules ? { offerings: modules.data.map((kind) => ({ kind })) } : {}),
    );
    const port = config.port === 80 ? "" : `:${config.port}`;
    console.log(`Created ${tenant.name} in ${Math.round(performance.now() - started)} ms.`);
    console.log(`Open it at http://${tenant.slug}.${config.platformDomain}${port}/`);
  } else {
    const tenant = await setTenantStatus(platformDb(database), values.slug ?? "", command === "suspend" ? "suspended" : "active");
    console.log(`${tenant.name} (${tenant.slug}) is now ${tenant.status}.`);
  }
} catch (error) {
  if (error instanceof TenantInputError) {
    console.error(`--${error.field === "customDomain" ? "domain" : error.field}: ${error.message}`);
    exitCode = 1;
  } else if (error instanceof TenantNotFoundError) {
    console.error(error.message);
    exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await database.close();
}
// Set only now: closing embedded PGlite (Emscripten) overwrites process.exitCode.
process.exit(exitCode);
