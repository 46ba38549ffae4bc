import type { Logger } from "pino";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { localToday, TIME_ZONE } from "~/dates";
import type { JobQueue } from "~/modules/jobs/job-queue.server";
import { expireUncollectedReservations } from "./loans.server";
import { queueLoanReminders } from "./reminders.server";

/** Every morning: one job that hands out a reminder job per active neighbourhood. */
export const DAILY_LOAN_REMINDERS = "loan-reminders";
export const NEIGHBOURHOOD_LOAN_REMINDERS = "loan-reminders-for-neighbourhood";

interface NeighbourhoodJob {
  tenantId: string;
  today: string;
}

/**
 * Registers the daily lending jobs: at 09:00 Dutch time the daily job lists the active
 * neighbourhoods and queues one job each (so one neighbourhood's failure is retried on its own),
 * which cancels reservations nobody collected and queues the reminder emails.
 */
export async function scheduleLoanReminders(boss: JobQueue, database: Database, platformUrl: string, log: Logger): Promise<void> {
  await boss.createQueue(DAILY_LOAN_REMINDERS);
  await boss.createQueue(NEIGHBOURHOOD_LOAN_REMINDERS);
  await boss.schedule(DAILY_LOAN_REMINDERS, "0 9 * * *", {}, { tz: TIME_ZONE });
  await boss.work(DAILY_LOAN_REMINDERS, async () => {
    const today = localToday();
    const tenants = await platformDb(database).selectFrom("tenants").select("id").where("status", "=", "active").execute();
    for (const tenant of tenants) {
      await boss.send(NEIGHBOURHOOD_LOAN_REMINDERS, { tenantId: tenant.id, today } satisfies NeighbourhoodJob, { retryLimit: 5, retryBackoff: true });
    }
  });
  await boss.work<NeighbourhoodJob>(NEIGHBOURHOOD_LOAN_REMINDERS, async (jobs) => {
    for (const job of jobs) {
      const tenant = await platformDb(database).selectFrom("tenants").selectAll().where("id", "=", job.data.tenantId).executeTakeFirst();
      if (tenant?.status !== "active") continue;
      const expired = await expireUncollectedReservations(tenantDb(database, tenant.id), job.data.today);
      const sent = await queueLoanReminders(database, tenant, platformUrl, job.data.today);
      if (expired + sent.due + sent.overdue > 0) log.info({ tenant: tenant.slug, expired, ...sent }, "lending: reservations expired, reminders queued");
    }
  });
}
