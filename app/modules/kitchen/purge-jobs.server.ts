import type { Logger } from "pino";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { localToday, TIME_ZONE } from "~/dates";
import type { JobQueue } from "~/modules/jobs/job-queue.server";
import { purgeOldDietAnswers } from "./kitchen.server";

/** Every night: one job that hands out a purge job per neighbourhood. */
export const DAILY_KITCHEN_PURGE = "kitchen-purge";
export const NEIGHBOURHOOD_KITCHEN_PURGE = "kitchen-purge-for-neighbourhood";

interface NeighbourhoodJob {
  tenantId: string;
  today: string;
}

/**
 * Registers the nightly removal of diet answers (health data) 30 days after their meal: at 03:00
 * Dutch time the daily job queues one job per neighbourhood (so one neighbourhood's failure is
 * retried on its own). Suspended neighbourhoods too: a closed site keeps no health data longer.
 */
export async function scheduleKitchenPurge(boss: JobQueue, database: Database, log: Logger): Promise<void> {
  await boss.createQueue(DAILY_KITCHEN_PURGE);
  await boss.createQueue(NEIGHBOURHOOD_KITCHEN_PURGE);
  await boss.schedule(DAILY_KITCHEN_PURGE, "0 3 * * *", {}, { tz: TIME_ZONE });
  await boss.work(DAILY_KITCHEN_PURGE, async () => {
    const today = localToday();
    const tenants = await platformDb(database).selectFrom("tenants").select("id").where("status", "in", ["active", "suspended"]).execute();
    for (const tenant of tenants) {
      await boss.send(NEIGHBOURHOOD_KITCHEN_PURGE, { tenantId: tenant.id, today } satisfies NeighbourhoodJob, { retryLimit: 5, retryBackoff: true });
    }
  });
  await boss.work<NeighbourhoodJob>(NEIGHBOURHOOD_KITCHEN_PURGE, async (jobs) => {
    for (const job of jobs) {
      const removed = await purgeOldDietAnswers(tenantDb(database, job.data.tenantId), job.data.today);
      if (removed > 0) log.info({ tenantId: job.data.tenantId, removed }, "kitchen: diet answers of past meals removed");
    }
  });
}
