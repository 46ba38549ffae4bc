import { type ExpressionBuilder, sql } from "kysely";
import { z } from "zod";
import { optionalText } from "~/forms";
import type { PlatformDb, TenantDb } from "~/db/accessors.server";
import { roles, type Role, type TenantTables } from "~/db/tables";
import { TIME_ZONE } from "~/dates";
import { recordAudit } from "~/modules/audit/audit.server";

/** The people of a neighbourhood, for its coordinators. */
export function listMembers(db: TenantDb) {
  return db.selectFrom("members").select(["id", "name", "role", "account_id", "phone"]).orderBy("name").execute();
}

/**
 * A person with a login joins this neighbourhood: their record here, and the platform's note that
 * the account belongs to this neighbourhood (so deleting it elsewhere keeps the account alive).
 */
export async function joinNeighbourhood(
  db: TenantDb,
  platform: PlatformDb,
  tenantId: string,
  input: { accountId: string; name: string; role: Role; privacyAcceptedAt?: Date | null },
) {
  const member = await addMember(db, input);
  await platform.insertInto("account_neighbourhoods").values({ account_id: input.accountId, tenant_id: tenantId }).onConflict((oc) => oc.doNothing()).execute();
  return member;
}

/** A member record in this neighbourhood (for people with a login, use joinNeighbourhood). */
export async function addMember(
  db: TenantDb,
  input: { accountId: string | null; name: string; role: Role; phone?: string | null; address?: string | null; notes?: string | null; privacyAcceptedAt?: Date | null },
) {
  return db
    .insertInto("members")
    .values({
      account_id: input.accountId,
      name: input.name,
      role: input.role,
      phone: input.phone ?? null,
      address: input.address ?? null,
      notes: input.notes ?? null,
      privacy_accepted_at: input.privacyAcceptedAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * What stands, after a person erased their data, where a reason written about them must stay filled
 * (a check in the table: a waived payment or a decision always has a reason).
 */
export const ERASED_ON_REQUEST = "(verwijderd op verzoek van de bewoner)";

/** A resident registered at the desk, possibly without email or phone: nobody logs in as them. */
export const deskRegistrationSchema = z.object({
  // The desk fills this in for someone else: "Vul de naam in", not "je naam".
  name: z.string({ error: "other_name_required" }).trim().min(1, "other_name_required").max(100, "name_too_long"),
  phone: optionalText(30),
  address: optionalText(200),
  notes: optionalText(1000),
});

export async function registerAtDesk(db: TenantDb, input: z.output<typeof deskRegistrationSchema>, actor: string) {
  const member = await addMember(db, { accountId: null, role: "resident", ...input });
  await recordAudit(db, { actor, action: "member_registered", subject: member.id });
  return member;
}

/**
 * The coordinators who can log in (a person registered at the desk has no login), with their rows
 * locked so that two coordinators stepping down at once cannot both leave the neighbourhood without one.
 */
export function lockCoordinatorsWhoCanLogIn(trx: TenantDb) {
  return trx.selectFrom("members").select("id").where("role", "=", "coordinator").where("account_id", "is not", null).forUpdate().execute();
}

export const roleChangeSchema = z.object({ memberId: z.uuid(), role: z.enum(roles, { error: "role_invalid" }) });

/**
 * Changes someone's role in this neighbourhood. A neighbourhood always keeps at least one
 * coordinator who can log in.
 */
export async function changeRole(db: TenantDb, memberId: string, role: Role, actor: string): Promise<"ok" | "not_found" | "last_coordinator"> {
  return db.transaction().execute(async (trx) => {
    const coordinators = await lockCoordinatorsWhoCanLogIn(trx);
    const member = await trx.selectFrom("members").select(["id", "role"]).where("id", "=", memberId).forUpdate().executeTakeFirst();
    if (!member) return "not_found";
    const othersLeft = coordinators.filter((coordinator) => coordinator.id !== member.id).length;
    if (member.role === "coordinator" && role !== "coordinator" && othersLeft === 0) return "last_coordinator";
    if (member.role === role) return "ok";
    await trx.updateTable("members").set({ role, updated_at: new Date() }).where("id", "=", memberId).execute();
    await recordAudit(trx, { actor, action: "role_changed", subject: memberId, details: { from: member.role, to: role } });
    return "ok";
  });
}

/** How many people or tools a search at the desk shows at most: enough to pick from, quick to scan. */
export const PICK_LIMIT = 10;

/**
 * A person as the desk's pickers show them: enough to tell two people with the same name apart,
 * and the share they pay under a reduced tariff (so the desk asks the lower amount; never why).
 */
const choiceColumns = (eb: ExpressionBuilder<TenantTables, "members">) =>
  [
    "members.id",
    "members.name",
    "members.phone",
    sql<boolean>`members.account_id is null`.as("no_login"),
    eb
      .selectFrom("tariffs")
      .select("tariffs.pays_percent")
      .whereRef("tariffs.member_id", "=", "members.id")
      .where("tariffs.ends_on", ">=", sql<string>`(now() at time zone ${TIME_ZONE})::date`)
      .as("pays_percent"),
  ] as const;
export type PersonChoice = { id: string; name: string; phone: string | null; no_login: boolean; pays_percent: number | null };

// A LIKE pattern matches its text literally: % and _ in what someone typed are not wildcards.
const literally = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/**
 * The digits of a phone number as the desk types it, without the country code and leading zeros,
 * so "06 1234", "+31 6 1234" and "0031 6 1234" all find a phone stored as "06-12345678".
 */
function phoneDigits(text: string): string {
  const digits = text.replace(/\D/g, "");
  const national = /^\s*(\+|00)31/.test(text) ? digits.replace(/^(00)?31/, "") : digits;
  return national.replace(/^0+/, "");
}

/**
 * People of this neighbourhood whose name holds every word typed (in any order, also in the middle
 * of a name), or whose phone number holds the digits typed (three or more). Names that start with
 * what was typed come first.
 */
export async function searchMembers(db: TenantDb, query: string): Promise<PersonChoice[]> {
  const words = query.split(/\s+/).filter(Boolean).slice(0, 6);
  if (words.length === 0) return [];
  const digits = phoneDigits(query);
  return db
    .selectFrom("members")
    .select((eb) => choiceColumns(eb))
    .where((w) =>
      w.or([
        w.and(words.map((word) => w("name", "ilike", `%${literally(word)}%`))),
        ...(digits.length >= 3 ? [w(sql`regexp_replace(coalesce(phone, ''), '\\D', '', 'g')`, "like", `%${digits}%`)] : []),
      ]),
    )
    .orderBy(sql`name ilike ${`${literally(query)}%`}`, "desc")
    .orderBy("name")
    .limit(PICK_LIMIT)
    .execute();
}

/** One person of this neighbourhood as a picker shows them, or null (unknown, or not an id). */
export async function memberChoice(db: TenantDb, memberId: string | undefined): Promise<PersonChoice | null> {
  const id = z.uuid().safeParse(memberId);
  if (!id.success) return null;
  return (await db.selectFrom("members").select((eb) => choiceColumns(eb)).where("id", "=", id.data).executeTakeFirst()) ?? null;
}

/**
 * What a person picker shows: the results of what was typed, and the person already chosen (kept in
 * view when a new search does not find them).
 */
export async function personPicker(db: TenantDb, query: string, chosenId: string | undefined) {
  const [results, chosen] = await Promise.all([searchMembers(db, query), memberChoice(db, chosenId)]);
  return { query, results, chosen, exact: false };
}
