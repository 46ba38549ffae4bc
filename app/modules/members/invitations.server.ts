import { sha256 } from "@oslojs/crypto/sha2";
import { z } from "zod";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { PlatformDb, TenantDb } from "~/db/accessors.server";
import type { Role, TenantRow } from "~/db/tables";
import { messages } from "~/i18n/messages";
import { createAccount, EmailTakenError, findAccountByEmail } from "~/modules/accounts/accounts.server";
import { allowAttempt, limits } from "~/modules/accounts/rate-limit.server";
import { verifyPassword } from "~/modules/accounts/passwords.server";
import { newPasswordSchema, otherPersonEmailSchema } from "~/modules/accounts/validation.server";
import { queueEmail } from "~/modules/email/outbox.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { joinNeighbourhood } from "./members.server";

export const INVITATION_DAYS = 7;
const hashToken = (token: string) => sha256(new TextEncoder().encode(token));

/** The coordinator's invitation form: an email address and the role to give. */
export const invitationSchema = z.object({ email: otherPersonEmailSchema, role: z.enum(["coordinator", "volunteer"], { error: "role_invalid" }) });

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

/**
 * Whether the person with this email address is already in this neighbourhood. The coordinator then
 * changes their role in the list instead of sending an invitation that changes nothing.
 */
export async function isMemberByEmail(db: TenantDb, platform: PlatformDb, email: string): Promise<boolean> {
  const account = await findAccountByEmail(platform, email);
  if (!account) return false;
  return Boolean(await db.selectFrom("members").select("id").where("account_id", "=", account.id).executeTakeFirst());
}

/** Invitations not yet accepted and not expired, newest first, for the coordinators' members page. */
export function pendingInvitations(db: TenantDb) {
  return db
    .selectFrom("invitations")
    .select(["id", "email", "role", "expires_at"])
    .where("accepted_at", "is", null)
    .where("expires_at", ">", new Date())
    .orderBy("created_at", "desc")
    .execute();
}

export const withdrawSchema = z.object({ invitationId: z.uuid() });

/** Withdraws an invitation that was not accepted yet: its row goes, so the emailed link stops working. */
export async function withdrawInvitation(db: TenantDb, invitationId: string): Promise<void> {
  await db.deleteFrom("invitations").where("id", "=", invitationId).where("accepted_at", "is", null).execute();
}

export type InvitationState =
  | { state: "valid"; id: string; email: string; role: Role; hasAccount: boolean; invitedBy: string | null }
  | { state: "used" | "expired" | "unknown" };

/** What an invitation link is worth on this neighbourhood's host. */
export async function lookUpInvitation(db: TenantDb, platform: PlatformDb, token: string): Promise<InvitationState> {
  const invitation = await db.selectFrom("invitations").selectAll().where("token_hash", "=", hashToken(token)).executeTakeFirst();
  if (!invitation) return { state: "unknown" };
  if (invitation.accepted_at) return { state: "used" };
  if (invitation.expires_at.getTime() <= Date.now()) return { state: "expired" };
  const account = await findAccountByEmail(platform, invitation.email);
  return {
    state: "valid",
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    hasAccount: Boolean(account?.password_hash),
    invitedBy: invitation.invited_by,
  };
}

const nameSchema = z.string({ error: "name_required" }).trim().min(1, "name_required").max(100, "name_too_long");
const newMember = z.object({ name: nameSchema, password: newPasswordSchema });
const existingMember = z.object({ name: nameSchema, password: z.string({ error: "password_required" }).min(1, "password_required").max(200, "password_too_long") });

/** The accept form: someone new chooses a password, someone with an account types theirs. */
export const acceptInvitationSchema = (hasAccount: boolean) => (hasAccount ? existingMember : newMember);

/** On success, `role` is the role the person has here now (an invitation never lowers it). */
export type AcceptResult = { ok: true; accountId: string; role: Role } | { ok: false; field: "password" | "form"; error: string };

const roleRank: Record<Role, number> = { resident: 0, volunteer: 1, coordinator: 2 };

/**
 * Accepts an invitation: someone new gets an account with the password they chose; someone who
 * already has one proves it with their password (throttled like a login). The invitation is claimed
 * with one conditional UPDATE, so a link works exactly once even when it is opened twice at the same
 * moment. An invitation from someone who is no longer a coordinator is void, and an invitation never
 * lowers the role of someone already here.
 */
export async function acceptInvitation(
  db: TenantDb,
  platform: PlatformDb,
  tenantId: string,
  token: string,
  input: { name: string; password: string },
): Promise<AcceptResult> {
  const invitation = await lookUpInvitation(db, platform, token);
  if (invitation.state !== "valid") return { ok: false, field: "form", error: `invitation_${invitation.state}` };
  if (invitation.invitedBy) {
    const inviter = await db.selectFrom("members").select("role").where("id", "=", invitation.invitedBy).executeTakeFirst();
    if (inviter?.role !== "coordinator") return { ok: false, field: "form", error: "invitation_revoked" };
  }
  const existing = await findAccountByEmail(platform, invitation.email);
  if (existing?.password_hash) {
    if (!(await allowAttempt(platform, [{ limit: limits.loginPerAccount, subject: existing.email }]))) {
      return { ok: false, field: "password", error: "too_many_attempts" };
    }
    if (!(await verifyPassword(existing.password_hash, input.password))) return { ok: false, field: "password", error: "login_failed" };
  }
  const claimed = await db
    .updateTable("invitations")
    .set({ accepted_at: new Date() })
    .where("id", "=", invitation.id)
    .where("accepted_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (!claimed) return { ok: false, field: "form", error: "invitation_used" };

  let account;
  try {
    account = existing ?? (await createAccount(platform, { email: invitation.email, password: input.password }));
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error;
    // Another link for this address made the account a moment ago: let this one be tried again.
    await db.updateTable("invitations").set({ accepted_at: null }).where("id", "=", invitation.id).execute();
    return { ok: false, field: "form", error: "try_again" };
  }
  const existingMember = await db.selectFrom("members").select(["id", "role"]).where("account_id", "=", account.id).executeTakeFirst();
  if (existingMember) {
    if (roleRank[invitation.role] > roleRank[existingMember.role]) {
      await db.updateTable("members").set({ role: invitation.role, updated_at: new Date() }).where("id", "=", existingMember.id).execute();
      await recordAudit(db, { actor: existingMember.id, action: "role_changed", subject: existingMember.id, details: { from: existingMember.role, to: invitation.role } });
      return { ok: true, accountId: account.id, role: invitation.role };
    }
    return { ok: true, accountId: account.id, role: existingMember.role };
  }
  const member = await joinNeighbourhood(db, platform, tenantId, { accountId: account.id, name: input.name, role: invitation.role });
  await recordAudit(db, { actor: member.id, action: "member_joined", subject: member.id, details: { role: invitation.role } });
  return { ok: true, accountId: account.id, role: invitation.role };
}
