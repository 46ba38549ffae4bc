import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { PlatformDb } from "~/db/accessors.server";
import type { AccountRow } from "~/db/tables";

// Lucia's current session guide (lucia-auth.com/sessions/basic), with sliding expiry on top.
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 14 * DAY;
export const SESSION_ABSOLUTE_MS = 60 * DAY;

function randomString(): string {
  // 120 bits of entropy, base32: safe as an id and as a secret.
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(15)));
}

const hashSecret = (secret: string) => sha256(new TextEncoder().encode(secret));

export interface Session {
  id: string;
  accountId: string;
  tenantId: string | null;
  expiresAt: Date;
}

export interface ValidSession {
  session: Session;
  account: Pick<AccountRow, "id" | "email" | "is_platform_admin">;
}

/**
 * A new session for an account on one host: `tenantId` is the neighbourhood whose host it was made
 * on, or null for the platform's own domain. The returned token goes into the cookie and is never
 * stored; the database keeps only SHA-256 of its secret half.
 */
export async function createSession(
  db: PlatformDb,
  accountId: string,
  tenantId: string | null,
  userAgent: string | null,
): Promise<{ token: string; session: Session }> {
  const id = randomString();
  const secret = randomString();
  const now = Date.now();
  const expiresAt = new Date(now + SESSION_IDLE_MS);
  await db
    .insertInto("sessions")
    .values({
      id,
      secret_hash: hashSecret(secret),
      account_id: accountId,
      tenant_id: tenantId,
      user_agent: userAgent?.slice(0, 200) ?? null,
      expires_at: expiresAt,
      absolute_expires_at: new Date(now + SESSION_ABSOLUTE_MS),
    })
    .execute();
  return { token: `${id}.${secret}`, session: { id, accountId, tenantId, expiresAt } };
}

/**
 * The session behind a token, if it is valid on this host: right secret (compared in constant time),
 * not expired, made on this same tenant (or the platform), and its account not disabled. Extends the
 * idle expiry when more than half of it has passed, never beyond the absolute lifetime.
 */
export async function validateSessionToken(db: PlatformDb, token: string, tenantId: string | null): Promise<ValidSession | null> {
  const [id, secret, extra] = token.split(".");
  if (!id || !secret || extra !== undefined) return null;
  const row = await db
    .selectFrom("sessions")
    .innerJoin("accounts", "accounts.id", "sessions.account_id")
    .select([
      "sessions.id",
      "sessions.secret_hash",
      "sessions.tenant_id",
      "sessions.expires_at",
      "sessions.absolute_expires_at",
      "accounts.id as account_id",
      "accounts.email",
      "accounts.is_platform_admin",
      "accounts.disabled_at",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row || !constantTimeEqual(hashSecret(secret), new Uint8Array(row.secret_hash))) return null;
  if (row.tenant_id !== tenantId || row.disabled_at) return null;

  const now = Date.now();
  if (now >= row.expires_at.getTime() || now >= row.absolute_expires_at.getTime()) {
    await invalidateSession(db, row.id);
    return null;
  }
  let expiresAt = row.expires_at;
  if (row.expires_at.getTime() - now < SESSION_IDLE_MS / 2) {
    expiresAt = new Date(Math.min(now + SESSION_IDLE_MS, row.absolute_expires_at.getTime()));
    await db.updateTable("sessions").set({ expires_at: expiresAt, last_used_at: new Date(now) }).where("id", "=", row.id).execute();
  }
  return {
    session: { id: row.id, accountId: row.account_id, tenantId: row.tenant_id, expiresAt },
    account: { id: row.account_id, email: row.email, is_platform_admin: row.is_platform_admin },
  };
}

export async function invalidateSession(db: PlatformDb, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Ends every session of an account: on a password change, on disabling, or on request. */
export async function invalidateAllSessions(db: PlatformDb, accountId: string): Promise<void> {
  await db.deleteFrom("sessions").where("account_id", "=", accountId).execute();
}

/** The sessions a person can see and end themselves, on this host. */
export function listSessions(db: PlatformDb, accountId: string, tenantId: string | null) {
  return db
    .selectFrom("sessions")
    .select(["id", "user_agent", "created_at", "last_used_at"])
    .where("account_id", "=", accountId)
    .where("tenant_id", tenantId === null ? "is" : "=", tenantId)
    .where("expires_at", ">", new Date())
    .orderBy("last_used_at", "desc")
    .execute();
}
