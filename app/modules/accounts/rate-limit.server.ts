import { sql } from "kysely";
import type { PlatformDb } from "~/db/accessors.server";

export interface Limit {
  /** e.g. "login:ip" */
  name: string;
  max: number;
  windowMs: number;
}

// Generous enough for someone who mistypes a few times; far too few for guessing passwords.
export const limits = {
  // Per IP is looser: many residents may share the community centre's one internet connection.
  loginPerIp: { name: "login:ip", max: 100, windowMs: 15 * 60_000 },
  loginPerAccount: { name: "login:account", max: 10, windowMs: 15 * 60_000 },
  signupPerIp: { name: "signup:ip", max: 10, windowMs: 60 * 60_000 },
  resetPerIp: { name: "reset:ip", max: 20, windowMs: 60 * 60_000 },
  resetPerAccount: { name: "reset:account", max: 5, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>;

/**
 * Counts one attempt against each limit and says whether all are still within bounds. One atomic
 * upsert per limit: two requests at the same moment both count.
 */
export async function allowAttempt(db: PlatformDb, checks: { limit: Limit; subject: string }[]): Promise<boolean> {
  let allowed = true;
  for (const { limit, subject } of checks) {
    const windowStart = new Date(Date.now() - limit.windowMs);
    const row = await db
      .insertInto("rate_limits")
      .values({ key: `${limit.name}:${subject}`, window_start: new Date(), attempts: 1 })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({
          // A window that has passed starts again at 1.
          attempts: sql<number>`case when rate_limits.window_start < ${windowStart} then 1 else rate_limits.attempts + 1 end`,
          window_start: sql<Date>`case when rate_limits.window_start < ${windowStart} then now() else rate_limits.window_start end`,
        }),
      )
      .returning("attempts")
      .executeTakeFirstOrThrow();
    if (row.attempts > limit.max) allowed = false;
  }
  return allowed;
}

/** Clears the per-account counter after a successful login. */
export async function resetAttempts(db: PlatformDb, limit: Limit, subject: string): Promise<void> {
  await db.deleteFrom("rate_limits").where("key", "=", `${limit.name}:${subject}`).execute();
}

/** Forgets counters whose window has long passed, so the table does not grow without end. */
export async function pruneRateLimits(db: PlatformDb): Promise<void> {
  const longest = Math.max(...Object.values(limits).map((limit) => limit.windowMs));
  await db.deleteFrom("rate_limits").where("window_start", "<", new Date(Date.now() - longest)).execute();
}
