import { sql } from "kysely";
import { z } from "zod";
import type { TenantDb } from "~/db/accessors.server";
import { addDays, isIsoDay, localToday } from "~/dates";
import { requiredText } from "~/forms";
import { shareOf, tariffShares } from "./tariff";

// A reduced tariff (decision 0014): the person pays a share of every amount until the end date, on
// the same pages and in the same way as everyone; the rest is waived in the ledger with the
// tariff's reason, which only coordinators read.

export interface Tariff {
  paysPercent: number;
  reason: string;
}

type Db = Pick<TenantDb, "selectFrom">;

/** The tariff that applies to a person on `today`, or null. */
export async function tariffOf(db: Db, memberId: string | null, today = localToday()): Promise<Tariff | null> {
  if (!memberId) return null;
  const row = await db
    .selectFrom("tariffs")
    .select(["pays_percent", "reason"])
    .where("member_id", "=", memberId)
    .where("ends_on", ">=", sql<string>`${today}::date`)
    .executeTakeFirst();
  return row ? { paysPercent: row.pays_percent, reason: row.reason } : null;
}

/** What the person pays of an amount and what is let go. */
export const applyTariff = (amountCents: number, tariff: Tariff | null) => shareOf(amountCents, tariff?.paysPercent ?? null);

/** The ledger's reason for what a tariff lets go. */
export const tariffWaiverReason = (tariff: Tariff) => `Verlaagd tarief: ${tariff.reason}`.slice(0, 300);

export const tariffSchema = (today: string) =>
  z.object({
    memberId: z.uuid({ error: "member_required" }),
    paysPercent: z.enum(tariffShares, { error: "tariff_share_required" }).transform(Number),
    reason: requiredText(300, "reason_required"),
    endsOn: z
      .string({ error: "tariff_end_required" })
      .refine(isIsoDay, "tariff_end_required")
      .refine((day) => day >= today, "tariff_end_past")
      .refine((day) => day <= addDays(today, 366), "tariff_end_too_far"),
  });
export type TariffInput = z.output<ReturnType<typeof tariffSchema>>;

/** Gives a person of this neighbourhood a tariff, replacing the one they had. False when there is no such person. */
export async function setTariff(db: TenantDb, input: TariffInput, actor: string): Promise<boolean> {
  const person = await db.selectFrom("members").select("id").where("id", "=", input.memberId).executeTakeFirst();
  if (!person) return false;
  const values = { pays_percent: input.paysPercent, reason: input.reason, ends_on: input.endsOn, created_by: actor, created_at: new Date() };
  await db
    .insertInto("tariffs")
    .values({ member_id: input.memberId, ...values })
    .onConflict((conflict) => conflict.column("member_id").doUpdateSet(values))
    .execute();
  return true;
}

export async function endTariff(db: TenantDb, memberId: string): Promise<void> {
  await db.deleteFrom("tariffs").where("member_id", "=", memberId).execute();
}

/** The tariffs that still apply, for the coordinators' list. */
export function activeTariffs(db: TenantDb, today = localToday()) {
  return db
    .selectFrom("tariffs")
    .innerJoin("members", "members.id", "tariffs.member_id")
    .select(["tariffs.member_id", "members.name", "tariffs.pays_percent", "tariffs.reason", sql<string>`tariffs.ends_on::text`.as("ends_on")])
    .where("tariffs.ends_on", ">=", sql<string>`${today}::date`)
    .orderBy("members.name")
    .execute();
}

/** A person's tariff with the reason written about them, for their data export; null when none. */
export async function tariffDataOf(db: TenantDb, memberId: string) {
  return (
    (await db
      .selectFrom("tariffs")
      .select(["pays_percent", "reason", sql<string>`ends_on::text`.as("ends_on"), "created_at"])
      .where("member_id", "=", memberId)
      .executeTakeFirst()) ?? null
  );
}
