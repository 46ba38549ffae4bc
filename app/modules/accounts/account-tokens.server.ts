import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { PlatformDb } from "~/db/accessors.server";
import type { AccountTokensTable } from "~/db/tables";

type Purpose = AccountTokensTable["purpose"];
const lifetimes: Record<Purpose, number> = { password_reset: 60 * 60_000, email_verification: 7 * 24 * 60 * 60_000 };

const hashToken = (token: string) => sha256(new TextEncoder().encode(token));

/** A new one-time token for an emailed link; only its hash is stored. */
export async function issueAccountToken(db: PlatformDb, accountId: string, purpose: Purpose): Promise<string> {
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  await db
    .insertInto("account_tokens")
    .values({ token_hash: hashToken(token), account_id: accountId, purpose, expires_at: new Date(Date.now() + lifetimes[purpose]), used_at: null })
    .execute();
  return token;
}

export type TokenState = { state: "valid"; accountId: string } | { state: "unknown" | "used" | "expired" };

export async function checkAccountToken(db: PlatformDb, token: string, purpose: Purpose): Promise<TokenState> {
  const row = await db.selectFrom("account_tokens").selectAll().where("token_hash", "=", hashToken(token)).where("purpose", "=", purpose).executeTakeFirst();
  if (!row) return { state: "unknown" };
  if (row.used_at) return { state: "used" };
  if (row.expires_at.getTime() <= Date.now()) return { state: "expired" };
  return { state: "valid", accountId: row.account_id };
}

/** Uses a token: one conditional UPDATE, so it works exactly once even when opened twice at once. */
export async function useAccountToken(db: PlatformDb, token: string, purpose: Purpose): Promise<TokenState> {
  const row = await db
    .updateTable("account_tokens")
    .set({ used_at: new Date() })
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", new Date())
    .returning("account_id")
    .executeTakeFirst();
  return row ? { state: "valid", accountId: row.account_id } : checkAccountToken(db, token, purpose);
}
