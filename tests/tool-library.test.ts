import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { Role, TenantRow } from "~/db/tables";
import { addDays, localToday } from "~/dates";
import { createAccount } from "~/modules/accounts/accounts.server";
import { addMember } from "~/modules/members/members.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { createTool, toolFormSchema } from "~/modules/tool-library/tools.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { aMember, aPng, aReservation, aTool } from "./support/factories";
import { signedInAs } from "./support/people";
import { postFile, postForm, request, startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let wijk: TenantRow;
let other: TenantRow;
const people: Record<string, { cookie: string }> = {};
const password = "gereedschap voor de hele buurt";
const today = localToday();

const post = (slug: string, path: string, body: Record<string, string>, cookie = "") => postForm(server.url(slug, path), body, cookie);
const get = (slug: string, path: string, cookie = "") => request(server.url(slug, path), { headers: { Cookie: cookie } });
const cookie = (who: string) => people[who]!.cookie;

async function signIn(tenant: TenantRow, role: Role, key: string) {
  const account = await createAccount(platformDb(database), { email: `${uniqueSlug(key)}@example.org`, password });
  await addMember(tenantDb(database, tenant.id), { accountId: account.id, name: `${key} naam`, role });
  const res = await post(tenant.slug, "/inloggen", { email: account.email, password });
  people[key] = { cookie: res.headers["set-cookie"]![0]!.split(";")[0]! };
}

/** The catalog's drill, for tests that only look at it. */
let drill: string;
/** A drill of the test's own, like the catalog's, for a test that reserves it, adds to it or tries to change it. */
const aDrill = () => aTool(tenantDb(database, wijk.id), { name: "Accuboormachine", description: "Met twee accu's en een set boren." });
/** A resident of the test's own, signed in, for a test that looks at that person's loans. */
const aResident = () => signedInAs(database, server, wijk, "resident");

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("gereedschap"), name: "Gereedschapwijk" }, seedNeighbourhood({ city: "Boorstad" }));
  other = await createTenant(database, { slug: uniqueSlug("buren"), name: "Burenwijk" }, seedNeighbourhood({ city: "Burenstad" }));
  await signIn(wijk, "coordinator", "coordinator");
  await signIn(wijk, "volunteer", "volunteer");
  await signIn(wijk, "resident", "resident");
  await signIn(other, "coordinator", "otherCoordinator");
  const db = tenantDb(database, wijk.id);
  const make = (fields: Record<string, string>) => createTool(db, toolFormSchema.parse({ condition: "good", maxLoanDays: "7", ...fields }));
  drill = await make({ name: "Accuboormachine", category: "Boren", description: "Met twee accu's en een set boren." });
  await make({ name: "Boormachine met klopfunctie", category: "Boren" });
  await make({ name: "Ladder", category: "Ladders", description: "Drie meter, voor binnen en buiten." });
  await make({ name: "Heggenschaar", category: "Tuin", description: "Om heggen en struiken te knippen." });
  const retired = await make({ name: "Oude boor", category: "Boren" });
  await db.updateTable("tools").set({ status: "retired" }).where("id", "=", retired).execute();
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("the public catalog", () => {
  it("finds tools by the start or middle of a word, by Dutch word forms, and not retired ones", async () => {
    const boor = await get(wijk.slug, "/gereedschap?q=boor");
    expect(boor.status).toBe(200);
    expect(boor.body).toContain("Accuboormachine");
    expect(boor.body).toContain("Boormachine met klopfunctie");
    expect(boor.body).not.toContain("Oude boor");
    expect(boor.body).not.toContain("Heggenschaar");
    const plural = await get(wijk.slug, "/gereedschap?q=ladders");
    expect(plural.body).toContain("Ladder");
    const description = await get(wijk.slug, "/gereedschap?q=struik");
    expect(description.body).toContain("Heggenschaar");
    const nothing = await get(wijk.slug, "/gereedschap?q=cementmolen");
    expect(nothing.body).toContain("We vonden niets.");
  });

  it("filters by kind and shows whether a tool is free", async () => {
    const tuin = await get(wijk.slug, "/gereedschap?category=Tuin");
    expect(tuin.body).toContain("Heggenschaar");
    expect(tuin.body).not.toContain(">Ladder</a>");
    expect(tuin.body).toContain("Nu vrij");
  });

  it("survives nonsense in the query string", async () => {
    const res = await get(wijk.slug, `/gereedschap?q=${encodeURIComponent("'); drop table tools; -- & | ! :*")}&page=-4&category=${"x".repeat(500)}`);
    expect(res.status).toBe(200);
    // Postgres refuses a NUL character in text; it must not turn into a server error.
    expect((await get(wijk.slug, "/gereedschap?q=boor%00&category=%00")).status).toBe(200);
  });

  it("shows another neighbourhood nothing of this one's tools", async () => {
    const res = await get(other.slug, "/gereedschap?q=boor");
    expect(res.body).not.toContain("Accuboormachine");
    expect((await get(other.slug, `/gereedschap/${drill}`)).status).toBe(404);
  });

  it("answers 404, not an error, for a tool id that is not an id", async () => {
    expect((await get(wijk.slug, "/gereedschap/niet-een-id")).status).toBe(404);
    expect((await get(wijk.slug, "/balie/lening/123", cookie("coordinator"))).status).toBe(404);
  });
});

describe("reserving on the tool page", () => {
  it("asks visitors to log in first", async () => {
    const drill = await aDrill();
    const page = await get(wijk.slug, `/gereedschap/${drill}`);
    expect(page.body).toContain("Log in om te reserveren");
    const res = await post(wijk.slug, `/gereedschap/${drill}`, { start: today, end: today });
    expect(res.status).toBe(303);
    expect(res.headers.location).toContain("/inloggen");
  });

  it("explains wrong dates next to the field in Dutch and keeps what was typed", async () => {
    const drill = await aDrill();
    const cases: [Record<string, string>, string][] = [
      [{ start: addDays(today, -3), end: today }, "Deze dag is al voorbij."],
      [{ start: addDays(today, 4), end: addDays(today, 2) }, "De dag van terugbrengen moet op of na de dag van ophalen zijn."],
      [{ start: today, end: addDays(today, 700) }, "Zo lang mag je dit niet lenen."],
      [{ start: "2026-02-30", end: today }, "Vul een datum in, zoals 2026-12-03."],
      [{ start: "morgen", end: "overmorgen" }, "Vul een datum in"],
      // Postgres has no year 0: it must be refused before it gets there.
      [{ start: "0000-01-01", end: today }, "Vul een datum in"],
      [{ start: addDays(today, 800), end: addDays(today, 801) }, "Zo ver vooruit kun je niet reserveren."],
    ];
    for (const [form, message] of cases) {
      const res = await post(wijk.slug, `/gereedschap/${drill}`, form, cookie("resident"));
      expect(res.status, JSON.stringify(form)).toBe(200);
      expect(res.body).toContain(message);
      expect(res.body).toContain(`value="${form.start}"`);
    }
  });

  it("reserves, shows it under my loans, and tells the next person it is taken", async () => {
    const [drill, resident] = [await aDrill(), await aResident()];
    const start = addDays(today, 10);
    const ok = await post(wijk.slug, `/gereedschap/${drill}`, { start, end: addDays(start, 2) }, resident.cookie);
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe("/account/leningen?gereserveerd=1");
    const mine = await get(wijk.slug, "/account/leningen?gereserveerd=1", resident.cookie);
    expect(mine.body).toContain("Gelukt! Je hebt het gereserveerd.");
    expect(mine.body).toContain("Accuboormachine");
    const taken = await post(wijk.slug, `/gereedschap/${drill}`, { start: addDays(start, 1), end: addDays(start, 3) }, cookie("volunteer"));
    expect(taken.body).toContain("Iemand anders heeft het op (een deel van) die dagen al gereserveerd.");
    const page = await get(wijk.slug, `/gereedschap/${drill}`);
    expect(page.body).toContain("Bezet van");
  });

  it("lets a resident cancel their own reservation but not someone else's", async () => {
    const db = tenantDb(database, wijk.id);
    const [drill, volunteer] = [await aDrill(), await signedInAs(database, server, wijk, "volunteer")];
    const theirs = await aReservation(db, { toolId: drill, memberId: volunteer.member.id, start: addDays(today, 30) });
    const attempt = await post(wijk.slug, "/account/leningen", { loanId: theirs }, cookie("resident"));
    expect(attempt.body).toContain("al opgehaald of geannuleerd");
    expect((await db.selectFrom("loans").select("status").where("id", "=", theirs).executeTakeFirstOrThrow()).status).toBe("reserved");
    const own = await post(wijk.slug, "/account/leningen", { loanId: theirs }, volunteer.cookie);
    expect(own.body).toContain("Je reservering is geannuleerd.");
  });
});

describe("roles", () => {
  it("keeps the desk for coordinators and volunteers, and tool management for coordinators", async () => {
    expect((await get(wijk.slug, "/balie", cookie("resident"))).status).toBe(403);
    expect((await get(wijk.slug, "/balie", cookie("volunteer"))).status).toBe(200);
    expect((await get(wijk.slug, "/balie/uitlenen", cookie("resident"))).status).toBe(403);
    for (const path of ["/beheer/gereedschap", "/beheer/gereedschap/nieuw", `/beheer/gereedschap/${drill}`, "/beheer/uitleenregels", "/beheer/gereedschap/cijfers"]) {
      expect((await get(wijk.slug, path, cookie("volunteer"))).status, path).toBe(403);
      expect((await get(wijk.slug, path, cookie("coordinator"))).status, path).toBe(200);
    }
    const sneaky = await post(wijk.slug, "/beheer/gereedschap/nieuw", { name: "Van een bewoner", category: "X", condition: "good", maxLoanDays: "7" }, cookie("resident"));
    expect(sneaky.status).toBe(403);
    expect((await get(wijk.slug, "/balie")).status).toBe(303);
  });
});

describe("the coordinator's catalog", () => {
  it("adds a tool, with clear messages for wrong amounts and days, keeping what was typed", async () => {
    const wrong = await post(wijk.slug, "/beheer/gereedschap/nieuw", { name: "", category: "Zagen", condition: "good", fee: "twee euro", deposit: "-5", maxLoanDays: "500" }, cookie("coordinator"));
    expect(wrong.status).toBe(200);
    expect(wrong.body).toContain("Vul de naam van het gereedschap in.");
    expect(wrong.body).toContain("Vul een bedrag in euro in, zoals 2,50.");
    expect(wrong.body).toContain("Vul een aantal dagen in van 1 tot 90.");
    expect(wrong.body).toContain('value="twee euro"');
    const withNul = await post(wijk.slug, "/beheer/gereedschap/nieuw", { name: "Figuur\u0000zaag", category: "Zagen", condition: "good", maxLoanDays: "5" }, cookie("coordinator"));
    expect(withNul.status).toBe(303);
    expect(await tenantDb(database, wijk.id).selectFrom("tools").select("id").where("name", "=", "Figuurzaag").execute()).toHaveLength(1);
    const made = await post(wijk.slug, "/beheer/gereedschap/nieuw", { name: "Decoupeerzaag", category: "Zagen", condition: "fair", fee: "1,50", deposit: "10", maxLoanDays: "5", needsInstruction: "ja" }, cookie("coordinator"));
    expect(made.status).toBe(303);
    const tool = await tenantDb(database, wijk.id).selectFrom("tools").selectAll().where("name", "=", "Decoupeerzaag").executeTakeFirstOrThrow();
    expect(tool).toMatchObject({ fee_cents: 150, deposit_cents: 1000, max_loan_days: 5, needs_instruction: true, condition: "fair" });
    const page = await get(wijk.slug, `/gereedschap/${tool.id}`);
    expect(page.body).toContain("Je krijgt eerst uitleg aan de balie");
  });

  it("adds photos that only this neighbourhood serves, and refuses what is not an image", async () => {
    const drill = await aDrill();
    const added = await postFile(server.url(wijk.slug, `/beheer/gereedschap/${drill}`), "photo", { bytes: aPng, name: "boor.png", type: "image/png" }, cookie("coordinator"));
    expect(added.status).toBe(303);
    const afterUpload = await get(wijk.slug, added.headers.location!, cookie("coordinator"));
    expect(afterUpload.body).toContain("De foto is toegevoegd.");
    const { id } = await tenantDb(database, wijk.id).selectFrom("tool_photos").select("id").where("tool_id", "=", drill).executeTakeFirstOrThrow();
    const served = await get(wijk.slug, `/gereedschap/${drill}/foto/${id}`);
    expect(served.status).toBe(200);
    expect(served.headers["content-type"]).toBe("image/png");
    expect((await get(other.slug, `/gereedschap/${drill}/foto/${id}`)).status).toBe(404);
    const text = await postFile(server.url(wijk.slug, `/beheer/gereedschap/${drill}`), "photo", { bytes: Buffer.from("geen plaatje"), name: "boor.png", type: "image/png" }, cookie("coordinator"));
    expect(text.body).toContain("Dit is geen PNG-, JPG- of WebP-afbeelding.");
  });

  it("sends a tool for repair, which takes it out of lending and into its log", async () => {
    const db = tenantDb(database, wijk.id);
    const saw = await createTool(db, toolFormSchema.parse({ name: "Cirkelzaag", category: "Zagen", condition: "good", maxLoanDays: "3" }));
    await post(wijk.slug, `/beheer/gereedschap/${saw}`, { intent: "status", status: "in_repair", explanation: "Blad bot" }, cookie("coordinator"));
    const page = await get(wijk.slug, `/gereedschap/${saw}`);
    expect(page.body).toContain("Dit gereedschap kun je nu niet reserveren.");
    const edit = await get(wijk.slug, `/beheer/gereedschap/${saw}`, cookie("coordinator"));
    expect(edit.body).toContain("Blad bot");
    expect(edit.body).toContain("Naar reparatie");
  });

  it("cannot be changed from another neighbourhood, not even with a real tool id", async () => {
    const drill = await aDrill();
    const res = await post(other.slug, `/beheer/gereedschap/${drill}`, { intent: "tool", name: "Gekaapt", category: "X", condition: "good", maxLoanDays: "7" }, cookie("otherCoordinator"));
    expect(res.status).toBe(404);
    const session = await post(wijk.slug, `/beheer/gereedschap/${drill}`, { intent: "tool", name: "Gekaapt", category: "X", condition: "good", maxLoanDays: "7" }, cookie("otherCoordinator"));
    expect(session.status).toBe(303);
    const { name } = await tenantDb(database, wijk.id).selectFrom("tools").select("name").where("id", "=", drill).executeTakeFirstOrThrow();
    expect(name).toBe("Accuboormachine");
  });
});

describe("the desk pages", () => {
  it("hand out a reservation, asking for the payment, then take it back", async () => {
    const db = tenantDb(database, wijk.id);
    const sander = await createTool(db, toolFormSchema.parse({ name: "Schuurmachine", category: "Schuren", condition: "good", maxLoanDays: "7", fee: "2" }));
    const loanId = await aReservation(db, { toolId: sander, memberId: (await aMember(db)).id });
    const desk = await get(wijk.slug, "/balie", cookie("volunteer"));
    expect(desk.body).toContain("Schuurmachine");
    const path = `/balie/lening/${loanId}`;
    const noChoice = await post(wijk.slug, path, { intent: "checkOut", conditionOut: "Netjes" }, cookie("volunteer"));
    expect(noChoice.body).toContain("Vink aan of dit contant betaald is of niet betaald.");
    expect(noChoice.body).toContain("Netjes");
    const noReason = await post(wijk.slug, path, { intent: "checkOut", fee: "waived" }, cookie("volunteer"));
    expect(noReason.body).toContain("Schrijf de reden op.");
    const out = await post(wijk.slug, path, { intent: "checkOut", fee: "cash" }, cookie("volunteer"));
    expect(out.body).toContain("Het gereedschap is meegegeven.");
    const back = await post(wijk.slug, path, { intent: "checkIn", conditionIn: "Stoffig" }, cookie("volunteer"));
    expect(back.body).toContain("Het gereedschap is terug.");
    expect((await db.selectFrom("loans").select(["status", "condition_in"]).where("id", "=", loanId).executeTakeFirstOrThrow())).toEqual({ status: "returned", condition_in: "Stoffig" });
  });

  it("lend on the spot to a new person without an account", async () => {
    const db = tenantDb(database, wijk.id);
    const wheelbarrow = await createTool(db, toolFormSchema.parse({ name: "Kruiwagen", category: "Tuin", condition: "good", maxLoanDays: "7" }));
    const { number } = await db.selectFrom("tools").select("number").where("id", "=", wheelbarrow).executeTakeFirstOrThrow();
    const unknown = await post(wijk.slug, "/balie/uitlenen", { toolNumber: "abc", memberId: "", due: addDays(today, 2) }, cookie("volunteer"));
    expect(unknown.body).toContain("Vul het nummer van de sticker in");
    expect(unknown.body).toContain("Kies een persoon.");
    const walkIn = { toolNumber: String(number), memberId: "", newName: "Mevrouw Jansen", newPhone: "0612345678", due: addDays(today, 2) };
    // A refused loan registers nobody: the person is only added together with the loan.
    const tooLong = await post(wijk.slug, "/balie/uitlenen", { ...walkIn, due: addDays(today, 30) }, cookie("volunteer"));
    expect(tooLong.body).toContain("Zo lang mag je dit niet lenen.");
    expect(tooLong.body).toContain('value="Mevrouw Jansen"');
    expect(await db.selectFrom("members").select("id").where("name", "=", "Mevrouw Jansen").execute()).toHaveLength(0);
    const lent = await post(wijk.slug, "/balie/uitlenen", walkIn, cookie("volunteer"));
    expect(lent.status).toBe(303);
    const page = await get(wijk.slug, lent.headers.location!, cookie("volunteer"));
    expect(page.body).toContain("Uitgeleend: Kruiwagen aan Mevrouw Jansen.");
    expect(page.body).not.toContain('value="Mevrouw Jansen"');
    const loan = await db
      .selectFrom("loans")
      .innerJoin("members", "members.id", "loans.member_id")
      .select(["members.name", "members.account_id", "loans.status"])
      .where("loans.tool_id", "=", wheelbarrow)
      .executeTakeFirstOrThrow();
    expect(loan).toEqual({ name: "Mevrouw Jansen", account_id: null, status: "on_loan" });
    const catalog = await get(wijk.slug, "/gereedschap?q=kruiwagen");
    expect(catalog.body).toMatch(/class="availability busy">.*Bezet tot en met/);
    expect(catalog.body).not.toContain("Nu vrij");
  });

  it("cannot open another neighbourhood's loan", async () => {
    const db = tenantDb(database, wijk.id);
    const id = await aReservation(db, { toolId: await aTool(db), memberId: (await aMember(db)).id });
    expect((await get(wijk.slug, `/balie/lening/${id}`, cookie("coordinator"))).status).toBe(200);
    expect((await get(other.slug, `/balie/lening/${id}`, cookie("otherCoordinator"))).status).toBe(404);
    const before = await db.selectFrom("loans").select("status").where("id", "=", id).executeTakeFirstOrThrow();
    for (const intent of ["cancel", "checkIn", "checkOut"]) {
      const res = await post(other.slug, `/balie/lening/${id}`, { intent, fee: "cash", deposit: "cash" }, cookie("otherCoordinator"));
      expect(res.status).toBe(404);
    }
    expect(await db.selectFrom("loans").select("status").where("id", "=", id).executeTakeFirstOrThrow()).toEqual(before);
  });
});

describe("lending rules", () => {
  it("blocks a person from reserving, and sets the maximum", async () => {
    const [drill, resident] = [await aDrill(), await aResident()];
    const rules = await post(wijk.slug, "/beheer/uitleenregels", { intent: "rules", maxOpenLoans: "veel" }, cookie("coordinator"));
    expect(rules.body).toContain("Vul een aantal in van 1 tot 50.");
    await post(wijk.slug, "/beheer/uitleenregels", { intent: "block", memberId: resident.member.id, reason: "Niet teruggebracht" }, cookie("coordinator"));
    const refused = await post(wijk.slug, `/gereedschap/${drill}`, { start: addDays(today, 50), end: addDays(today, 50) }, resident.cookie);
    expect(refused.body).toContain("Lenen kan nu niet. Vraag het aan een coördinator.");
    await post(wijk.slug, "/beheer/uitleenregels", { intent: "unblock", memberId: resident.member.id }, cookie("coordinator"));
    const allowed = await post(wijk.slug, `/gereedschap/${drill}`, { start: addDays(today, 50), end: addDays(today, 50) }, resident.cookie);
    expect(allowed.status).toBe(303);
  });

  it("puts loans in the borrower's data export", async () => {
    const resident = await aResident();
    await aReservation(tenantDb(database, wijk.id), { toolId: await aDrill(), memberId: resident.member.id });
    const res = await get(wijk.slug, "/account/gegevens", resident.cookie);
    const data = JSON.parse(res.body) as { loans: { tool_name: string }[] };
    expect(data.loans.map((loan) => loan.tool_name)).toContain("Accuboormachine");
  });
});
