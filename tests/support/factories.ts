import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TenantDb } from "~/db/accessors.server";
import type { MemberRow, Role } from "~/db/tables";
import { addDays, localToday } from "~/dates";
import {
  answerEstimate,
  assessJob,
  assessmentSchema,
  closeJob,
  completeJob,
  completionSchema,
  estimateJob,
  estimateSchema,
  requestJob,
  scheduleJob,
  scheduleSchema,
  type Notify,
} from "~/modules/home-jobs/jobs.server";
import type { HomeJobStatus } from "~/modules/home-jobs/tables";
import { addMember } from "~/modules/members/members.server";
import { planSession, sessionSchema } from "~/modules/repair-cafe/repair-cafe.server";
import { changeRepairStatus, checkPhotos, closeRepair, closeSchema, planRepair, registerRepair, type ChangeContext } from "~/modules/repairs/repairs.server";
import type { RepairStatus } from "~/modules/repairs/tables";
import { createFileStorage, type FileStorage } from "~/modules/storage/storage.server";
import { reserveTool } from "~/modules/tool-library/loans.server";
import { createTool, toolFormSchema } from "~/modules/tool-library/tools.server";
import { uniqueSlug } from "./database";

// Records for one test, made through the modules' own functions, so every test can set up exactly
// what it needs and run alone. Each factory throws when the module refuses, naming what it refused.

/** A 1×1 PNG, for photo uploads. */
export const aPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

/** Uploads on local disk in a fresh directory. */
export const aStorage = (): FileStorage => createFileStorage({ localDir: mkdtempSync(path.join(tmpdir(), "wijkplaats-factory-")) });

const refused = (what: string, result: { ok: false; error: string }): never => {
  throw new Error(`${what} was refused: ${result.error}`);
};

/** A person in the neighbourhood (without a login unless `accountId` is given). */
export function aMember(
  db: TenantDb,
  overrides: { role?: Role; name?: string; phone?: string | null; address?: string | null; notes?: string | null; accountId?: string | null } = {},
): Promise<MemberRow> {
  const role = overrides.role ?? "resident";
  return addMember(db, { accountId: null, name: `${role} ${uniqueSlug("")}`, ...overrides, role });
}

/** A lendable tool; `overrides` are the catalog form's fields as typed. */
export function aTool(db: TenantDb, overrides: Partial<Record<keyof typeof toolFormSchema.shape, string>> = {}): Promise<string> {
  return createTool(db, toolFormSchema.parse({ name: `Gereedschap ${uniqueSlug("")}`, category: "Boren", condition: "good", maxLoanDays: "7", ...overrides }));
}

/** A reservation of a tool, from `start` (default today) up to and including `end` (default `start`). */
export async function aReservation(db: TenantDb, input: { toolId: string; memberId: string; start?: string; end?: string; actor?: string }): Promise<string> {
  const today = localToday();
  const start = input.start ?? today;
  const made = await reserveTool(db, { toolId: input.toolId, memberId: input.memberId, actor: input.actor ?? input.memberId, start, end: input.end ?? start, today });
  return made.ok ? made.loanId : refused("the reservation", made);
}

const repairSteps: Partial<Record<RepairStatus, RepairStatus[]>> = {
  registered: [],
  planned: ["planned"],
  in_progress: ["planned", "in_progress"],
  done: ["planned", "in_progress", "done"],
  collected: ["planned", "in_progress", "done", "collected"],
};

/**
 * A repair of `memberId`, brought to `until` (default "registered") through the module's own steps:
 * planned with `fixers` (default: the actor) on `plannedOn`, closed as repaired with `close`.
 */
export async function aRepair(
  db: TenantDb,
  context: ChangeContext,
  input: {
    memberId: string;
    kind?: "bicycle" | "appliance" | "textile" | "furniture" | "other";
    brand?: string | null;
    fault?: string;
    learnMyself?: boolean;
    photos?: Uint8Array[];
    storage?: FileStorage;
    until?: "registered" | "planned" | "in_progress" | "done" | "collected";
    fixers?: string[];
    plannedOn?: string | null;
    close?: Record<string, string>;
  },
): Promise<{ repairId: string }> {
  const checked = await checkPhotos(input.photos ?? []);
  if (!checked.ok) refused("the photos", checked);
  const images = checked.ok ? checked.images : [];
  const registered = await registerRepair(
    db,
    input.storage ?? aStorage(),
    context.tenant.id,
    { kind: input.kind ?? "bicycle", brand: input.brand ?? null, fault: input.fault ?? "Lekke band", learnMyself: input.learnMyself ?? false, memberId: input.memberId },
    images,
    context.actor,
  );
  if (!registered.ok) refused("the repair", registered);
  const repairId = registered.ok ? registered.repairId : "";
  let at: RepairStatus = "registered";
  for (const to of repairSteps[input.until ?? "registered"]!) {
    const moved =
      to === "planned"
        ? await planRepair(db, repairId, { expected: at, fixers: input.fixers ?? [context.actor], plannedOn: input.plannedOn ?? null }, context)
        : to === "done"
          ? await closeRepair(db, repairId, closeSchema.parse({ outcome: "repaired", productCategory: "Misc", ...input.close, expected: at }), context)
          : await changeRepairStatus(db, repairId, { expected: at, to }, context);
    if (!moved.ok) refused(`the repair's step to ${to}`, moved);
    at = to;
  }
  return { repairId };
}

const homeJobSteps: HomeJobStatus[] = ["requested", "assessed", "estimated", "estimate_accepted", "scheduled", "done", "closed"];

/**
 * A home job asked for by `requester` (a resident asking for themselves), brought to `until`
 * (default "requested") through the module's own steps by `coordinator`: assessed with `reason`,
 * estimated, accepted by the requester, scheduled for `team` on `scheduledOn` with `notes`, done
 * with `completion` (the closing form's fields), closed.
 */
export async function aHomeJob(
  db: TenantDb,
  notify: Notify,
  input: {
    requester: MemberRow;
    coordinator: string;
    description?: string;
    address?: string | null;
    urgency?: "low" | "normal" | "urgent";
    photos?: Uint8Array[];
    storage?: FileStorage;
    until?: "requested" | "assessed" | "estimated" | "estimate_accepted" | "scheduled" | "done" | "closed";
    reason?: string;
    estimate?: string;
    team?: string[];
    scheduledOn?: string;
    notes?: string;
    completion?: Record<string, string>;
    hours?: { memberId: string; minutes: number }[];
  },
): Promise<{ jobId: string }> {
  const made = await requestJob(db, input.storage ?? aStorage(), notify.tenantId, {
    description: input.description ?? "Lamp ophangen",
    address: input.address ?? null,
    urgency: input.urgency ?? "normal",
    memberId: null,
    partnerId: null,
    actor: input.requester,
    photos: input.photos ?? [],
  });
  if (!made.ok) refused("the home job", made);
  const jobId = made.ok ? made.jobId : "";
  const steps = homeJobSteps.slice(1, homeJobSteps.indexOf(input.until ?? "requested") + 1);
  let seen: HomeJobStatus = "requested";
  for (const to of steps) {
    const result =
      to === "assessed"
        ? await assessJob(
            db,
            jobId,
            assessmentSchema.parse({ seen, canDoSelf: "nee", canPayCompany: "nee", helpingHand: "ja", decision: "assessed", reason: input.reason ?? "Past bij het beleid." }),
            input.coordinator,
            notify,
          )
        : to === "estimated"
          ? await estimateJob(db, jobId, estimateSchema.parse({ seen, estimate: input.estimate ?? "12,50", estimateDescription: "Materiaal" }), notify)
          : to === "estimate_accepted"
            ? await answerEstimate(db, jobId, seen, input.requester, "accept")
            : to === "scheduled"
              ? await scheduleJob(
                  db,
                  jobId,
                  scheduleSchema.parse({ seen, team: input.team ?? [input.coordinator], scheduledOn: input.scheduledOn ?? addDays(localToday(), 3), notes: input.notes }),
                  notify,
                )
              : to === "done"
                ? await completeJob(db, jobId, completionSchema.parse({ payment: "cash", ...input.completion, seen }), input.hours ?? [], input.coordinator)
                : await closeJob(db, jobId, seen);
    if (!result.ok) refused(`the home job's step to ${to}`, result);
    seen = to;
  }
  return { jobId };
}

/** A repair café session on `day` (default in a week), cut into slots by the planning form's fields. */
export async function aRepairCafeSession(db: TenantDb, actor: string, overrides: Record<string, string> = {}): Promise<string> {
  const today = localToday();
  const input = sessionSchema.parse({ day: addDays(today, 7), start: "13:00", end: "14:00", slotMinutes: "20", places: "2", ...overrides });
  const planned = await planSession(db, input, actor, today);
  return planned.ok ? planned.sessionId : refused("the session", planned);
}
