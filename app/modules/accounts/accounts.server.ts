import type { PlatformDb } from "~/db/accessors.server";
import type { AccountRow } from "~/db/tables";
import { hashPassword, verifyPassword } from "./passwords.server";
import { invalidateAllSessions } from "./sessions.server";

export class EmailTakenError extends Error {}

/** A login identity. Email and password must already be validated (validation.server.ts). */
export async function createAccount(
  db: PlatformDb,
  input: { email: string; password: string | null; isPlatformAdmin?: boolean },
): Promise<AccountRow> {
  try {
    return await db
      .insertInto("accounts")
      .values({
        email: input.email.toLowerCase(),
        password_hash: input.password ? await hashPassword(input.password) : null,
        is_platform_admin: input.isPlatformAdmin ?? false,
        disabled_at: null,
        password_changed_at: input.password ? new Date() : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if ((error as { code?: string }).code === "23505") throw new EmailTakenError(input.email);
    throw error;
  }
}

export function findAccountByEmail(db: PlatformDb, email: string) {
  return db.selectFrom("accounts").selectAll().where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
}

/** The account for this email and password, or null; equally slow whether or not the email exists. */
export async function authenticate(db: PlatformDb, email: string, password: string): Promise<AccountRow | null> {
  const account = await findAccountByEmail(db, email);
  const valid = await verifyPassword(account?.password_hash ?? null, password);
  return valid && account && !account.disabled_at ? account : null;
}

/** A new password ends every session of the account, on every host. */
export async function changePassword(db: PlatformDb, accountId: string, password: string): Promise<void> {
  await db
    .updateTable("accounts")
    .set({ password_hash: await hashPassword(password), password_changed_at: new Date() })
    .where("id", "=", accountId)
    .execute();
  await invalidateAllSessions(db, accountId);
}

export async function setAccountDisabled(db: PlatformDb, accountId: string, disabled: boolean): Promise<void> {
  await db
    .updateTable("accounts")
    .set({ disabled_at: disabled ? new Date() : null })
    .where("id", "=", accountId)
    .execute();
  if (disabled) await invalidateAllSessions(db, accountId);
}
