import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { changePassword, createAccount, setAccountDisabled } from "~/modules/accounts/accounts.server";
import { createSession, SESSION_IDLE_MS, validateSessionToken } from "~/modules/accounts/sessions.server";
import { newPasswordSchema } from "~/modules/accounts/validation.server";
import { addMember } from "~/modules/members/members.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { request, startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let a: TenantRow;
let b: TenantRow;
const password = "fietsbel op zondag";

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  a = await createTenant(database, { slug: uniqueSlug("acc-a"), name: "Wijk A" });
  b = await createTenant(database, { slug: uniqueSlug("acc-b"), name: "Wijk B" });
});
afterAll(async () => {
  await server.close();
  await database.close();
});

async function person(role: "coordinator" | "volunteer" | "resident", tenant: TenantRow, name: string = role) {
  const account = await createAccount(platformDb(database), { email: `${uniqueSlug(role)}@example.org`, password });
  await addMember(tenantDb(database, tenant.id), { accountId: account.id, name, role });
  return account;
}

const origin = (slug: string | null) => server.url(slug).slice(0, -1);

async function logIn(slug: string | null, email: string, pw = password) {
  const res = await request(server.url(slug, "/inloggen"), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin(slug) },
    body: new URLSearchParams({ email, password: pw }).toString(),
  });
  const cookie = res.headers["set-cookie"]?.[0]?.split(";")[0];
  return { res, cookie };
}

describe("sessions (Lucia's design)", () => {
  it("stores only a hash of the secret, and accepts the token on its own tenant only", async () => {
    const account = await createAccount(platformDb(database), { email: `${uniqueSlug("s")}@example.org`, password });
    const { token, session } = await createSession(platformDb(database), account.id, a.id, "test");
    const secret = token.split(".")[1]!;
    const stored = await platformDb(database).selectFrom("sessions").select("secret_hash").where("id", "=", session.id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.secret_hash).toString("hex")).toBe(createHash("sha256").update(secret).digest("hex"));
    const { rows } = await sql<{ row: string }>`select row_to_json(s)::text as row from platform.sessions s where id = ${session.id}`.execute(database.kysely);
    expect(rows[0]!.row).not.toContain(secret);
    expect(rows[0]!.row).not.toContain(Buffer.from(secret).toString("hex"));

    expect((await validateSessionToken(platformDb(database), token, a.id))?.account.id).toBe(account.id);
    expect(await validateSessionToken(platformDb(database), token, b.id)).toBeNull();
    expect(await validateSessionToken(platformDb(database), token, null)).toBeNull();
    expect(await validateSessionToken(platformDb(database), `${session.id}.${"a".repeat(secret.length)}`, a.id)).toBeNull();
    expect(await validateSessionToken(platformDb(database), `${session.id}`, a.id)).toBeNull();
    expect(await validateSessionToken(platformDb(database), `${token}.x`, a.id)).toBeNull();
  });

  it("slides the idle expiry but never past the absolute lifetime, and drops expired sessions", async () => {
    const account = await createAccount(platformDb(database), { email: `${uniqueSlug("exp")}@example.org`, password });
    const { token, session } = await createSession(platformDb(database), account.id, a.id, null);
    const soon = new Date(Date.now() + 60_000);
    await platformDb(database).updateTable("sessions").set({ expires_at: soon }).where("id", "=", session.id).execute();
    const slid = await validateSessionToken(platformDb(database), token, a.id);
    expect(slid!.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_IDLE_MS - 60_000);

    const cap = new Date(Date.now() + 120_000);
    await platformDb(database).updateTable("sessions").set({ expires_at: soon, absolute_expires_at: cap }).where("id", "=", session.id).execute();
    expect((await validateSessionToken(platformDb(database), token, a.id))!.session.expiresAt.getTime()).toBe(cap.getTime());

    await platformDb(database).updateTable("sessions").set({ expires_at: new Date(Date.now() - 1000) }).where("id", "=", session.id).execute();
    expect(await validateSessionToken(platformDb(database), token, a.id)).toBeNull();
    expect(await platformDb(database).selectFrom("sessions").select("id").where("id", "=", session.id).executeTakeFirst()).toBeUndefined();
  });

  it("ends every session when the password changes or the account is disabled", async () => {
    const account = await createAccount(platformDb(database), { email: `${uniqueSlug("end")}@example.org`, password });
    const first = await createSession(platformDb(database), account.id, a.id, null);
    const second = await createSession(platformDb(database), account.id, null, null);
    await changePassword(platformDb(database), account.id, "een nieuw lang wachtwoord");
    expect(await validateSessionToken(platformDb(database), first.token, a.id)).toBeNull();
    expect(await validateSessionToken(platformDb(database), second.token, null)).toBeNull();

    const third = await createSession(platformDb(database), account.id, a.id, null);
    await setAccountDisabled(platformDb(database), account.id, true);
    expect(await validateSessionToken(platformDb(database), third.token, a.id)).toBeNull();
  });
});

describe("passwords", () => {
  it("refuses short and common passwords", () => {
    expect(newPasswordSchema.safeParse("kort").error?.issues[0]?.message).toBe("password_too_short");
    expect(newPasswordSchema.safeParse("password123").error?.issues[0]?.message).toBe("password_common");
    expect(newPasswordSchema.safeParse("welkom01").error?.issues[0]?.message).toBe("password_common");
    expect(newPasswordSchema.safeParse("Zonnebloem aan de Dijk").success).toBe(true);
    expect(newPasswordSchema.safeParse(password).success).toBe(true);
  });
});

describe("logging in over HTTP", () => {
  it("gives a member a new session cookie, host-only, HttpOnly, SameSite=Lax", async () => {
    const coordinator = await person("coordinator", a);
    const first = await logIn(a.slug, coordinator.email);
    expect(first.res.status).toBe(303);
    const header = first.res.headers["set-cookie"]![0]!;
    expect(header).toMatch(/^wijkplaats_session=/);
    expect(header).toContain("HttpOnly");
    expect(header).toContain("SameSite=Lax");
    expect(header).not.toMatch(/Domain=/i);
    const second = await logIn(a.slug, coordinator.email);
    expect(second.cookie).not.toBe(first.cookie);
  });

  it("says in Dutch what is wrong next to the field, and keeps the email", async () => {
    const res = await request(server.url(a.slug, "/inloggen"), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin(a.slug) },
      body: new URLSearchParams({ email: "geen-adres", password: "" }).toString(),
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain("Dit is geen geldig e-mailadres.");
    expect(res.body).toContain("Vul je wachtwoord in.");
    expect(res.body).toContain('value="geen-adres"');
    expect(res.body).toContain('aria-invalid="true"');

    const wrong = await logIn(a.slug, "niemand@example.org", "verkeerd wachtwoord");
    expect(wrong.res.status).toBe(200);
    expect(wrong.res.body).toContain("Dit e-mailadres en wachtwoord horen niet bij elkaar");
    expect(wrong.res.body).not.toContain("verkeerd wachtwoord");
  });

  it("refuses someone who is not a member of this neighbourhood", async () => {
    const residentOfB = await person("resident", b);
    const attempt = await logIn(a.slug, residentOfB.email);
    expect(attempt.cookie).toBeUndefined();
    // The same answer as a wrong password: a login form never confirms that a password is right.
    expect(attempt.res.body).toContain("Dit e-mailadres en wachtwoord horen niet bij elkaar, of je bent nog geen lid van deze wijk.");
  });
});

describe("where a login sends you", () => {
  it("only ever to a path on this same site", async () => {
    const member = await person("resident", a);
    for (const terug of ["/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example/", "/\n/evil.example"]) {
      const res = await request(server.url(a.slug, "/inloggen"), {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin(a.slug) },
        body: new URLSearchParams({ email: member.email, password, terug }).toString(),
      });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe("/");
    }
  });

  it("never logs anyone in on an unknown host", async () => {
    const admin = await createAccount(platformDb(database), { email: `${uniqueSlug("adm")}@example.org`, password, isPlatformAdmin: true });
    const attempt = await logIn("nergens-bekend", admin.email);
    expect(attempt.res.status).toBe(404);
    expect(attempt.cookie).toBeUndefined();
  });
});

describe("crossing a tenant or role boundary", () => {
  it("refuses a session from neighbourhood A on neighbourhood B's host", async () => {
    const coordinator = await person("coordinator", a);
    await person("coordinator", b, "Iemand in B");
    const { cookie } = await logIn(a.slug, coordinator.email);
    expect((await request(server.url(a.slug, "/beheer"), { headers: { Cookie: cookie! } })).status).toBe(200);
    const onB = await request(server.url(b.slug, "/beheer"), { headers: { Cookie: cookie! } });
    expect(onB.status).toBe(303);
    expect(onB.headers.location).toBe("/inloggen?terug=%2Fbeheer");
    expect(onB.body).not.toContain("Iemand in B");
  });

  it("shows coordinators only their own neighbourhood's people", async () => {
    const coordinator = await person("coordinator", a, "Coördinator A");
    await person("resident", b, "Bewoner van B");
    const { cookie } = await logIn(a.slug, coordinator.email);
    const page = await request(server.url(a.slug, "/beheer"), { headers: { Cookie: cookie! } });
    expect(page.body).toContain("Coördinator A");
    expect(page.body).not.toContain("Bewoner van B");
  });

  it("refuses a resident or volunteer on coordinator pages", async () => {
    for (const role of ["resident", "volunteer"] as const) {
      const member = await person(role, a);
      const { cookie } = await logIn(a.slug, member.email);
      const page = await request(server.url(a.slug, "/beheer"), { headers: { Cookie: cookie! } });
      expect(page.status).toBe(403);
      expect(page.body).toContain("Hier mag je niet komen");
    }
  });

  it("refuses a forged POST whose Origin is another neighbourhood, or missing", async () => {
    const coordinator = await person("coordinator", a);
    const { cookie } = await logIn(a.slug, coordinator.email);
    for (const forged of [origin(b.slug), "http://evil.example", undefined]) {
      const res = await request(server.url(a.slug, "/uitloggen"), {
        method: "POST",
        headers: { Cookie: cookie!, ...(forged ? { Origin: forged } : {}) },
      });
      expect(res.status).toBe(403);
      expect(res.body).toContain("Dit formulier kwam niet van deze website.");
    }
    // The session survived the forged logouts.
    expect((await request(server.url(a.slug, "/beheer"), { headers: { Cookie: cookie! } })).status).toBe(200);
  });

  it("lets a person see and end their own sessions, not someone else's", async () => {
    const me = await person("resident", a);
    const other = await person("resident", a);
    const mine = await logIn(a.slug, me.email);
    const phone = await logIn(a.slug, me.email);
    const theirs = await logIn(a.slug, other.email);
    const page = await request(server.url(a.slug, "/account"), { headers: { Cookie: mine.cookie! } });
    expect(page.status).toBe(200);
    const ids = [...page.body.matchAll(/name="sessionId" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(1);

    const theirSession = await platformDb(database).selectFrom("sessions").select("id").where("account_id", "=", other.id).executeTakeFirstOrThrow();
    const post = (sessionId: string) =>
      request(server.url(a.slug, "/account"), {
        method: "POST",
        headers: { Cookie: mine.cookie!, Origin: origin(a.slug), "Content-Type": "application/x-www-form-urlencoded" },
        body: `sessionId=${sessionId}`,
      });
    await post(theirSession.id);
    expect((await request(server.url(a.slug, "/account"), { headers: { Cookie: theirs.cookie! } })).status).toBe(200);
    await post(ids[0]!);
    expect((await request(server.url(a.slug, "/account"), { headers: { Cookie: phone.cookie! } })).status).toBe(303);
    expect((await request(server.url(a.slug, "/account"), { headers: { Cookie: mine.cookie! } })).status).toBe(200);
  });

  it("lets only platform admins into the platform's admin login", async () => {
    const coordinator = await person("coordinator", a);
    const attempt = await logIn(null, coordinator.email);
    expect(attempt.cookie).toBeUndefined();
    expect(attempt.res.body).toContain("Dit e-mailadres en wachtwoord horen niet bij elkaar");
    const admin = await createAccount(platformDb(database), { email: `${uniqueSlug("admin")}@example.org`, password, isPlatformAdmin: true });
    const ok = await logIn(null, admin.email);
    expect(ok.res.status).toBe(303);
    expect(ok.res.headers.location).toBe("/admin");
    // A platform session is not a session on a neighbourhood's host.
    expect((await request(server.url(a.slug, "/account"), { headers: { Cookie: ok.cookie! } })).status).toBe(303);
  });
});
