import type { AppLoadContext } from "@remix-run/node";
import { messages } from "~/i18n/messages";
import { queueEmail } from "~/modules/email/outbox.server";
import { changePassword, findAccountByEmail } from "./accounts.server";
import { issueAccountToken, useAccountToken } from "./account-tokens.server";
import { allowAttempt, limits } from "./rate-limit.server";

const siteTenantId = (context: AppLoadContext) => (context.site.kind === "tenant" ? context.site.tenant.id : null);

/**
 * Sends a reset link if the email belongs to an account. The answer is the same either way, so the
 * form does not reveal who has an account.
 */
export async function requestPasswordReset(context: AppLoadContext, email: string, siteUrl: string): Promise<"sent" | "too_many_attempts"> {
  const allowed = await allowAttempt(context.platformDb, [
    { limit: limits.resetPerIp, subject: context.clientIp },
    { limit: limits.resetPerAccount, subject: email },
  ]);
  if (!allowed) return "too_many_attempts";
  const account = await findAccountByEmail(context.platformDb, email);
  if (account && !account.disabled_at) {
    const token = await issueAccountToken(context.platformDb, account.id, "password_reset");
    const t = messages.nl.passwordReset;
    await queueEmail(context.platformDb, siteTenantId(context), {
      to: account.email,
      subject: t.emailSubject,
      body: t.emailBody(new URL(`/wachtwoord-herstellen/${token}`, siteUrl).href),
    });
  }
  return "sent";
}

/** Sets a new password from a reset link; ends every session of the account. */
export async function resetPassword(context: AppLoadContext, token: string, password: string): Promise<"ok" | "used" | "expired" | "unknown"> {
  const claimed = await useAccountToken(context.platformDb, token, "password_reset");
  if (claimed.state !== "valid") return claimed.state;
  await changePassword(context.platformDb, claimed.accountId, password);
  // Any other reset link still in a mailbox is worthless now.
  await context.platformDb
    .updateTable("account_tokens")
    .set({ used_at: new Date() })
    .where("account_id", "=", claimed.accountId)
    .where("purpose", "=", "password_reset")
    .where("used_at", "is", null)
    .execute();
  // Following the emailed link proved the address too.
  await context.platformDb.updateTable("accounts").set({ email_verified_at: new Date() }).where("id", "=", claimed.accountId).where("email_verified_at", "is", null).execute();
  return "ok";
}

/** Sends the link that confirms a new account's email address. */
export async function sendEmailVerification(context: AppLoadContext, accountId: string, email: string, siteUrl: string): Promise<void> {
  const token = await issueAccountToken(context.platformDb, accountId, "email_verification");
  const t = messages.nl.verification;
  await queueEmail(context.platformDb, siteTenantId(context), {
    to: email,
    subject: t.emailSubject,
    body: t.emailBody(new URL(`/email-bevestigen/${token}`, siteUrl).href),
  });
}

export async function verifyEmail(context: AppLoadContext, token: string): Promise<"ok" | "used" | "expired" | "unknown"> {
  const claimed = await useAccountToken(context.platformDb, token, "email_verification");
  if (claimed.state !== "valid") return claimed.state;
  await context.platformDb.updateTable("accounts").set({ email_verified_at: new Date() }).where("id", "=", claimed.accountId).execute();
  return "ok";
}
