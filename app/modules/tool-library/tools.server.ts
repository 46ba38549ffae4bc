import { sql, type Expression, type SqlBool } from "kysely";
import { z } from "zod";
import type { TenantDb } from "~/db/accessors.server";
import { toolConditions, toolStatuses, type MaintenanceKind, type ToolStatus } from "~/db/tables";
import { centsToInput, euroCentsSchema } from "~/money";
import { checkbox, optionalText, requiredText, searchText } from "~/forms";
import { PICK_LIMIT } from "~/modules/members/members.server";
import { toolPhotoIds } from "./photos.server";

/** The tool form of the coordinator, and each row of a CSV import. */
export const toolFormSchema = z.object({
  name: requiredText(100, "tool_name_required"),
  category: requiredText(60, "category_required"),
  description: optionalText(2000),
  condition: z.enum(toolConditions, { error: "condition_invalid" }),
  location: optionalText(200),
  deposit: euroCentsSchema,
  fee: euroCentsSchema,
  maxLoanDays: z
    .string({ error: "loan_days_invalid" })
    .trim()
    .regex(/^\d{1,2}$/, "loan_days_invalid")
    .transform(Number)
    .pipe(z.number().min(1, "loan_days_invalid").max(90, "loan_days_invalid")),
  safetyNotes: optionalText(1000),
  needsInstruction: checkbox,
});
export type ToolInput = z.output<typeof toolFormSchema>;

export function toolColumns(input: ToolInput) {
  return {
    name: input.name,
    category: input.category,
    description: input.description,
    condition: input.condition,
    location: input.location,
    deposit_cents: input.deposit,
    fee_cents: input.fee,
    max_loan_days: input.maxLoanDays,
    safety_notes: input.safetyNotes,
    needs_instruction: input.needsInstruction,
  };
}

export async function createTool(db: TenantDb, input: ToolInput): Promise<string> {
  const row = await db.insertInto("tools").values(toolColumns(input)).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTool(db: TenantDb, toolId: string, input: ToolInput): Promise<boolean> {
  const result = await db
    .updateTable("tools")
    .set({ ...toolColumns(input), updated_at: new Date() })
    .where("id", "=", toolId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function getTool(db: TenantDb, toolId: string) {
  return (await db.selectFrom("tools").selectAll().where("id", "=", toolId).executeTakeFirst()) ?? null;
}

/** A tool as the edit form shows it. */
export function toolFormValues(tool: NonNullable<Awaited<ReturnType<typeof getTool>>>): Record<string, string> {
  return {
    name: tool.name,
    category: tool.category,
    description: tool.description ?? "",
    condition: tool.condition,
    location: tool.location ?? "",
    deposit: centsToInput(tool.deposit_cents),
    fee: centsToInput(tool.fee_cents),
    maxLoanDays: String(tool.max_loan_days),
    safetyNotes: tool.safety_notes ?? "",
    needsInstruction: tool.needs_instruction ? "ja" : "",
  };
}

/** Every tool with its number and status, for the coordinator's list. */
export function listToolsForManagement(db: TenantDb) {
  return db.selectFrom("tools").select(["id", "number", "name", "category", "status", "condition"]).orderBy("number").execute();
}

export const statusChangeSchema = z.object({
  status: z.enum(toolStatuses, { error: "status_invalid" }),
  explanation: optionalText(1000),
});

const maintenanceKindFor: Record<ToolStatus, MaintenanceKind> = { in_repair: "to_repair", available: "repaired", retired: "retired" };

/**
 * Sends a tool for repair, takes it back into use or retires it, and writes that in its maintenance
 * log. A tool in repair or retired cannot be reserved or lent (see loans.server.ts).
 */
export async function changeToolStatus(db: TenantDb, toolId: string, status: ToolStatus, note: string | null, actor: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const tool = await trx.selectFrom("tools").select("status").where("id", "=", toolId).forUpdate().executeTakeFirst();
    if (!tool) return false;
    if (tool.status === status && !note) return true;
    await trx.updateTable("tools").set({ status, updated_at: new Date() }).where("id", "=", toolId).execute();
    await trx.insertInto("tool_maintenance").values({ tool_id: toolId, member_id: actor, kind: tool.status === status ? "note" : maintenanceKindFor[status], note }).execute();
    // A retired tool will not come back: its reservations are cancelled (and shown so to their
    // borrowers). A tool in repair keeps them; the desk sees it cannot hand it out yet.
    if (status === "retired") {
      await trx.updateTable("loans").set({ status: "cancelled", cancelled_at: new Date() }).where("tool_id", "=", toolId).where("status", "=", "reserved").execute();
    }
    return true;
  });
}

export const maintenanceNoteSchema = z.object({ note: requiredText(1000, "note_required") });

export async function addMaintenanceNote(db: TenantDb, toolId: string, note: string, actor: string): Promise<boolean> {
  const tool = await db.selectFrom("tools").select("id").where("id", "=", toolId).executeTakeFirst();
  if (!tool) return false;
  await db.insertInto("tool_maintenance").values({ tool_id: toolId, member_id: actor, kind: "note", note }).execute();
  return true;
}

export function maintenanceLog(db: TenantDb, toolId: string) {
  return db
    .selectFrom("tool_maintenance")
    .leftJoin("members", "members.id", "tool_maintenance.member_id")
    .select(["tool_maintenance.id", "tool_maintenance.at", "tool_maintenance.kind", "tool_maintenance.note", "members.name as by"])
    .where("tool_id", "=", toolId)
    .orderBy("tool_maintenance.at", "desc")
    .orderBy("tool_maintenance.id", "desc")
    .execute();
}

// ---------------------------------------------------------------------------------------------
// The public catalog

export const catalogQuerySchema = z.object({
  q: searchText(100),
  category: searchText(60),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});
export type CatalogQuery = z.output<typeof catalogQuerySchema>;

export const CATALOG_PAGE_SIZE = 30;

/**
 * Words of a search, each matched as a Dutch word ("schroeven" finds "schroef"), as the start of a
 * word ("boor" finds "boormachine") or inside the name ("boor" finds "accuboormachine"). Only
 * letters and digits reach the query.
 */
function searchWords(query: string): string[] {
  return (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 6);
}

function matchesWord(word: string): Expression<SqlBool> {
  // The ILIKE keeps Postgres from using the GIN index; at thousands of tools a scan takes a few
  // milliseconds (scripts/bench/catalog.ts). A pg_trgm index would be the next step.
  return sql<SqlBool>`(tools.search @@ (to_tsquery('dutch', ${word}) || to_tsquery('simple', ${`${word}:*`})) or tools.name ilike ${`%${word}%`})`;
}

/**
 * One page of lendable tools for the public catalog, best matches first, each with whether it is
 * free today and, if not, until when it is busy. The page is chosen first; availability and the
 * first photo are then looked up for those tools only (not for every match).
 */
export async function searchCatalog(db: TenantDb, query: CatalogQuery, today: string) {
  const words = searchWords(query.q);
  let select = db
    .selectFrom("tools")
    .select(["id", "number", "name", "category", "status", "fee_cents", "deposit_cents", "needs_instruction"])
    .where("status", "<>", "retired");
  if (query.category) select = select.where("category", "=", query.category);
  for (const word of words) select = select.where(matchesWord(word));
  if (words.length > 0) {
    const tsquery = sql.join(
      words.map((word) => sql`(to_tsquery('dutch', ${word}) || to_tsquery('simple', ${`${word}:*`}))`),
      sql` && `,
    );
    select = select.orderBy(sql`ts_rank(tools.search, ${tsquery})`, "desc");
  }
  const rows = await select
    .orderBy("name")
    .orderBy("number")
    .limit(CATALOG_PAGE_SIZE + 1)
    .offset((query.page - 1) * CATALOG_PAGE_SIZE)
    .execute();
  const page = rows.slice(0, CATALOG_PAGE_SIZE);
  const ids = page.map((tool) => tool.id);
  const [busy, photos] = ids.length
    ? await Promise.all([
        // Per tool the loan that makes it busy today: one out now (even if overdue), else a
        // reservation that covers today.
        db
          .selectFrom("loans")
          .select(["tool_id", "status", sql<string>`(upper(period) - 1)::text`.as("until")])
          .distinctOn("tool_id")
          .where("tool_id", "in", ids)
          .where((w) => w.or([w("status", "=", "on_loan"), w.and([w("status", "=", "reserved"), sql<SqlBool>`period @> ${today}::date`])]))
          .orderBy("tool_id")
          .orderBy(sql`status = 'on_loan'`, "desc")
          .execute(),
        db.selectFrom("tool_photos").select(["tool_id", "id"]).distinctOn("tool_id").where("tool_id", "in", ids).orderBy("tool_id").orderBy("created_at").execute(),
      ])
    : [[], []];
  const tools = page.map((tool) => {
    const loan = busy.find((row) => row.tool_id === tool.id);
    return { ...tool, busy_status: loan?.status ?? null, busy_until: loan?.until ?? null, photo_id: photos.find((row) => row.tool_id === tool.id)?.id ?? null };
  });
  return { tools, hasMore: rows.length > CATALOG_PAGE_SIZE };
}

/** The categories that have lendable tools, for the catalog's filter. */
export async function catalogCategories(db: TenantDb): Promise<string[]> {
  const rows = await db.selectFrom("tools").select("category").distinct().where("status", "<>", "retired").orderBy("category").execute();
  return rows.map((row) => row.category);
}

/** A tool's public page: the tool, its photos and the days it is taken from today on. */
export async function toolDetails(db: TenantDb, toolId: string, today: string) {
  const tool = await db.selectFrom("tools").selectAll().where("id", "=", toolId).where("status", "<>", "retired").executeTakeFirst();
  if (!tool) return null;
  const [photoIds, busy] = await Promise.all([
    toolPhotoIds(db, toolId),
    db
      .selectFrom("loans")
      .select(["status", sql<string>`lower(period)::text`.as("start"), sql<string>`(upper(period) - 1)::text`.as("until")])
      .where("tool_id", "=", toolId)
      .where("status", "in", ["reserved", "on_loan"])
      .where((w) => w.or([w("status", "=", "on_loan"), sql<SqlBool>`upper(period) > ${today}::date`]))
      .orderBy("period")
      .execute(),
  ]);
  return { tool, photoIds, busy };
}

// ---------------------------------------------------------------------------------------------
// The desk's tool picker

const stickerNumber = /^#?\s*(\d{1,6})$/;

/** Lendable tools as the desk's pickers show them: what each asks at hand-out, and whether it is out now. */
const toolChoices = (db: TenantDb) =>
  db
    .selectFrom("tools")
    .select((eb) => [
      "tools.id",
      "tools.number",
      "tools.name",
      "tools.status",
      "tools.deposit_cents",
      "tools.fee_cents",
      eb.exists(eb.selectFrom("loans").select("loans.id").whereRef("loans.tool_id", "=", "tools.id").where("loans.status", "=", "on_loan")).as("out"),
    ])
    .where("tools.status", "<>", "retired");

/**
 * Lendable tools for the desk: a sticker number ("12" or "#12") finds that one tool (`exact`);
 * words find tools by name as the public catalog does.
 */
export async function searchToolsForDesk(db: TenantDb, query: string) {
  const number = stickerNumber.exec(query)?.[1];
  const words = number ? [] : searchWords(query);
  if (!number && words.length === 0) return { results: [], exact: false };
  let select = toolChoices(db);
  if (number) select = select.where("tools.number", "=", Number(number));
  for (const word of words) select = select.where(matchesWord(word));
  const results = await select.orderBy("tools.name").orderBy("tools.number").limit(PICK_LIMIT).execute();
  return { results, exact: number !== undefined && results.length === 1 };
}
export type ToolChoice = Awaited<ReturnType<typeof searchToolsForDesk>>["results"][number];

/**
 * What a tool picker shows: the results of what was typed, and the chosen tool. A sticker number
 * typed is the choice (the quickest way at the desk: type the number and lend); otherwise the tool
 * chosen from an earlier search stays chosen.
 */
export async function toolPicker(db: TenantDb, query: string, chosenNumber: string | undefined) {
  const found = await searchToolsForDesk(db, query);
  const chosenBy = stickerNumber.test(query) ? null : stickerNumber.exec(chosenNumber ?? "")?.[1];
  const chosen = found.exact
    ? found.results[0]!
    : chosenBy
      ? ((await toolChoices(db).where("tools.number", "=", Number(chosenBy)).executeTakeFirst()) ?? null)
      : null;
  return { query, ...found, chosen };
}
