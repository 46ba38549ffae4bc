import type { TenantDb } from "~/db/accessors.server";
import type { AuditAction } from "~/db/tables";

export interface AuditEntry {
  actor: string | null;
  action: AuditAction;
  subject?: string | null;
  /** No personal data here beyond what the action needs (e.g. old and new role). */
  details?: Record<string, string>;
}

export async function recordAudit(db: TenantDb, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_member_id: entry.actor,
      action: entry.action,
      subject_member_id: entry.subject ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/** The newest entries with the names of who did it and to whom, for coordinators. */
export function listAudit(db: TenantDb, limit = 100) {
  return db
    .selectFrom("audit_log")
    .leftJoin("members as actor", "actor.id", "audit_log.actor_member_id")
    .leftJoin("members as subject", "subject.id", "audit_log.subject_member_id")
    .select(["audit_log.id", "audit_log.at", "audit_log.action", "audit_log.details", "actor.name as actor_name", "subject.name as subject_name"])
    .orderBy("audit_log.id", "desc")
    .limit(limit)
    .execute();
}
