import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { recordAudit } from "~/modules/audit/audit.server";
import { joinNeighbourhood } from "~/modules/members/members.server";
import { requireTenant } from "~/request-context.server";
import { createAccount, EmailTakenError, findAccountByEmail } from "./accounts.server";
import { sendEmailVerification } from "./password-reset.server";
import { verifyPassword } from "./passwords.server";
import { allowAttempt, limits } from "./rate-limit.server";
import { emailSchema, newPasswordSchema } from "./validation.server";

export const signupSchema = z.object({
  name: z.string({ error: "name_required" }).trim().min(1, "name_required").max(100, "name_too_long"),
  email: emailSchema,
  // The length is checked here, with the other fields; whether it is a common password only for a
  // new account (an existing account's password is checked against its hash instead).
  password: z.string({ error: "password_required" }).min(1, "password_required").min(8, "password_too_short").max(200, "password_too_long"),
  privacy: z.literal("ja", { error: "privacy_required" }),
});

export type SignupResult = { ok: true; accountId: string } | { ok: false; field: string; error: string };

/**
 * A resident signs up on their neighbourhood's site. Someone new gets an account; someone who
 * already has one (in another neighbourhood) joins with that account's password. Agreeing to the
 * privacy statement is recorded with the time.
 */
export async function signUpResident(context: AppLoadContext, input: z.output<typeof signupSchema>, siteUrl: string): Promise<SignupResult> {
  const { db, tenant } = requireTenant(context);
  if (!(await allowAttempt(context.platformDb, [{ limit: limits.signupPerIp, subject: context.clientIp }]))) {
    return { ok: false, field: "form", error: "too_many_attempts" };
  }
  const existing = await findAccountByEmail(context.platformDb, input.email);
  let accountId: string;
  if (existing) {
    // Checking an existing account's password here is a login: throttled like one.
    if (!(await allowAttempt(context.platformDb, [{ limit: limits.loginPerAccount, subject: existing.email }]))) {
      return { ok: false, field: "form", error: "too_many_attempts" };
    }
    if (!(await verifyPassword(existing.password_hash, input.password))) return { ok: false, field: "password", error: "email_taken" };
    const already = await db.selectFrom("members").select("id").where("account_id", "=", existing.id).executeTakeFirst();
    if (already) return { ok: true, accountId: existing.id };
    accountId = existing.id;
  } else {
    const strong = newPasswordSchema.safeParse(input.password);
    if (!strong.success) return { ok: false, field: "password", error: strong.error.issues[0]!.message };
    try {
      accountId = (await createAccount(context.platformDb, { email: input.email, password: input.password })).id;
    } catch (error) {
      // The same address signed up a moment ago, in another tab or neighbourhood.
      if (error instanceof EmailTakenError) return { ok: false, field: "password", error: "email_taken" };
      throw error;
    }
    await sendEmailVerification(context, accountId, input.email, siteUrl);
  }
  const member = await joinNeighbourhood(db, context.platformDb, tenant.id, { accountId, name: input.name, role: "resident", privacyAcceptedAt: new Date() });
  await recordAudit(db, { actor: member.id, action: "member_signed_up", subject: member.id, details: { role: "resident" } });
  return { ok: true, accountId };
}
