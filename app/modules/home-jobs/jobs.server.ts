import { sql, type Transaction, type Updateable } from "kysely";
import { z } from "zod";
import { platformDbAlongside, type TenantDb } from "~/db/accessors.server";
import type { MemberRow, TenantTables } from "~/db/tables";
import { formatDay, isIsoDay } from "~/dates";
import { optionalText, requiredText } from "~/forms";
import { messages } from "~/i18n/messages";
import { euroCentsSchema } from "~/money";
import { recordAudit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/email/outbox.server";
import { ERASED_ON_REQUEST } from "~/modules/members/members.server";
import { settleAtDesk, settledHow, waiverReason } from "~/modules/payments/ledger.server";
import { homeJobDescription } from "~/modules/payments/descriptions";
import { neighbourhoodUrl } from "~/modules/tenants/tenants.server";
import { checkImage, newTenantFileKey, type FileStorage } from "~/modules/storage/storage.server";
import { homeJobStatuses, urgencies, type HomeJobStatus } from "./tables";

/**
 * Home jobs ("klussen"). The status only moves along `allowedTransitions`, and every move is one
 * conditional UPDATE ... WHERE status = <the status the form showed>: when two people act on the same
 * job at once, exactly one wins and the other is told to look again.
 */

/** The one table of allowed status changes. */
export const allowedTransitions: Record<HomeJobStatus, readonly HomeJobStatus[]> = {
  requested: ["assessed", "declined", "cancelled"],
  assessed: ["estimated", "cancelled"],
  declined: ["closed"],
  estimated: ["estimate_accepted", "estimate_declined", "cancelled"],
  // The requester said no to the costs: the coordinator talks with them, then makes new costs or calls it off.
  estimate_declined: ["estimated", "cancelled"],
  estimate_accepted: ["scheduled", "cancelled"],
  scheduled: ["done", "cancelled"],
  done: ["closed"],
  closed: [],
  // Called off with a reason: the requester withdrew, or it could not go ahead.
  cancelled: [],
};

/** Jobs still to be worked on (for the "my work" page and the volunteer's view). */
export const openStatuses = ["assessed", "estimated", "estimate_accepted", "scheduled"] as const satisfies readonly HomeJobStatus[];

export const MAX_PHOTOS_PER_JOB = 3;

export type JobProblem = { ok: false; field: string; error: string };
type Result<T = object> = ({ ok: true } & T) | JobProblem;
const problem = (field: string, error: string): JobProblem => ({ ok: false, field, error });

/** Where emails link to, and whose name they carry. */
export function notifyOf(platformUrl: string, tenant: { id: string; name: string; slug: string; custom_domain: string | null }): Notify {
  return { tenantId: tenant.id, tenantName: tenant.name, siteUrl: neighbourhoodUrl(platformUrl, tenant) };
}


export interface Notify {
  tenantId: string;
  tenantName: string;
  /** The neighbourhood's own address, e.g. https://noord.wijkplaats.nl/ */
  siteUrl: string;
}

// ---------------------------------------------------------------------------------------------
// Forms

const seenStatus = z.enum(homeJobStatuses, { error: "job_transition_invalid" });
const yesNo = (missing: string) => z.enum(["ja", "nee"], { error: missing }).transform((v) => v === "ja");

export const requestSchema = z.object({
  description: requiredText(2000, "job_description_required"),
  address: optionalText(300),
  urgency: z.enum(urgencies, { error: "job_urgency_invalid" }),
  // Only when a coordinator enters a job for someone else or for a partner.
  memberId: z.union([z.uuid({ error: "member_unknown" }), z.literal("")]).optional().transform((v) => v || null),
  partnerId: z.union([z.uuid({ error: "job_partner_unknown" }), z.literal("")]).optional().transform((v) => v || null),
});
export type RequestInput = z.output<typeof requestSchema>;

export const assessmentSchema = z.object({
  seen: seenStatus,
  canDoSelf: yesNo("job_answer_required"),
  canPayCompany: yesNo("job_answer_required"),
  helpingHand: yesNo("job_answer_required"),
  decision: z.enum(["assessed", "declined"], { error: "job_decision_required" }),
  reason: requiredText(2000, "reason_required"),
});

export const estimateSchema = z.object({
  seen: seenStatus,
  estimate: euroCentsSchema.refine((v) => v !== null, "job_estimate_required"),
  estimateDescription: requiredText(2000, "job_estimate_description_required"),
});

export const scheduleSchema = z.object({
  seen: seenStatus,
  team: z.array(z.uuid({ error: "job_team_required" }), { error: "job_team_required" }).min(1, "job_team_required"),
  scheduledOn: z.string({ error: "date_invalid" }).trim().refine(isIsoDay, "date_invalid"),
  notes: optionalText(1000),
});

/** "1,5" or "1.5" or "2" hours → minutes; empty is null. */
export const hoursSchema = z
  .string()
  .optional()
  .transform((value, context) => {
    const typed = (value ?? "").replace(/\s|uur|u$/gi, "");
    if (typed === "") return null;
    const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(typed);
    const minutes = match ? Math.round(Number(`${match[1]}.${match[2] ?? "0"}`) * 60) : NaN;
    if (!match || minutes < 1 || minutes > 6000) {
      context.addIssue({ code: "custom", message: "job_hours_invalid" });
      return z.NEVER;
    }
    return minutes;
  });

export const ownHoursSchema = z.object({ hours: hoursSchema.refine((v) => v !== null, "job_hours_invalid") });

export const completionSchema = z
  .object({
    seen: seenStatus,
    materials: euroCentsSchema,
    materialsDescription: optionalText(2000),
    // "online": the resident already paid the accepted estimate online.
    payment: z.enum(["cash", "waived", "online"], { error: "payment_invalid" }),
    waivedReason: optionalText(300),
  })
  .superRefine((form, context) => {
    if (form.payment === "waived" && !form.waivedReason) context.addIssue({ code: "custom", path: ["waivedReason"], message: "reason_required" });
  });

export const policySchema = z.object({ text: requiredText(10_000, "job_policy_required") });
export const partnerSchema = z.object({ name: requiredText(200, "job_partner_name_required") });

/** The team's hours on the completion form: one field `hours_<memberId>` per person. */
export function teamHours(formData: FormData, team: { member_id: string }[]): { ok: true; hours: { memberId: string; minutes: number }[] } | { ok: false; errors: Record<string, string> } {
  const hours: { memberId: string; minutes: number }[] = [];
  const errors: Record<string, string> = {};
  for (const person of team) {
    const field = `hours_${person.member_id}`;
    const parsed = hoursSchema.safeParse(String(formData.get(field) ?? ""));
    if (!parsed.success) errors[field] = "job_hours_invalid";
    else if (parsed.data !== null) hours.push({ memberId: person.member_id, minutes: parsed.data });
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, hours };
}

// ---------------------------------------------------------------------------------------------
// Requests

/**
 * A resident asks for help, or a coordinator enters a job for a member or a partner. Photos are
 * checked before anything is stored; an empty address becomes the requester's own.
 */
export async function requestJob(
  db: TenantDb,
  storage: FileStorage,
  tenantId: string,
  input: RequestInput & { actor: MemberRow; photos: Uint8Array[] },
): Promise<Result<{ jobId: string }>> {
  const forOther = input.actor.role === "coordinator";
  const requesterId = forOther ? input.memberId : input.actor.id;
  const partnerId = forOther ? input.partnerId : null;
  if (forOther && !requesterId && !partnerId) return problem("memberId", "job_requester_required");
  if (input.photos.length > MAX_PHOTOS_PER_JOB) return problem("photos", "job_too_many_photos");
  const images = [];
  for (const bytes of input.photos) {
    const image = await checkImage(bytes);
    if (!image.ok) return problem("photos", image.error);
    images.push({ bytes, ...image });
  }
  const result = await db.transaction().execute(async (trx): Promise<Result<{ jobId: string }>> => {
    const requester = requesterId ? await trx.selectFrom("members").select(["id", "address"]).where("id", "=", requesterId).executeTakeFirst() : null;
    if (requesterId && !requester) return problem("memberId", "member_unknown");
    if (partnerId && !(await trx.selectFrom("home_job_partners").select("id").where("id", "=", partnerId).executeTakeFirst())) return problem("partnerId", "job_partner_unknown");
    const job = await trx
      .insertInto("home_jobs")
      .values({
        requester_id: requesterId,
        partner_id: partnerId,
        entered_by: input.actor.id,
        description: input.description,
        address: input.address ?? requester?.address ?? null,
        urgency: input.urgency,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ok: true, jobId: job.id };
  });
  if (!result.ok) return result;
  for (const image of images) {
    const key = newTenantFileKey(tenantId, "home-job-photo", image.extension);
    await storage.put(key, image.bytes, image.contentType);
    await db.insertInto("home_job_photos").values({ job_id: result.jobId, storage_key: key }).execute();
  }
  return result;
}

/** Someone's own requests, newest first. */
export function jobsOf(db: TenantDb, memberId: string) {
  return db
    .selectFrom("home_jobs")
    .select(["id", "description", "status", "urgency", "created_at", sql<string | null>`scheduled_on::text`.as("scheduled_on")])
    .where("requester_id", "=", memberId)
    .orderBy("created_at", "desc")
    .limit(100)
    .execute();
}

/** One job with everything on it; who may see which part is decided by the caller (see canSee). */
export async function getJob(db: TenantDb, jobId: string) {
  const job = await db
    .selectFrom("home_jobs")
    .leftJoin("members as requester", "requester.id", "home_jobs.requester_id")
    .leftJoin("home_job_partners as partner", "partner.id", "home_jobs.partner_id")
    .select((eb) => [
      "home_jobs.id",
      "home_jobs.requester_id",
      "home_jobs.description",
      "home_jobs.address",
      "home_jobs.urgency",
      "home_jobs.status",
      "home_jobs.notes",
      "home_jobs.can_do_self",
      "home_jobs.can_pay_company",
      "home_jobs.helping_hand",
      "home_jobs.decision_reason",
      "home_jobs.cancel_reason",
      "home_jobs.estimate_cents",
      "home_jobs.estimate_description",
      "home_jobs.estimate_accepted_at",
      sql<string | null>`home_jobs.scheduled_on::text`.as("scheduled_on"),
      "home_jobs.materials_cents",
      "home_jobs.materials_description",
      settledHow(eb, "home_job", "home_jobs.id", "contribution").as("contribution_payment"),
      waiverReason(eb, "home_job", "home_jobs.id", "contribution").as("waived_reason"),
      "home_jobs.created_at",
      "requester.name as requester_name",
      "requester.phone as requester_phone",
      "partner.id as partner_id",
      "partner.name as partner_name",
    ])
    .where("home_jobs.id", "=", jobId)
    .executeTakeFirst();
  if (!job) return null;
  const [team, hours, photos] = await Promise.all([
    db
      .selectFrom("home_job_team")
      .innerJoin("members", "members.id", "home_job_team.member_id")
      .select(["home_job_team.member_id", "members.name"])
      .where("home_job_team.job_id", "=", jobId)
      .orderBy("members.name")
      .execute(),
    db
      .selectFrom("home_job_hours")
      .leftJoin("members", "members.id", "home_job_hours.member_id")
      .select(["home_job_hours.member_id", "home_job_hours.minutes", "members.name"])
      .where("home_job_hours.job_id", "=", jobId)
      .orderBy("members.name")
      .execute(),
    db.selectFrom("home_job_photos").select("id").where("job_id", "=", jobId).orderBy("created_at").orderBy("id").execute(),
  ]);
  return { ...job, team, hours, photos: photos.map((p) => p.id) };
}
export type HomeJob = NonNullable<Awaited<ReturnType<typeof getJob>>>;

/** Coordinators, the requester and the people assigned may see a job (and its photos). */
export function canSee(job: { requester_id: string | null; team: { member_id: string }[] }, member: Pick<MemberRow, "id" | "role">): boolean {
  return member.role === "coordinator" || job.requester_id === member.id || job.team.some((person) => person.member_id === member.id);
}

/** A photo of a job, for someone who may see the job; the key comes from this neighbourhood's row. */
export async function readJobPhoto(db: TenantDb, storage: FileStorage, jobId: string, photoId: string, viewer: Pick<MemberRow, "id" | "role">) {
  const job = await db.selectFrom("home_jobs").select("requester_id").where("id", "=", jobId).executeTakeFirst();
  if (!job) return null;
  const team = await db.selectFrom("home_job_team").select("member_id").where("job_id", "=", jobId).execute();
  if (!canSee({ requester_id: job.requester_id, team }, viewer)) return null;
  const row = await db.selectFrom("home_job_photos").select("storage_key").where("id", "=", photoId).where("job_id", "=", jobId).executeTakeFirst();
  return row ? storage.get(row.storage_key) : null;
}

/**
 * The volunteer's view of a job they are assigned to (coordinators see every job): with the
 * requester's address and phone. A volunteer's view is written to the audit log.
 */
export async function jobForWorker(db: TenantDb, jobId: string, viewer: Pick<MemberRow, "id" | "role">) {
  const job = await getJob(db, jobId);
  if (!job) return null;
  const assigned = job.team.some((person) => person.member_id === viewer.id);
  // The team needs the address while there is work to do; once the job is closed, only coordinators.
  if (viewer.role !== "coordinator" && (!assigned || job.status === "closed")) return null;
  // Every view by someone who is not a coordinator is written down.
  if (viewer.role !== "coordinator") {
    await recordAudit(db, { actor: viewer.id, action: "personal_data_viewed", subject: job.requester_id, details: { what: "klus", job: jobId } });
  }
  return { ...job, assigned };
}

/** Open jobs that this person is on the team of, soonest first (for a "my work" page). */
export function assignedHomeJobs(db: TenantDb, memberId: string) {
  return db
    .selectFrom("home_jobs")
    .innerJoin("home_job_team", "home_job_team.job_id", "home_jobs.id")
    .select(["home_jobs.id", "home_jobs.description", "home_jobs.status", "home_jobs.urgency", sql<string | null>`home_jobs.scheduled_on::text`.as("scheduled_on")])
    .where("home_job_team.member_id", "=", memberId)
    .where("home_jobs.status", "in", openStatuses)
    .orderBy("home_jobs.scheduled_on", (order) => order.asc().nullsLast())
    .orderBy("home_jobs.created_at")
    .execute();
}

/** How many requested jobs wait for a coordinator to assess them: the header's badge. */
export async function countJobsToAssess(db: TenantDb): Promise<number> {
  const row = await db.selectFrom("home_jobs").select((eb) => eb.fn.countAll<string>().as("count")).where("status", "=", "requested").executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The coordinator's board: every job that is not closed, by status, with its partner. */
export function boardJobs(db: TenantDb) {
  return db
    .selectFrom("home_jobs")
    .leftJoin("members", "members.id", "home_jobs.requester_id")
    .leftJoin("home_job_partners as partner", "partner.id", "home_jobs.partner_id")
    .select([
      "home_jobs.id",
      "home_jobs.description",
      "home_jobs.status",
      "home_jobs.urgency",
      "home_jobs.created_at",
      sql<string | null>`home_jobs.scheduled_on::text`.as("scheduled_on"),
      "members.name as requester_name",
      "partner.name as partner_name",
    ])
    .where("home_jobs.status", "<>", "closed")
    .orderBy(sql`case home_jobs.urgency when 'urgent' then 0 when 'normal' then 1 else 2 end`)
    .orderBy("home_jobs.created_at")
    .limit(500)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Status changes

/**
 * Moves a job from `seen` (what the form showed) to `to`, setting `values` in the same UPDATE.
 * Refused when the table does not allow it; "job_changed" when someone else moved it meanwhile.
 */
async function transition(
  trx: Transaction<TenantTables>,
  jobId: string,
  seen: HomeJobStatus,
  to: HomeJobStatus,
  values: Updateable<TenantTables["home_jobs"]> = {},
): Promise<JobProblem | null> {
  if (!allowedTransitions[seen].includes(to)) return problem("form", "job_transition_invalid");
  const result = await trx
    .updateTable("home_jobs")
    .set({ ...values, status: to, updated_at: new Date() })
    .where("id", "=", jobId)
    .where("status", "=", seen)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return problem("form", "job_changed");
  return null;
}

/** Queues an email to the requester when they have an account, in the same transaction. */
async function emailRequester(trx: Transaction<TenantTables>, jobId: string, notify: Notify, write: (t: EmailTexts, name: string, link: string) => { subject: string; body: string }) {
  const row = await trx
    .selectFrom("home_jobs")
    .innerJoin("members", "members.id", "home_jobs.requester_id")
    .select(["members.name", "members.account_id"])
    .where("home_jobs.id", "=", jobId)
    .executeTakeFirst();
  if (!row?.account_id) return;
  const platform = platformDbAlongside(trx);
  const account = await platform.selectFrom("accounts").select("email").where("id", "=", row.account_id).where("disabled_at", "is", null).executeTakeFirst();
  if (!account) return;
  // Emails go out in Dutch: we do not store a language per person.
  const link = new URL(`/klussen/${jobId}`, notify.siteUrl).href;
  await queueEmail(platform, notify.tenantId, { to: account.email, ...write(messages.nl.homeJobs.emails, row.name, link) });
}
type EmailTexts = (typeof messages)["nl"]["homeJobs"]["emails"];

export async function assessJob(db: TenantDb, jobId: string, input: z.output<typeof assessmentSchema>, actor: string, notify: Notify): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    const wrong = await transition(trx, jobId, input.seen, input.decision, {
      can_do_self: input.canDoSelf,
      can_pay_company: input.canPayCompany,
      helping_hand: input.helpingHand,
      decision_reason: input.reason,
      assessed_at: new Date(),
      assessed_by: actor,
    });
    if (wrong) return wrong;
    await emailRequester(trx, jobId, notify, (t, name, link) =>
      input.decision === "assessed" ? t.accepted(name, notify.tenantName, link) : t.declined(name, notify.tenantName, input.reason, link),
    );
    return { ok: true };
  });
}

export async function estimateJob(db: TenantDb, jobId: string, input: z.output<typeof estimateSchema>, notify: Notify): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    const wrong = await transition(trx, jobId, input.seen, "estimated", { estimate_cents: input.estimate, estimate_description: input.estimateDescription, estimated_at: new Date() });
    if (wrong) return wrong;
    await emailRequester(trx, jobId, notify, (t, name, link) => t.estimate(name, notify.tenantName, link));
    return { ok: true };
  });
}

/**
 * The requester accepts or declines the estimate. Only they can; for a job only for a partner (no
 * requester), a coordinator records the partner's answer.
 */
export async function answerEstimate(
  db: TenantDb,
  jobId: string,
  seen: HomeJobStatus,
  actor: Pick<MemberRow, "id" | "role">,
  answer: "accept" | "decline",
): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    const job = await trx.selectFrom("home_jobs").select(["requester_id", "partner_id"]).where("id", "=", jobId).executeTakeFirst();
    if (!job) return problem("form", "job_changed");
    const mayAnswer = job.requester_id ? job.requester_id === actor.id : job.partner_id !== null && actor.role === "coordinator";
    if (!mayAnswer) return problem("form", "job_only_requester");
    const wrong =
      answer === "accept"
        ? await transition(trx, jobId, seen, "estimate_accepted", { estimate_accepted_at: new Date(), estimate_accepted_by: actor.id })
        : await transition(trx, jobId, seen, "estimate_declined");
    return wrong ?? { ok: true as const };
  });
}

/** The coordinator picks the team (volunteers and coordinators) and the day. */
export async function scheduleJob(db: TenantDb, jobId: string, input: z.output<typeof scheduleSchema>, notify: Notify): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    const team = [...new Set(input.team)];
    const known = await trx.selectFrom("members").select("id").where("id", "in", team).where("role", "in", ["volunteer", "coordinator"]).execute();
    if (known.length !== team.length) return problem("team", "job_team_required");
    const wrong = await transition(trx, jobId, input.seen, "scheduled", { scheduled_on: input.scheduledOn, notes: input.notes });
    if (wrong) return wrong;
    await trx.deleteFrom("home_job_team").where("job_id", "=", jobId).execute();
    await trx.insertInto("home_job_team").values(team.map((member_id) => ({ job_id: jobId, member_id }))).execute();
    const day = formatDay(input.scheduledOn, "nl");
    await emailRequester(trx, jobId, notify, (t, name, link) => t.scheduled(name, notify.tenantName, day, link));
    return { ok: true };
  });
}

/** A person's hours on a job (replacing what they wrote before). */
async function saveHours(trx: Transaction<TenantTables> | TenantDb, jobId: string, memberId: string, minutes: number, actor: string) {
  await trx
    .insertInto("home_job_hours")
    .values({ job_id: jobId, member_id: memberId, minutes, recorded_by: actor })
    .onConflict((oc) => oc.columns(["job_id", "member_id"]).doUpdateSet({ minutes, recorded_by: actor, recorded_at: new Date() }))
    .execute();
}

/** A member of the team writes down their own hours, once the job is planned or done. */
export async function recordOwnHours(db: TenantDb, jobId: string, memberId: string, minutes: number): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    const job = await trx.selectFrom("home_jobs").select("status").where("id", "=", jobId).forShare().executeTakeFirst();
    if (!job || !["scheduled", "done"].includes(job.status)) return problem("hours", "job_hours_not_now");
    const onTeam = await trx.selectFrom("home_job_team").select("member_id").where("job_id", "=", jobId).where("member_id", "=", memberId).executeTakeFirst();
    if (!onTeam) return problem("hours", "job_only_team");
    await saveHours(trx, jobId, memberId, minutes, memberId);
    return { ok: true };
  });
}

/**
 * The job is done: materials used (the contribution, at cost price, paid in cash or waived with a
 * reason) and the hours of the team.
 */
export async function completeJob(
  db: TenantDb,
  jobId: string,
  input: z.output<typeof completionSchema>,
  hours: { memberId: string; minutes: number }[],
  actor: string,
): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    const paidBefore = await trx.selectFrom("ledger_entries").select("method").where("record_type", "=", "home_job").where("record_id", "=", jobId).where("kind", "=", "payment").executeTakeFirst();
    if (input.payment === "online" && paidBefore?.method !== "online") return problem("payment", "job_not_paid_online");
    if (input.payment !== "online" && paidBefore) return problem("payment", "job_already_paid");
    const wrong = await transition(trx, jobId, input.seen, "done", {
      materials_cents: input.materials ?? 0,
      materials_description: input.materialsDescription,
      done_at: new Date(),
    });
    if (wrong) return wrong;
    const job = await trx
      .selectFrom("home_jobs")
      .select(["requester_id", homeJobDescription.as("description")])
      .where("id", "=", jobId)
      .executeTakeFirstOrThrow();
    const due = { module: "home_jobs", recordType: "home_job", recordId: jobId, purpose: "contribution", description: job.description, memberId: job.requester_id } as const;
    if (input.payment !== "online") await settleAtDesk(trx, { ...due, amountCents: input.materials ?? 0 }, input.payment, input.waivedReason, actor);
    const team = new Set((await trx.selectFrom("home_job_team").select("member_id").where("job_id", "=", jobId).execute()).map((row) => row.member_id));
    for (const entry of hours) if (team.has(entry.memberId)) await saveHours(trx, jobId, entry.memberId, entry.minutes, actor);
    return { ok: true };
  });
}

export const cancelSchema = z.object({ seen: seenStatus, cancelReason: requiredText(500, "reason_required") });

/** A coordinator calls a job off before it is done, with the reason. */
export async function cancelJob(db: TenantDb, jobId: string, input: z.output<typeof cancelSchema>): Promise<Result> {
  return db.transaction().execute(
    async (trx) => (await transition(trx, jobId, input.seen, "cancelled", { cancel_reason: input.cancelReason, cancelled_at: new Date() })) ?? { ok: true as const },
  );
}

export async function closeJob(db: TenantDb, jobId: string, seen: HomeJobStatus): Promise<Result> {
  return db.transaction().execute(async (trx) => (await transition(trx, jobId, seen, "closed", { closed_at: new Date() })) ?? { ok: true as const });
}

// ---------------------------------------------------------------------------------------------
// Policy and partners

export async function homeJobPolicy(db: TenantDb): Promise<string> {
  return (await db.selectFrom("home_job_policy").select("text").executeTakeFirst())?.text ?? "";
}

export async function saveHomeJobPolicy(db: TenantDb, text: string, actor: string): Promise<void> {
  await db
    .insertInto("home_job_policy")
    .values({ id: 1, text, updated_by: actor })
    .onConflict((oc) => oc.column("id").doUpdateSet({ text, updated_by: actor, updated_at: new Date() }))
    .execute();
}

/** Partner organisations with how many jobs were done (or are planned) for each. */
export function listPartners(db: TenantDb) {
  return db
    .selectFrom("home_job_partners")
    .leftJoin("home_jobs", (join) => join.onRef("home_jobs.partner_id", "=", "home_job_partners.id").on("home_jobs.status", "not in", ["declined"]))
    .select(["home_job_partners.id", "home_job_partners.name", (eb) => eb.fn.count<string>("home_jobs.id").as("jobs")])
    .groupBy(["home_job_partners.id", "home_job_partners.name"])
    .orderBy("home_job_partners.name")
    .execute()
    .then((rows) => rows.map((row) => ({ ...row, jobs: Number(row.jobs) })));
}

export async function addPartner(db: TenantDb, name: string): Promise<Result> {
  const added = await db.insertInto("home_job_partners").values({ name }).onConflict((oc) => oc.column("name").doNothing()).returning("id").executeTakeFirst();
  return added ? { ok: true } : problem("name", "job_partner_exists");
}

/** Volunteers and coordinators, who can be put on a team. */
export function possibleTeam(db: TenantDb) {
  return db.selectFrom("members").select(["id", "name", "role"]).where("role", "in", ["volunteer", "coordinator"]).orderBy("name").execute();
}

/** Everything the home jobs module keeps about one person, for their data export. */
export async function homeJobDataOf(db: TenantDb, memberId: string) {
  const [requested, hours] = await Promise.all([
    db
      .selectFrom("home_jobs")
      .select(["id", "description", "address", "urgency", "status", "notes", "decision_reason", "cancel_reason", "estimate_cents", "estimate_accepted_at", "scheduled_on", "materials_cents", "created_at", "done_at"])
      .where("requester_id", "=", memberId)
      .orderBy("created_at")
      .execute(),
    db.selectFrom("home_job_hours").select(["job_id", "minutes", "recorded_at"]).where("member_id", "=", memberId).execute(),
  ]);
  return { requested, hoursWorked: hours };
}

/**
 * When someone erases their data: their jobs stay for the counts, but the address, notes and the
 * reasons written about them go (the requester link itself is set to null by the foreign key).
 */
export async function forgetHomeJobsOf(db: TenantDb, memberId: string): Promise<void> {
  // A decided job must keep a reason (a check in the table), so it is replaced rather than emptied.
  await db
    .updateTable("home_jobs")
    .set((eb) => ({
      address: null,
      notes: null,
      decision_reason: eb.case().when("decision_reason", "is not", null).then(ERASED_ON_REQUEST).else(null).end(),
      cancel_reason: eb.case().when("cancel_reason", "is not", null).then(ERASED_ON_REQUEST).else(null).end(),
    }))
    .where("requester_id", "=", memberId)
    .execute();
}
