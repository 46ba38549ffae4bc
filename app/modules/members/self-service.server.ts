import { z } from "zod";
import type { PlatformDb, TenantDb } from "~/db/accessors.server";
import { recordAudit } from "~/modules/audit/audit.server";

export const ownProfileSchema = z.object({
  name: z.string({ error: "name_required" }).trim().min(1, "name_required").max(100, "name_too_long"),
  phone: z.string().trim().max(30, "text_too_long").optional().transform((v) => v || null),
  address: z.string().trim().max(200, "text_too_long").optional().transform((v) => v || null),
});

export function ownMemberRecord(db: TenantDb, accountId: string) {
  return db.selectFrom("members").select(["id", "name", "phone", "address", "role"]).where("account_id", "=", accountId).executeTakeFirst();
}

export async function updateOwnProfile(db: TenantDb, accountId: string, input: z.output<typeof ownProfileSchema>): Promise<void> {
  await db.updateTable("members").set({ ...input, updated_at: new Date() }).where("account_id", "=", accountId).execute();
}

/**
 * Everything this neighbourhood and the platform keep about a person, as one JSON document (the
 * right of access and to data portability). Notes written by coordinators are included too.
 */
export async function exportOwnData(db: TenantDb, platform: PlatformDb, accountId: string, tenantId: string) {
  const [account, member, sessions] = await Promise.all([
    platform.selectFrom("accounts").select(["email", "created_at", "password_changed_at"]).where("id", "=", accountId).executeTakeFirstOrThrow(),
    db.selectFrom("members").selectAll().where("account_id", "=", accountId).executeTakeFirstOrThrow(),
    platform.selectFrom("sessions").select(["user_agent", "created_at", "last_used_at"]).where("account_id", "=", accountId).where("tenant_id", "=", tenantId).execute(),
  ]);
  const history = await db.selectFrom("audit_log").select(["at", "action", "details"]).where("subject_member_id", "=", member.id).orderBy("id").execute();
  await recordAudit(db, { actor: member.id, action: "data_exported", subject: member.id });
  const { account_id: _accountId, ...record } = member;
  return { exportedAt: new Date().toISOString(), account, neighbourhoodRecord: record, sessions, history };
}

/**
 * Deletes a person's record in this neighbourhood and their login identity with all its sessions.
 * The audit log keeps that it happened, without the person's data.
 */
export async function deleteOwnAccount(db: TenantDb, platform: PlatformDb, accountId: string): Promise<"ok" | "last_coordinator"> {
  const member = await db.selectFrom("members").select(["id", "role"]).where("account_id", "=", accountId).executeTakeFirst();
  if (member?.role === "coordinator") {
    const coordinators = await db.selectFrom("members").select("id").where("role", "=", "coordinator").execute();
    if (coordinators.length <= 1) return "last_coordinator";
  }
  if (member) {
    await db.deleteFrom("members").where("id", "=", member.id).execute();
    await recordAudit(db, { actor: null, action: "member_deleted" });
  }
  await platform.deleteFrom("accounts").where("id", "=", accountId).execute();
  return "ok";
}
