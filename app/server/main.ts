import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { platformDb } from "~/db/accessors.server";
import { migrateAll } from "~/db/migrate.server";
import { pruneRateLimits } from "~/modules/accounts/rate-limit.server";
import { createMailTransport, startEmailSender } from "~/modules/email/outbox.server";
import { startJobQueue } from "~/modules/jobs/job-queue.server";
import { scheduleLoanReminders } from "~/modules/tool-library/reminder-jobs.server";
import { scheduleKitchenPurge } from "~/modules/kitchen/purge-jobs.server";
import { prepareDemo } from "~/modules/demo/demo-neighbourhoods.server";
import { scheduleStripeComparison } from "~/modules/payments/compare.server";
import { startStripeEventJobs } from "~/modules/payments/payment-jobs.server";
import { createOnlinePayments } from "~/modules/payments/stripe.server";
import { createFileStorage } from "~/modules/storage/storage.server";
import { createSiteResolver } from "~/modules/tenants/resolve.server";
import { listActiveTenants } from "~/modules/tenants/tenants.server";
import { createApp } from "./app";
import { forgetOldSubmissions } from "./form-submissions.server";
import { createLogger } from "./logger.server";
import { openFromEnvironment } from "./open.server";
import { startupMessage } from "./startup-message";

const { config, database } = await openFromEnvironment(`the Wijkplaats app (npm start)`);
const logger = createLogger(config);

// Ctrl+C or SIGTERM during start-up must not kill the embedded database mid-write: finish the step
// in progress, then close. Once the server listens, `shutdown` below takes over.
let stopRequested = false;
const requestStop = () => {
  stopRequested = true;
};
process.on("SIGTERM", requestStop).on("SIGINT", requestStop);
async function stopIfRequested() {
  if (!stopRequested) return;
  logger.info("stopped during start-up");
  await database.close();
  process.exit(0);
}
logger.info({ database: database.kind, dataDir: database.kind === "embedded" ? config.dataDir : undefined }, "database open");

if (config.migrateOnStart) {
  const result = await migrateAll(database);
  for (const failure of result.failed) logger.error({ tenant: failure.slug, err: failure.error }, "tenant migration failed");
  logger.info({ platform: result.platform.length, tenants: result.tenants.length, failed: result.failed.length }, "migrations done");
}
await stopIfRequested();
const storage = createFileStorage(config.storage);
const demoStart = performance.now();
const { seeded, demo } = await prepareDemo(database, storage, config);
if (seeded > 0) logger.info({ neighbourhoods: seeded, ms: Math.round(performance.now() - demoStart) }, "demo neighbourhoods seeded");

await stopIfRequested();
const resolver = await createSiteResolver(database, { platformDomain: config.platformDomain });
const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
const jobs = await startJobQueue(database, logger);
const payments = config.stripe ? createOnlinePayments(config.stripe) : null;
const online = payments ? { payments, queueEvent: await startStripeEventJobs(jobs, database, payments, config.publicUrl, logger) } : null;
const app = createApp({
  database,
  resolver,
  build,
  logger,
  trustProxy: config.trustProxy,
  platformDomain: config.platformDomain,
  devMailbox: config.nodeEnv === "development" || (!config.smtpUrl && !config.databaseUrl),
  storage,
  demo,
  online,
});
// Hourly housekeeping of the platform's short-lived rows: rate-limit windows and sent forms.
const pruning = setInterval(
  () =>
    void Promise.all([pruneRateLimits(platformDb(database)), forgetOldSubmissions(platformDb(database))]).catch((error) =>
      logger.error({ err: error }, "pruning rate limits or sent forms failed"),
    ),
  60 * 60_000,
);
pruning.unref();
const stopEmailSender = startEmailSender(platformDb(database), createMailTransport({ smtpUrl: config.smtpUrl, from: config.mailFrom, log: logger }), logger);
await scheduleLoanReminders(jobs, database, config.publicUrl, logger);
await scheduleKitchenPurge(jobs, database, logger);
if (payments) await scheduleStripeComparison(jobs, database, payments, logger);

const platformUrl = `http://${config.platformDomain}:${config.port}/`;
const neighbourhoods = await listActiveTenants(platformDb(database), platformUrl);
const server = app.listen(config.port, () => {
  logger.info({ url: platformUrl, neighbourhoods: neighbourhoods.length, demo: demo !== null }, "listening");
  // For the person at the terminal: where to go (and, in a demo, as whom), not only a JSON line.
  console.log(startupMessage({ platformUrl, neighbourhoods, demo }));
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down: finishing open requests");
  const force = setTimeout(() => {
    logger.warn("open requests did not finish in 10 s; stopping anyway");
    process.exit(1);
  }, 10_000);
  force.unref();
  server.close(async () => {
    clearInterval(pruning);
    await jobs.stop({ graceful: true, wait: true });
    await stopEmailSender();
    await resolver.close();
    await database.close();
    logger.info("stopped");
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.off("SIGTERM", requestStop).off("SIGINT", requestStop);
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
if (stopRequested) void shutdown("SIGTERM");
