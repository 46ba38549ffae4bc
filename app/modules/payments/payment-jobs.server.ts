import type { Logger } from "pino";
import type { Database } from "~/db/database.server";
import type { JobQueue } from "~/modules/jobs/job-queue.server";
import type { OnlinePayments } from "./stripe.server";
import { handleStripeEvent, STRIPE_EVENT_JOB } from "./webhooks.server";

/**
 * Stripe's events are handled by the job queue: the webhook only keeps an event and queues its id,
 * so Stripe gets its answer at once and a failure (the database busy, Stripe's API slow) is retried
 * with back-off. Returns what the webhook calls to queue an event.
 */
export async function startStripeEventJobs(boss: JobQueue, database: Database, payments: OnlinePayments, publicUrl: string, log: Logger): Promise<(eventId: string) => Promise<void>> {
  await boss.createQueue(STRIPE_EVENT_JOB);
  await boss.work<{ eventId: string }>(STRIPE_EVENT_JOB, async (jobs) => {
    for (const job of jobs) await handleStripeEvent(database, payments, job.data.eventId, publicUrl, log);
  });
  return async (eventId) => {
    await boss.send(STRIPE_EVENT_JOB, { eventId }, { retryLimit: 10, retryBackoff: true });
  };
}
