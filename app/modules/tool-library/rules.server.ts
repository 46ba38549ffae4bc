import { z } from "zod";
import type { TenantDb } from "~/db/accessors.server";
import { requiredText } from "~/forms";

/** The neighbourhood's own lending rules, set by its coordinators. */
export const rulesFormSchema = z.object({
  maxOpenLoans: z
    .string({ error: "max_loans_invalid" })
    .trim()
    .regex(/^\d{1,2}$/, "max_loans_invalid")
    .transform(Number)
    .pipe(z.number().min(1, "max_loans_invalid").max(50, "max_loans_invalid")),
});

export async function lendingRules(db: TenantDb) {
  return db.selectFrom("lending_rules").select("max_open_loans").executeTakeFirstOrThrow();
}

export async function saveLendingRules(db: TenantDb, input: z.output<typeof rulesFormSchema>) {
  await db.updateTable("lending_rules").set({ max_open_loans: input.maxOpenLoans }).execute();
}

export const blockFormSchema = z.object({
  memberId: z.uuid({ error: "member_required" }),
  reason: requiredText(300, "reason_required"),
});

/** A blocked person cannot reserve or borrow; what they have now stays with them. */
export async function blockBorrower(db: TenantDb, input: z.output<typeof blockFormSchema>, actor: string): Promise<boolean> {
  const member = await db.selectFrom("members").select("id").where("id", "=", input.memberId).executeTakeFirst();
  if (!member) return false;
  await db
    .insertInto("lending_blocks")
    .values({ member_id: input.memberId, reason: input.reason, blocked_by: actor })
    .onConflict((oc) => oc.column("member_id").doUpdateSet({ reason: input.reason, blocked_by: actor }))
    .execute();
  return true;
}

export async function unblockBorrower(db: TenantDb, memberId: string): Promise<void> {
  await db.deleteFrom("lending_blocks").where("member_id", "=", memberId).execute();
}

export function listBlocks(db: TenantDb) {
  return db
    .selectFrom("lending_blocks")
    .innerJoin("members", "members.id", "lending_blocks.member_id")
    .select(["members.id", "members.name", "lending_blocks.reason", "lending_blocks.blocked_at"])
    .orderBy("members.name")
    .execute();
}
