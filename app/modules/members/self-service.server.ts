import { z } from "zod";
import type { PlatformDb, TenantDb } from "~/db/accessors.server";
import { activityDataOf, forgetActivitiesOf } from "~/modules/activities/activities.server";
import { forgetKitchenOf, kitchenDataOf } from "~/modules/kitchen/kitchen.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { forgetHomeJobsOf, homeJobDataOf } from "~/modules/home-jobs/jobs.server";
import { lockCoordinatorsWhoCanLogIn } from "./members.server";
import { repairCafeDataOf } from "~/modules/repair-cafe/repair-cafe.server";
import { forgetPaymentsOf, paymentsOf } from "~/modules/payments/ledger.server";
import { tariffDataOf } from "~/modules/payments/tariffs.server";
import { repairDataOf } from "~/modules/repairs/repairs.server";
import { forgetLoansOf, lendingDataOf } from "~/modules/tool-library/loans.server";

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
    platform
      .selectFrom("accounts")
      .select(["email", "created_at", "password_changed_at", "email_verified_at", "is_platform_admin"])
      .where("id", "=", accountId)
      .executeTakeFirstOrThrow(),
    db.selectFrom("members").selectAll().where("account_id", "=", accountId).executeTakeFirstOrThrow(),
    platform.selectFrom("sessions").select(["user_agent", "created_at", "last_used_at"]).where("account_id", "=", accountId).where("tenant_id", "=", tenantId).execute(),
  ]);
  const history = await db
    .selectFrom("audit_log")
    .select(["at", "action", "details"])
    .where((eb) => eb.or([eb("subject_member_id", "=", member.id), eb("actor_member_id", "=", member.id)]))
    .orderBy("id")
    .execute();
  const [{ loans, lendingBlock }, repairs, repairCafeBookings, homeJobs, activitySignups, kitchen, payments, tariff] = await Promise.all([
    lendingDataOf(db, member.id),
    repairDataOf(db, member.id),
    repairCafeDataOf(db, member.id),
    homeJobDataOf(db, member.id),
    activityDataOf(db, member.id),
    kitchenDataOf(db, member.id),
    paymentsOf(db, member.id),
    tariffDataOf(db, member.id),
  ]);
  await recordAudit(db, { actor: member.id, action: "data_exported", subject: member.id });
  const { account_id: _accountId, ...record } = member;
  return { exportedAt: new Date().toISOString(), account, neighbourhoodRecord: record, sessions, history, loans, lendingBlock, repairs, repairCafeBookings, homeJobs, activitySignups, kitchen, payments, tariff };
}

/**
 * Deletes a person's record in this neighbourhood and ends their sessions here. The login identity
 * goes too when no other neighbourhood has them and they are not a platform admin. The last
 * coordinator who can log in cannot leave: the check and the delete share one transaction with the
 * coordinators' rows locked, so two coordinators leaving at once cannot both succeed.
 */
export async function deleteOwnAccount(db: TenantDb, platform: PlatformDb, tenantId: string, accountId: string): Promise<"ok" | "last_coordinator" | "loan_active"> {
  const result = await db.transaction().execute(async (trx) => {
    const coordinators = await lockCoordinatorsWhoCanLogIn(trx);
    const member = await trx.selectFrom("members").select(["id", "role"]).where("account_id", "=", accountId).forUpdate().executeTakeFirst();
    if (member?.role === "coordinator" && coordinators.every((coordinator) => coordinator.id === member.id)) return "last_coordinator" as const;
    // A tool that is out must stay linked to its borrower until it is back (the member row is locked,
    // so no loan can start meanwhile). Reservations are simply cancelled; past loans stay, anonymous.
    if (member && (await trx.selectFrom("loans").select("id").where("member_id", "=", member.id).where("status", "=", "on_loan").executeTakeFirst())) {
      return "loan_active" as const;
    }
    if (member) {
      await trx.updateTable("loans").set({ status: "cancelled", cancelled_at: new Date() }).where("member_id", "=", member.id).where("status", "=", "reserved").execute();
      await forgetHomeJobsOf(trx, member.id);
      await forgetLoansOf(trx, member.id);
      await forgetPaymentsOf(trx, member.id);
      await forgetKitchenOf(trx, member.id);
      await forgetActivitiesOf(trx, member.id);
      await trx.deleteFrom("members").where("id", "=", member.id).execute();
      await recordAudit(trx, { actor: null, action: "member_deleted" });
    }
    return "ok" as const;
  });
  if (result !== "ok") return result;
  await platform.deleteFrom("account_neighbourhoods").where("account_id", "=", accountId).where("tenant_id", "=", tenantId).execute();
  const [elsewhere, account] = await Promise.all([
    platform.selectFrom("account_neighbourhoods").select("tenant_id").where("account_id", "=", accountId).executeTakeFirst(),
    platform.selectFrom("accounts").select("is_platform_admin").where("id", "=", accountId).executeTakeFirst(),
  ]);
  if (!elsewhere && !account?.is_platform_admin) {
    await platform.deleteFrom("accounts").where("id", "=", accountId).execute();
  } else {
    await platform.deleteFrom("sessions").where("account_id", "=", accountId).where("tenant_id", "=", tenantId).execute();
  }
  return "ok";
}
