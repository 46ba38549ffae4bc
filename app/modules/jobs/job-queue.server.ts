import PgBoss from "pg-boss";
import type { Logger } from "pino";
import type { Database } from "~/db/database.server";

export type JobQueue = PgBoss;

/**
 * The platform's job queue: pg-boss, in its own `pgboss` schema of the platform's one database, so
 * jobs are as durable as the data they are about and need no extra server. It runs its SQL through
 * `database.executeSql`, which also works on the embedded PGlite. Jobs say which tenant they are for
 * in their data; each handler opens that tenant's handle itself. pg-boss keeps its own cron
 * schedules, so a daily job runs once per day however many app instances there are.
 */
export async function startJobQueue(database: Database, log: Logger): Promise<JobQueue> {
  const boss = new PgBoss({ db: { executeSql: (text, values) => database.executeSql(text, values) }, schema: "pgboss" });
  boss.on("error", (error) => log.error({ err: error }, "job queue error"));
  await boss.start();
  return boss;
}
