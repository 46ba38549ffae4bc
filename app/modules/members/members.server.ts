import type { TenantDb } from "~/db/accessors.server";
import type { Role } from "~/db/tables";

/** The people of a neighbourhood, for its coordinators. */
export function listMembers(db: TenantDb) {
  return db.selectFrom("members").select(["id", "name", "role", "account_id"]).orderBy("name").execute();
}

/** Links a login identity to this neighbourhood with a role. */
export async function addMember(db: TenantDb, input: { accountId: string | null; name: string; role: Role }) {
  return db
    .insertInto("members")
    .values({ account_id: input.accountId, name: input.name, role: input.role, phone: null, address: null, notes: null, privacy_accepted_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}
