import { type ExpressionBuilder, sql, type Transaction } from "kysely";
import { z } from "zod";
import { platformDbAlongside, type TenantDb } from "~/db/accessors.server";
import type { Role, TenantTables } from "~/db/tables";
import { formatDay, isIsoDay } from "~/dates";
import { checkbox, optionalText, requiredText } from "~/forms";
import { messages } from "~/i18n/messages";
import { euroCentsSchema } from "~/money";
import { recordAudit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/email/outbox.server";
import { registerAtDesk } from "~/modules/members/members.server";
import { settleAtDesk, settledHow, waiverReason, type AmountDue } from "~/modules/payments/ledger.server";
import { repairDescription } from "~/modules/payments/descriptions";
import { checkImage, newTenantFileKey, type FileStorage } from "~/modules/storage/storage.server";
import type { UploadedFile } from "~/uploads.server";
import { ordsProductCategories, ordsRepairBarriers } from "./ords";
import { canMove, itemName, openStatuses } from "./flow";
import { repairKinds, repairOutcomes, repairStatuses, type RepairKind, type RepairStatus } from "./tables";

export { canMove, itemName, openStatuses, repairTransitions } from "./flow";

/**
 * Repairs at cost price. A repair moves through its statuses only along `repairTransitions`, and
 * every change is one conditional UPDATE on the status the person saw: when two people change the
 * same repair at once, exactly one wins and the other is told to look again.
 */

/** The resident gets an email when their repair reaches one of these. */
const emailedStatuses: readonly RepairStatus[] = ["planned", "waiting_for_parts", "done"];

export type RepairProblem = { ok: false; field: string; error: string };
type Result<T = object> = ({ ok: true } & T) | RepairProblem;
const problem = (field: string, error: string): RepairProblem => ({ ok: false, field, error });

// ---------------------------------------------------------------------------------------------
// Intake

export const intakeSchema = z.object({
  kind: z.enum(repairKinds, { error: "repair_kind_invalid" }),
  brand: optionalText(100),
  fault: requiredText(2000, "repair_fault_required"),
  learnMyself: checkbox,
});
export type IntakeInput = z.output<typeof intakeSchema>;

/** At the desk: for a person from the list (memberId), or a new one with name and phone. */
export const deskIntakeSchema = intakeSchema
  .extend({
    memberId: z.union([z.uuid({ error: "member_required" }), z.literal("")]).optional(),
    newName: optionalText(100),
    newPhone: optionalText(30),
  })
  .superRefine((form, context) => {
    if (!form.memberId && !form.newName) context.addIssue({ code: "custom", path: ["memberId"], message: "repair_person_required" });
  });
export type DeskIntakeInput = z.output<typeof deskIntakeSchema>;

/** At most this many photos per repair. */
export const MAX_REPAIR_PHOTOS = 3;

type CheckedImage = { bytes: Uint8Array; extension: string; contentType: string };

/** Checks the uploaded photos by their bytes: at most MAX_REPAIR_PHOTOS images of 2 MB each. */
export async function checkPhotos(photos: UploadedFile[]): Promise<Result<{ images: CheckedImage[] }>> {
  if (photos.includes("too_many") || photos.length > MAX_REPAIR_PHOTOS) return problem("photos", "repair_too_many_photos");
  const images: CheckedImage[] = [];
  for (const photo of photos) {
    if (photo === "too_big") return problem("photos", "image_too_big");
    if (photo === "too_many") return problem("photos", "repair_too_many_photos");
    const image = await checkImage(photo);
    if (!image.ok) return problem("photos", image.error);
    images.push({ bytes: photo, extension: image.extension, contentType: image.contentType });
  }
  return { ok: true, images };
}

/**
 * Registers a repair for a known member, or (at the desk) for a new person registered in the same
 * transaction. Photos are stored first, so a refused repair leaves at most an unused file behind,
 * never a row pointing at nothing.
 */
export async function registerRepair(
  db: TenantDb,
  storage: FileStorage,
  tenantId: string,
  input: IntakeInput & { memberId?: string | null; newName?: string | null; newPhone?: string | null },
  photos: CheckedImage[],
  actor: string,
): Promise<Result<{ repairId: string }>> {
  const keys: { key: string }[] = [];
  for (const image of photos) {
    const key = newTenantFileKey(tenantId, "repair-photo", image.extension);
    await storage.put(key, image.bytes, image.contentType);
    keys.push({ key });
  }
  return db.transaction().execute(async (trx) => {
    let memberId = input.memberId || null;
    if (memberId) {
      const known = await trx.selectFrom("members").select("id").where("id", "=", memberId).executeTakeFirst();
      if (!known) return problem("memberId", "member_unknown");
    } else {
      if (!input.newName) return problem("memberId", "repair_person_required");
      memberId = (await registerAtDesk(trx, { name: input.newName, phone: input.newPhone ?? null, address: null, notes: null }, actor)).id;
    }
    const repair = await trx
      .insertInto("repairs")
      .values({ member_id: memberId, kind: input.kind, brand: input.brand, fault: input.fault, learn_myself: input.learnMyself, created_by: actor })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (keys.length > 0) await trx.insertInto("repair_photos").values(keys.map(({ key }) => ({ repair_id: repair.id, storage_key: key }))).execute();
    return { ok: true as const, repairId: repair.id };
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

const repairColumns = (eb: ExpressionBuilder<TenantTables, "repairs">) =>
  [
  "repairs.id",
  "repairs.number",
  "repairs.member_id",
  "repairs.kind",
  "repairs.brand",
  "repairs.fault",
  "repairs.learn_myself",
  "repairs.status",
  sql<string | null>`repairs.planned_on::text`.as("planned_on"),
  "repairs.outcome",
  "repairs.product_category",
  "repairs.repair_barrier",
  "repairs.year_of_manufacture",
  "repairs.problem",
  "repairs.contribution_cents",
  settledHow(eb, "repair", "repairs.id", "contribution").as("contribution_payment"),
  waiverReason(eb, "repair", "repairs.id", "contribution").as("waived_reason"),
  "repairs.created_at",
  "repairs.updated_at",
  "repairs.done_at",
  "repairs.collected_at",
] as const;

/** Someone's own repairs, open ones first. */
export function repairsOf(db: TenantDb, memberId: string) {
  return db
    .selectFrom("repairs")
    .select((eb) => repairColumns(eb))
    .where("member_id", "=", memberId)
    .orderBy(sql`status in ('done', 'collected')`)
    .orderBy("created_at", "desc")
    .limit(100)
    .execute();
}

async function extras(db: TenantDb, repairId: string) {
  const [parts, photos, fixers] = await Promise.all([
    db.selectFrom("repair_parts").select(["id", "description", "cost_cents"]).where("repair_id", "=", repairId).orderBy("id").execute(),
    db.selectFrom("repair_photos").select("id").where("repair_id", "=", repairId).orderBy("created_at").orderBy("id").execute(),
    db
      .selectFrom("repair_fixers")
      .innerJoin("members", "members.id", "repair_fixers.member_id")
      .select(["members.id", "members.name"])
      .where("repair_fixers.repair_id", "=", repairId)
      .orderBy("members.name")
      .execute(),
  ]);
  return { parts: parts.map((part) => ({ ...part, id: String(part.id) })), photoIds: photos.map((photo) => photo.id), fixers };
}

/** One repair as its owner sees it; null when it is not theirs (or does not exist). */
export async function repairForOwner(db: TenantDb, repairId: string, memberId: string) {
  const repair = await db.selectFrom("repairs").select((eb) => repairColumns(eb)).where("id", "=", repairId).where("member_id", "=", memberId).executeTakeFirst();
  return repair ? { repair, ...(await extras(db, repairId)) } : null;
}

/** One repair with everything the desk needs, without the resident's personal details. */
export async function repairForDesk(db: TenantDb, repairId: string) {
  const repair = await db
    .selectFrom("repairs")
    .leftJoin("members", "members.id", "repairs.member_id")
    .select((eb) => [...repairColumns(eb), "members.name as member_name", sql<boolean>`members.account_id is not null`.as("member_has_account")])
    .where("repairs.id", "=", repairId)
    .executeTakeFirst();
  return repair ? { repair, ...(await extras(db, repairId)) } : null;
}

export interface Viewer {
  id: string;
  role: Role;
}

/**
 * The resident's phone, address and notes, for coordinators and the fixers of this repair only
 * (until it is collected). A volunteer seeing them is written to the audit log. Null for everyone else.
 */
export async function personalDetailsForRepair(db: TenantDb, repairId: string, viewer: Viewer) {
  if (viewer.role !== "coordinator" && viewer.role !== "volunteer") return null;
  const row = await db
    .selectFrom("repairs")
    .innerJoin("members", "members.id", "repairs.member_id")
    .select(["members.id", "members.phone", "members.address", "members.notes", "repairs.status"])
    .where("repairs.id", "=", repairId)
    .executeTakeFirst();
  if (!row) return null;
  if (viewer.role === "volunteer") {
    // Fixers need them until the item is collected (to call when it is ready), not after.
    if (row.status === "collected" || row.status === "cancelled") return null;
    const assigned = await db.selectFrom("repair_fixers").select("member_id").where("repair_id", "=", repairId).where("member_id", "=", viewer.id).executeTakeFirst();
    if (!assigned) return null;
    if (row.id !== viewer.id && (row.phone || row.address || row.notes)) {
      await recordAudit(db, { actor: viewer.id, action: "personal_data_viewed", subject: row.id, details: { what: "reparatie", repair: repairId } });
    }
  }
  return { phone: row.phone, address: row.address, notes: row.notes };
}

/** The desk's board: open repairs by status, and the ones ready to be collected. */
export async function repairBoard(db: TenantDb) {
  const rows = await db
    .selectFrom("repairs")
    .leftJoin("members", "members.id", "repairs.member_id")
    .select([
      "repairs.id",
      "repairs.number",
      "repairs.kind",
      "repairs.brand",
      "repairs.status",
      sql<string | null>`repairs.planned_on::text`.as("planned_on"),
      "repairs.created_at",
      "members.name as member_name",
      (eb) =>
        eb
          .selectFrom("repair_fixers as rf")
          .innerJoin("members as f", "f.id", "rf.member_id")
          .select(sql<string | null>`string_agg(f.name, ', ' order by f.name)`.as("names"))
          .whereRef("rf.repair_id", "=", "repairs.id")
          .as("fixer_names"),
    ])
    .where("repairs.status", "in", [...openStatuses, "done"])
    .orderBy("repairs.planned_on", (o) => o.asc().nullsLast())
    .orderBy("repairs.created_at")
    .limit(500)
    .execute();
  const byStatus = Object.fromEntries([...openStatuses, "done"].map((status) => [status, rows.filter((row) => row.status === status)])) as Record<
    (typeof openStatuses)[number] | "done",
    typeof rows
  >;
  return byStatus;
}

/** How many repairs wait for the desk to plan them (registered, no day or fixer yet): the header's badge. */
export async function countRepairsWaiting(db: TenantDb): Promise<number> {
  const row = await db.selectFrom("repairs").select((eb) => eb.fn.countAll<string>().as("count")).where("status", "=", "registered").executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Open repairs that this person is one of the fixers of (for the shared "my work" page). */
export function assignedRepairs(db: TenantDb, memberId: string) {
  return db
    .selectFrom("repairs")
    .innerJoin("repair_fixers", "repair_fixers.repair_id", "repairs.id")
    .select(["repairs.id", "repairs.number", "repairs.kind", "repairs.brand", "repairs.status", sql<string | null>`repairs.planned_on::text`.as("planned_on")])
    .where("repair_fixers.member_id", "=", memberId)
    .where("repairs.status", "in", [...openStatuses])
    .orderBy("repairs.planned_on", (o) => o.asc().nullsLast())
    .orderBy("repairs.created_at")
    .execute();
}

/** The people who can be a fixer: volunteers and coordinators. */
export function possibleFixers(db: TenantDb) {
  return db.selectFrom("members").select(["id", "name"]).where("role", "in", ["volunteer", "coordinator"]).orderBy("name").execute();
}

// ---------------------------------------------------------------------------------------------
// Changes from the desk. Every form carries the status it was made from (`expected`).

const status = z.enum(repairStatuses, { error: "status_invalid" });

export const statusChangeSchema = z.object({ expected: status, to: status });

export interface ChangeContext {
  actor: string;
  tenant: { id: string; name: string };
  /** The neighbourhood's own address, for the link in the email. */
  siteUrl: string;
}

/**
 * Moves a repair from `expected` to `to` in one conditional UPDATE, with `more` columns set at the
 * same time. Zero rows means someone else changed it first (or it does not exist).
 */
async function move(
  trx: Transaction<TenantTables>,
  repairId: string,
  expected: RepairStatus,
  to: RepairStatus,
  more: Partial<Record<string, unknown>>,
  context: ChangeContext,
): Promise<Result> {
  if (!canMove(expected, to)) return problem("form", "repair_transition_invalid");
  const moved = await trx
    .updateTable("repairs")
    .set({ ...more, status: to, updated_at: new Date() })
    .where("id", "=", repairId)
    .where("status", "=", expected)
    .returning(["member_id", "kind", "brand", "number", sql<string | null>`planned_on::text`.as("planned_on")])
    .executeTakeFirst();
  if (!moved) return stale(trx, repairId);
  if (emailedStatuses.includes(to) && moved.member_id) await emailResident(trx, { ...moved, member_id: moved.member_id, id: repairId, to }, context);
  return { ok: true };
}

async function stale(trx: Transaction<TenantTables>, repairId: string): Promise<RepairProblem> {
  const exists = await trx.selectFrom("repairs").select("id").where("id", "=", repairId).executeTakeFirst();
  return problem("form", exists ? "repair_changed_meanwhile" : "repair_unknown");
}

/** Queues the status email to the resident, in the same transaction as the change. No account, no email. */
async function emailResident(
  trx: Transaction<TenantTables>,
  repair: { id: string; member_id: string; kind: RepairKind; brand: string | null; number: number; planned_on: string | null; to: RepairStatus },
  context: ChangeContext,
) {
  const member = await trx.selectFrom("members").select(["name", "account_id"]).where("id", "=", repair.member_id).executeTakeFirst();
  if (!member?.account_id) return;
  const platform = platformDbAlongside(trx);
  const account = await platform.selectFrom("accounts").select("email").where("id", "=", member.account_id).where("disabled_at", "is", null).executeTakeFirst();
  if (!account) return;
  const t = messages.nl.repairs.emails;
  const text = repair.to === "planned" ? t.planned : repair.to === "waiting_for_parts" ? t.waiting_for_parts : t.done;
  const item = itemName(repair.kind, repair.brand);
  const link = new URL(`/reparaties/${repair.id}`, context.siteUrl).href;
  const day = repair.planned_on ? formatDay(repair.planned_on, "nl") : null;
  await queueEmail(platform, context.tenant.id, { to: account.email, subject: text.subject(item), body: text.body(member.name, item, day, context.tenant.name, link) });
}

/** A plain status change (not to "done": that needs the closing form). */
export async function changeRepairStatus(db: TenantDb, repairId: string, input: z.output<typeof statusChangeSchema>, context: ChangeContext): Promise<Result> {
  if (input.to === "done") return problem("form", "repair_close_with_form");
  return db.transaction().execute(async (trx) => {
    const more = input.to === "collected" ? { collected_at: new Date() } : {};
    return move(trx, repairId, input.expected, input.to, more, context);
  });
}

const day = z
  .string()
  .trim()
  .optional()
  .refine((value) => !value || isIsoDay(value), "date_invalid")
  .transform((value) => value || null);

export const planSchema = z.object({ expected: status, plannedOn: day });

/**
 * Chooses the fixers and the planned day. A registered repair becomes planned by it; otherwise
 * only the fixers and day change, still only when the repair is in the status the form was made in.
 */
export async function planRepair(
  db: TenantDb,
  repairId: string,
  input: z.output<typeof planSchema> & { fixers: string[] },
  context: ChangeContext,
): Promise<Result> {
  const fixers = [...new Set(input.fixers)];
  if (input.expected === "registered" && fixers.length === 0) return problem("fixers", "repair_fixer_required");
  if (input.expected === "done" || input.expected === "collected") return problem("form", "repair_transition_invalid");
  return db.transaction().execute(async (trx) => {
    if (fixers.length > 0) {
      const allowed = await trx.selectFrom("members").select("id").where("id", "in", fixers).where("role", "in", ["volunteer", "coordinator"]).execute();
      if (allowed.length !== fixers.length) return problem("fixers", "repair_fixer_invalid");
    }
    if (input.expected === "registered") {
      const moved = await move(trx, repairId, "registered", "planned", { planned_on: input.plannedOn }, context);
      if (!moved.ok) return moved;
    } else {
      const updated = await trx
        .updateTable("repairs")
        .set({ planned_on: input.plannedOn, updated_at: new Date() })
        .where("id", "=", repairId)
        .where("status", "=", input.expected)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) return stale(trx, repairId);
    }
    await trx.deleteFrom("repair_fixers").where("repair_id", "=", repairId).execute();
    if (fixers.length > 0) await trx.insertInto("repair_fixers").values(fixers.map((member_id) => ({ repair_id: repairId, member_id }))).execute();
    return { ok: true };
  });
}

export const partSchema = z.object({
  description: requiredText(200, "repair_part_required"),
  cost: euroCentsSchema.refine((cents) => cents !== null, "repair_part_cost_required"),
});

/** Adds a part used, at cost price, while the repair is not yet collected. */
export async function addPart(db: TenantDb, repairId: string, input: z.output<typeof partSchema>): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    const repair = await trx.selectFrom("repairs").select("status").where("id", "=", repairId).forUpdate().executeTakeFirst();
    if (!repair) return problem("form", "repair_unknown");
    if (repair.status === "collected") return problem("description", "repair_already_collected");
    await trx.insertInto("repair_parts").values({ repair_id: repairId, description: input.description, cost_cents: input.cost! }).execute();
    return { ok: true };
  });
}

export async function removePart(db: TenantDb, repairId: string, partId: string): Promise<void> {
  if (!/^\d{1,18}$/.test(partId)) return;
  await db.transaction().execute(async (trx) => {
    // Like adding: the parts of a collected repair are final.
    const repair = await trx.selectFrom("repairs").select("status").where("id", "=", repairId).forUpdate().executeTakeFirst();
    if (!repair || repair.status === "collected") return;
    await trx.deleteFrom("repair_parts").where("repair_id", "=", repairId).where("id", "=", partId).execute();
  });
}

const year = z
  .string()
  .trim()
  .optional()
  .refine((value) => !value || (/^\d{4}$/.test(value) && Number(value) >= 1850 && Number(value) <= 2200), "repair_year_invalid")
  .transform((value) => (value ? Number(value) : null));

/** The closing form: how it ended (in ORDS terms too) and the resident's contribution. */
export const closeSchema = z
  .object({
    expected: status,
    outcome: z.enum(repairOutcomes, { error: "repair_outcome_required" }),
    productCategory: z.enum(ordsProductCategories, { error: "repair_category_invalid" }),
    barrier: z.union([z.enum(ordsRepairBarriers), z.literal("")], { error: "repair_barrier_invalid" }).optional(),
    problem: optionalText(1000),
    year,
    contribution: euroCentsSchema,
    // "later": the resident pays when collecting it, or online (when the neighbourhood takes that).
    payment: z.enum(["cash", "waived", "later"], { error: "payment_invalid" }).optional(),
    waivedReason: optionalText(300),
  })
  .superRefine((form, context) => {
    if (form.barrier && form.outcome !== "not_repairable") context.addIssue({ code: "custom", path: ["barrier"], message: "repair_barrier_only_end_of_life" });
    if (form.contribution && !form.payment) context.addIssue({ code: "custom", path: ["payment"], message: "payment_required" });
    if (form.payment === "waived" && !form.waivedReason) context.addIssue({ code: "custom", path: ["waivedReason"], message: "reason_required" });
  });
export type CloseInput = z.output<typeof closeSchema>;

/** The fixer closes the repair: it becomes "done", with its outcome and the contribution. */
export async function closeRepair(db: TenantDb, repairId: string, input: CloseInput, context: ChangeContext): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    const moved = await move(
      trx,
      repairId,
      input.expected,
      "done",
      {
        outcome: input.outcome,
        product_category: input.productCategory,
        repair_barrier: input.outcome === "not_repairable" ? input.barrier || null : null,
        problem: input.problem,
        year_of_manufacture: input.year,
        contribution_cents: input.contribution,
        done_at: new Date(),
      },
      context,
    );
    if (moved.ok && input.contribution && input.payment && input.payment !== "later") {
      await settleAtDesk(trx, await contributionDue(trx, repairId, input.contribution), input.payment, input.waivedReason, context.actor);
    }
    return moved;
  });
}

/** A repair's contribution as the ledger names it. */
async function contributionDue(trx: Transaction<TenantTables>, repairId: string, amountCents: number): Promise<AmountDue> {
  const repair = await trx.selectFrom("repairs").select(["number", "member_id"]).where("id", "=", repairId).executeTakeFirstOrThrow();
  return { module: "repairs", recordType: "repair", recordId: repairId, purpose: "contribution", amountCents, description: repairDescription(repair), memberId: repair.member_id };
}

export const settleContributionSchema = z
  .object({
    payment: z.enum(["cash", "waived"], { error: "payment_required" }),
    waivedReason: optionalText(300),
  })
  .superRefine((form, context) => {
    if (form.payment === "waived" && !form.waivedReason) context.addIssue({ code: "custom", path: ["waivedReason"], message: "reason_required" });
  });

/** The desk settles a finished repair's contribution that was left to pay later (at collection). */
export async function settleContribution(db: TenantDb, repairId: string, input: z.output<typeof settleContributionSchema>, actor: string): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    const repair = await trx.selectFrom("repairs").select(["status", "contribution_cents"]).where("id", "=", repairId).forUpdate().executeTakeFirst();
    if (!repair) return problem("form", "repair_unknown");
    // Said at the top of the page: the form itself is gone once nothing is left to pay.
    if ((repair.status !== "done" && repair.status !== "collected") || !repair.contribution_cents) return problem("form", "repair_nothing_to_pay");
    const settled = await trx.selectFrom("ledger_entries").select("id").where("record_type", "=", "repair").where("record_id", "=", repairId).where("kind", "<>", "refund").executeTakeFirst();
    if (settled) return problem("form", "repair_already_paid");
    await settleAtDesk(trx, await contributionDue(trx, repairId, repair.contribution_cents), input.payment, input.waivedReason, actor);
    return { ok: true };
  });
}

/** Everything the repairs module keeps about one person, for their data export. */
export async function repairDataOf(db: TenantDb, memberId: string) {
  const repairs = await db
    .selectFrom("repairs")
    .select(["id", "number", "kind", "brand", "fault", "learn_myself", "status", "outcome", "contribution_cents", "created_at", "done_at", "collected_at"])
    .where("member_id", "=", memberId)
    .orderBy("created_at")
    .execute();
  const parts = repairs.length
    ? await db.selectFrom("repair_parts").select(["repair_id", "description", "cost_cents"]).where("repair_id", "in", repairs.map((r) => r.id)).execute()
    : [];
  return repairs.map((repair) => ({ ...repair, parts: parts.filter((part) => part.repair_id === repair.id).map(({ description, cost_cents }) => ({ description, cost_cents })) }));
}


