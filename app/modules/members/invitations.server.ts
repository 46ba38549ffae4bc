import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { PlatformDb, TenantDb } from "~/db/accessors.server";
import type { Role, TenantRow } from "~/db/tables";
import { messages } from "~/i18n/messages";
import { createAccount, findAccountByEmail } from "~/modules/accounts/accounts.server";
import { verifyPassword } from "~/modules/accounts/passwords.server";
import { queueEmail } from "~/modules/email/outbox.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { addMember } from "./members.server";

export const INVITATION_DAYS = 7;
const hashToken = (token: string) => sha256(new TextEncoder().encode(token));

/** Invites someone to this neighbourhood with a role and queues the email with the link. */
export async function inviteMember(
  db: TenantDb,
  platform: PlatformDb,
  input: { tenant: TenantRow; siteUrl: string; email: string; role: Role; invitedBy: string | null },
): Promise<void> {
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  await db
    .insertInto("invitations")
    .values({
      email: input.email,
      role: input.role,
      token_hash: hashToken(token),
      invited_by: input.invitedBy,
      expires_at: new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000),
      accepted_at: null,
    })
    .execute();
  // Invitations go out in Dutch: the invitee has not chosen a language yet.
  const t = messages.nl;
  await queueEmail(platform, input.tenant.id, {
    to: input.email,
    subject: t.invitation.emailSubject(input.tenant.name),
    body: t.invitation.emailBody(input.tenant.name, t.roles[input.role], new URL(`/uitnodiging/${token}`, input.siteUrl).href, INVITATION_DAYS),
  });
}

export type InvitationState =
  | { state: "valid"; id: string; email: string; role: Role; hasAccount: boolean }
  | { state: "used" | "expired" | "unknown" };

/** What an invitation link is worth on this neighbourhood's host. */
export async function lookUpInvitation(db: TenantDb, platform: PlatformDb, token: string): Promise<InvitationState> {
  const invitation = await db.selectFrom("invitations").selectAll().where("token_hash", "=", hashToken(token)).executeTakeFirst();
  if (!invitation) return { state: "unknown" };
  if (invitation.accepted_at) return { state: "used" };
  if (invitation.expires_at.getTime() <= Date.now()) return { state: "expired" };
  const account = await findAccountByEmail(platform, invitation.email);
  return { state: "valid", id: invitation.id, email: invitation.email, role: invitation.role, hasAccount: Boolean(account?.password_hash) };
}

export type AcceptResult = { ok: true; accountId: string } | { ok: false; field: "password" | "form"; error: string };

/**
 * Accepts an invitation: someone new gets an account with the password they chose; someone who
 * already has one proves it with their password. The invitation is claimed with one conditional
 * UPDATE, so a link works exactly once even when it is opened twice at the same moment.
 */
export async function acceptInvitation(
  db: TenantDb,
  platform: PlatformDb,
  token: string,
  input: { name: string; password: string },
): Promise<AcceptResult> {
  const invitation = await lookUpInvitation(db, platform, token);
  if (invitation.state !== "valid") return { ok: false, field: "form", error: `invitation_${invitation.state}` };
  const existing = await findAccountByEmail(platform, invitation.email);
  if (existing?.password_hash && !(await verifyPassword(existing.password_hash, input.password))) {
    return { ok: false, field: "password", error: "login_failed" };
  }
  const claimed = await db
    .updateTable("invitations")
    .set({ accepted_at: new Date() })
    .where("id", "=", invitation.id)
    .where("accepted_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (!claimed) return { ok: false, field: "form", error: "invitation_used" };

  const account = existing ?? (await createAccount(platform, { email: invitation.email, password: input.password }));
  const existingMember = await db.selectFrom("members").select(["id"]).where("account_id", "=", account.id).executeTakeFirst();
  if (existingMember) {
    await db.updateTable("members").set({ role: invitation.role, updated_at: new Date() }).where("id", "=", existingMember.id).execute();
  }
  const member = existingMember ?? (await addMember(db, { accountId: account.id, name: input.name, role: invitation.role }));
  await recordAudit(db, { actor: member.id, action: "member_joined", subject: member.id, details: { role: invitation.role } });
  return { ok: true, accountId: account.id };
}
