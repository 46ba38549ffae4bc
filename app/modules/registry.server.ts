import type { TenantDb } from "~/db/accessors.server";
import type { OfferingKind, Role } from "~/db/tables";
import { countJobsToAssess } from "~/modules/home-jobs/jobs.server";
import { countRepairsWaiting } from "~/modules/repairs/repairs.server";
import { deskCounts } from "~/modules/tool-library/loans.server";
import { countsFor, neighbourhoodModules, type Counts } from "./registry";

/** Per module, how to count what waits for action today. A module that counts adds one entry here. */
const counters: Partial<Record<OfferingKind, (db: TenantDb, today: string) => Promise<Counts>>> = {
  tool_library: deskCounts,
  repairs: async (db) => ({ repairsWaiting: await countRepairsWaiting(db) }),
  home_jobs: async (db) => ({ jobsToAssess: await countJobsToAssess(db) }),
};

/**
 * What needs action today for this role, in this neighbourhood (its own db handle): only the counts
 * of switched-on modules whose desk or manage pages the role sees. Nothing is counted for residents.
 */
export async function countsForRole(db: TenantDb, enabled: readonly OfferingKind[], role: Role, today: string): Promise<Counts> {
  const wanted = new Set([...countsFor("desk", enabled, role), ...countsFor("manage", enabled, role)]);
  if (wanted.size === 0) return {};
  const counting = neighbourhoodModules.filter(
    (module) => enabled.includes(module.kind) && [...(module.desk?.counts ?? []), ...(module.manage?.counts ?? [])].some((key) => wanted.has(key)),
  );
  const counted = await Promise.all(counting.map((module) => counters[module.kind]?.(db, today) ?? {}));
  return Object.fromEntries(counted.flatMap((counts) => Object.entries(counts)).filter(([key]) => wanted.has(key as never))) as Counts;
}
