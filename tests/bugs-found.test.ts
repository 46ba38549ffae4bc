// Bugs found in review (issue 9, part 6), each with a test that fails without its fix.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { changeRole, registerAtDesk } from "~/modules/members/members.server";
import { deleteOwnAccount } from "~/modules/members/self-service.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { signedInAs } from "./support/people";
import { startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let tenant: TenantRow;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  tenant = await createTenant(database, { slug: uniqueSlug("fouten"), name: "Foutenwijk" });
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

describe("a neighbourhood keeps a coordinator who can log in", () => {
  it("a coordinator cannot step down when the only other coordinator was registered at the desk without an account", async () => {
    const own = await createTenant(database, { slug: uniqueSlug("coord"), name: "Coördinatorwijk" });
    const db = tenantDb(database, own.id);
    const coordinator = await signedInAs(database, server, own, "coordinator");
    const withoutLogin = await registerAtDesk(db, { name: "Door de balie", phone: null, address: null, notes: null }, coordinator.member.id);
    expect(await changeRole(db, withoutLogin.id, "coordinator", coordinator.member.id)).toBe("ok");

    expect(await changeRole(db, coordinator.member.id, "resident", coordinator.member.id)).toBe("last_coordinator");
    expect(await deleteOwnAccount(db, platformDb(database), own.id, coordinator.member.account_id!)).toBe("last_coordinator");
    expect((await db.selectFrom("members").select("role").where("id", "=", coordinator.member.id).executeTakeFirstOrThrow()).role).toBe("coordinator");

    // A coordinator without a login can still be made resident again, and one with a login frees the first.
    expect(await changeRole(db, withoutLogin.id, "resident", coordinator.member.id)).toBe("ok");
    const second = await signedInAs(database, server, own, "coordinator");
    expect(await changeRole(db, coordinator.member.id, "resident", second.member.id)).toBe("ok");
  });
});
