import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb, type TenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { addDays, localToday } from "~/dates";
import { addMember } from "~/modules/members/members.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { qrSvg, toolLabels } from "~/modules/tool-library/labels.server";
import { reserveTool } from "~/modules/tool-library/loans.server";
import { createTool, toolFormSchema } from "~/modules/tool-library/tools.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { signedInAs, type SignedIn } from "./support/people";
import { postForm, request, startTestServer, type TestServer } from "./support/server";
import { ledgerOf } from "./support/ledger";

let database: Database;
let server: TestServer;
let wijk: TenantRow;
let other: TenantRow;
let db: TenantDb;
const today = localToday();
const people = {} as Record<"coordinator" | "volunteer" | "resident" | "otherCoordinator", SignedIn>;
const ids = {} as Record<"jan" | "janneke" | "piet" | "drill" | "ladder" | "otherDrill" | "otherJan", string>;
const numbers = {} as Record<"drill" | "ladder", number>;

const get = (tenant: TenantRow, path: string, cookie = "") => request(server.url(tenant.slug, path), { headers: { Cookie: cookie } });
const json = <T>(body: string) => JSON.parse(body) as T;
type Found = { results: { id: string; name: string; number?: number }[]; exact: boolean };
const names = (body: string) => json<Found>(body).results.map((row) => row.name);
/** The radio button with this name and value in a page, as HTML ("" when there is none). */
const radio = (body: string, name: string, value: string | number) => body.match(new RegExp(`<input type="radio" name="${name}"[^>]* value="${value}"/>`))?.[0] ?? "";

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("balie"), name: "Baliewijk" }, seedNeighbourhood({ city: "Zoekstad" }));
  other = await createTenant(database, { slug: uniqueSlug("buren"), name: "Burenwijk" }, seedNeighbourhood({ city: "Burenstad" }));
  db = tenantDb(database, wijk.id);
  for (const role of ["coordinator", "volunteer", "resident"] as const) people[role] = await signedInAs(database, server, wijk, role);
  people.otherCoordinator = await signedInAs(database, server, other, "coordinator");
  const person = async (target: TenantDb, name: string, phone: string | null) => (await addMember(target, { accountId: null, name, role: "resident", phone })).id;
  ids.jan = await person(db, "Jan Jansen", "06-12345678");
  ids.janneke = await person(db, "Janneke de Vries", "+31 6 87654321");
  ids.piet = await person(db, "Piet 100% Pietersen", null);
  ids.otherJan = await person(tenantDb(database, other.id), "Jan Buurman", "06 12340000");
  const tool = (target: TenantDb, fields: Record<string, string>) => createTool(target, toolFormSchema.parse({ category: "Boren", condition: "good", maxLoanDays: "7", ...fields }));
  ids.drill = await tool(db, { name: "Accuboormachine", deposit: "10" });
  ids.ladder = await tool(db, { name: "Ladder", category: "Ladders" });
  ids.otherDrill = await tool(tenantDb(database, other.id), { name: "Klopboormachine van de buren" });
  const numberOf = async (id: string) => (await db.selectFrom("tools").select("number").where("id", "=", id).executeTakeFirstOrThrow()).number;
  numbers.drill = await numberOf(ids.drill);
  numbers.ladder = await numberOf(ids.ladder);
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("searching for a person at the desk", () => {
  const search = (query: string, who = people.volunteer, tenant = wijk) => get(tenant, `/balie/zoeken/personen?zoek=${encodeURIComponent(query)}`, who.cookie);

  it("finds people by part of their name, in any order of the words", async () => {
    expect(names((await search("jans")).body)).toEqual(["Jan Jansen"]);
    expect(names((await search("JAN")).body)).toEqual(["Jan Jansen", "Janneke de Vries"]);
    expect(names((await search("vries janneke")).body)).toEqual(["Janneke de Vries"]);
    expect(names((await search("pieter")).body)).toEqual(["Piet 100% Pietersen"]);
  });

  it("finds people by the digits of their phone number, however it was written", async () => {
    expect(names((await search("0612")).body)).toEqual(["Jan Jansen"]);
    expect(names((await search("06 1234 5678")).body)).toEqual(["Jan Jansen"]);
    expect(names((await search("+31 6 12345678")).body)).toEqual(["Jan Jansen"]);
    expect(names((await search("0687654321")).body)).toEqual(["Janneke de Vries"]);
    expect(names((await search("8765")).body)).toEqual(["Janneke de Vries"]);
  });

  it("takes what is typed literally, and survives nonsense", async () => {
    expect(names((await search("100%")).body)).toEqual(["Piet 100% Pietersen"]);
    expect(names((await search("%")).body)).toEqual(["Piet 100% Pietersen"]);
    expect(names((await search("_")).body)).toEqual([]);
    expect(names((await search("")).body)).toEqual([]);
    const odd = await search("'); drop table members; --\u0000");
    expect(odd.status).toBe(200);
    expect(names(odd.body)).toEqual([]);
  });

  it("never finds another neighbourhood's people", async () => {
    expect(names((await search("jan")).body)).not.toContain("Jan Buurman");
    expect(names((await search("0612340000")).body)).toEqual([]);
    expect(names((await search("jan", people.otherCoordinator, other)).body)).toEqual(["Jan Buurman"]);
    // A session of another neighbourhood counts for nothing here.
    const foreign = await search("jan", people.otherCoordinator, wijk);
    expect(foreign.status).toBe(303);
  });

  it("is for the desk only: a resident gets 403, a visitor the login page", async () => {
    expect((await search("jan", people.resident)).status).toBe(403);
    const loggedOut = await get(wijk, "/balie/zoeken/personen?zoek=jan");
    expect(loggedOut.status).toBe(303);
    expect(loggedOut.headers.location).toMatch(/^\/inloggen\?terug=/);
    expect(loggedOut.body).not.toContain("Jansen");
  });
});

describe("searching for a tool at the desk", () => {
  const search = (query: string, who = people.volunteer, tenant = wijk) => get(tenant, `/balie/zoeken/gereedschap?zoek=${encodeURIComponent(query)}`, who.cookie);

  it("finds one tool by its sticker number, and tools by part of the name", async () => {
    const byNumber = json<Found>((await search(String(numbers.ladder))).body);
    expect(byNumber).toMatchObject({ exact: true, results: [{ id: ids.ladder, name: "Ladder", number: numbers.ladder }] });
    expect(json<Found>((await search(`#${numbers.drill}`)).body).results.map((row) => row.id)).toEqual([ids.drill]);
    expect(names((await search("boor")).body)).toEqual(["Accuboormachine"]);
    expect(json<Found>((await search("999999")).body)).toEqual({ results: [], exact: false });
  });

  it("never finds another neighbourhood's tools, and is for the desk only", async () => {
    expect(names((await search("klopboor")).body)).toEqual([]);
    expect(names((await search("boor", people.otherCoordinator, other)).body)).toEqual(["Klopboormachine van de buren"]);
    expect((await search("boor", people.resident)).status).toBe(403);
    expect((await get(wijk, "/balie/zoeken/gereedschap?zoek=boor")).status).toBe(303);
  });

  it("the desk's tool search goes straight to the tool's page for a sticker number", async () => {
    const straight = await get(wijk, `/balie/gereedschap?zoek=${numbers.drill}`, people.volunteer.cookie);
    expect(straight.status).toBe(303);
    expect(straight.headers.location).toBe(`/balie/gereedschap/${ids.drill}`);
    const list = await get(wijk, "/balie/gereedschap?zoek=ladd", people.volunteer.cookie);
    expect(list.body).toContain(`href="/balie/gereedschap/${ids.ladder}"`);
    expect((await get(wijk, "/balie/gereedschap?zoek=ladd", people.resident.cookie)).status).toBe(403);
  });
});

describe("lending on the spot without JavaScript", () => {
  it("keeps what was typed through a search, then lends to the person chosen from it", async () => {
    const due = addDays(today, 3);
    // The search button sends the whole form to the page as a GET.
    const typed = new URLSearchParams({ gereedschap: "accuboor", toolNumber: "", persoon: "jans", newName: "", newPhone: "", due, conditionOut: "Koffer heeft een barst", formToken: crypto.randomUUID() });
    const page = await get(wijk, `/balie/uitlenen?${typed}`, people.volunteer.cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`value="${due}"`);
    expect(page.body).toContain(">Koffer heeft een barst</textarea>");
    expect(page.body).toContain('value="accuboor"');
    expect(page.body).toContain('value="jans"');
    expect(radio(page.body, "memberId", ids.jan)).not.toBe("");
    expect(page.body).toContain("Jan Jansen · 06-12345678 · zonder account");
    expect(page.body).not.toContain("Janneke");
    expect(radio(page.body, "toolNumber", numbers.drill)).not.toContain("checked");
    expect(page.body).toContain(`nr. ${numbers.drill} · Accuboormachine`);

    // Choosing the tool shows what it asks at hand-out; forgetting the deposit keeps everything.
    const chosen = { ...Object.fromEntries(typed), toolNumber: String(numbers.drill), memberId: ids.jan };
    const noDeposit = await postForm(server.url(wijk.slug, `/balie/uitlenen?${typed}`), chosen, people.volunteer.cookie);
    expect(noDeposit.status).toBe(200);
    expect(noDeposit.body).toContain("Vink aan of dit contant betaald is of niet betaald.");
    expect(radio(noDeposit.body, "memberId", ids.jan)).toContain('checked=""');
    expect(radio(noDeposit.body, "toolNumber", numbers.drill)).toContain('checked=""');
    expect(noDeposit.body).toContain(">Koffer heeft een barst</textarea>");

    const lent = await postForm(server.url(wijk.slug, `/balie/uitlenen?${typed}`), { ...chosen, deposit: "cash", formToken: crypto.randomUUID() }, people.volunteer.cookie);
    expect(lent.status).toBe(303);
    const loan = await db.selectFrom("loans").select(["id", "member_id", "status", "condition_out", "deposit_cents"]).where("tool_id", "=", ids.drill).executeTakeFirstOrThrow();
    expect(loan).toMatchObject({ member_id: ids.jan, status: "on_loan", condition_out: "Koffer heeft een barst" });
    expect(await ledgerOf(db, loan.id)).toEqual([{ purpose: "deposit", kind: "payment", method: "cash", amount_cents: loan.deposit_cents, reason: null }]);
  });

  it("takes a sticker number typed in the search box as the tool, without searching first", async () => {
    const lent = await postForm(
      server.url(wijk.slug, "/balie/uitlenen"),
      { gereedschap: `#${numbers.ladder}`, memberId: ids.janneke, due: addDays(today, 1) },
      people.volunteer.cookie,
    );
    expect(lent.status).toBe(303);
    expect(await db.selectFrom("loans").select("member_id").where("tool_id", "=", ids.ladder).where("status", "=", "on_loan").executeTakeFirstOrThrow()).toEqual({ member_id: ids.janneke });
    const nothing = await postForm(server.url(wijk.slug, "/balie/uitlenen"), { gereedschap: "", persoon: "", due: addDays(today, 1) }, people.volunteer.cookie);
    expect(nothing.body).toContain("Kies het gereedschap: typ het nummer op de sticker of zoek op de naam.");
    expect(nothing.body).toContain("Kies een persoon.");
  });

  it("never offers another neighbourhood's people or tools, and refuses them when sent anyway", async () => {
    const page = await get(wijk, "/balie/uitlenen?persoon=buurman&gereedschap=klopboor", people.volunteer.cookie);
    expect(page.body).not.toContain("Buurman");
    expect(page.body).not.toContain("buren</");
    const foreign = await postForm(server.url(wijk.slug, "/balie/uitlenen"), { toolNumber: "1", memberId: ids.otherJan, due: addDays(today, 1) }, people.volunteer.cookie);
    expect(foreign.body).toContain("Deze persoon kennen we niet.");
  });
});

describe("a tool's desk page (what its QR code opens)", () => {
  it("shows the desk whether the tool is here, who has it, what is reserved, and what to do", async () => {
    const hedge = await createTool(db, toolFormSchema.parse({ name: "Heggenschaar", category: "Tuin", condition: "good", maxLoanDays: "7" }));
    const { number } = await db.selectFrom("tools").select("number").where("id", "=", hedge).executeTakeFirstOrThrow();
    const here = await get(wijk, `/balie/gereedschap/${hedge}`, people.volunteer.cookie);
    expect(here.status).toBe(200);
    expect(here.body).toContain("Het is nu hier.");
    expect(here.body).toContain(`href="/balie/uitlenen?toolNumber=${number}"`);
    const reserved = await reserveTool(db, { toolId: hedge, memberId: ids.piet, actor: ids.piet, start: addDays(today, 5), end: addDays(today, 6), today });
    if (!reserved.ok) throw new Error(reserved.error);
    expect((await get(wijk, `/balie/gereedschap/${hedge}`, people.volunteer.cookie)).body).toContain("Piet 100% Pietersen");

    // The tool's link to lend on the spot comes with the tool chosen and its questions asked.
    const walkIn = await get(wijk, `/balie/uitlenen?toolNumber=${numbers.drill}`, people.volunteer.cookie);
    expect(radio(walkIn.body, "toolNumber", numbers.drill)).toContain('checked=""');
    expect(walkIn.body).toMatch(/<legend>Borg \(€\s10,00\)<\/legend>/);

    const out = await get(wijk, `/balie/gereedschap/${ids.drill}`, people.coordinator.cookie);
    const loan = await db.selectFrom("loans").select("id").where("tool_id", "=", ids.drill).where("status", "=", "on_loan").executeTakeFirstOrThrow();
    expect(out.body).toContain("Nu uitgeleend aan Jan Jansen. Terug op");
    expect(out.body).toContain("06-12345678");
    expect(out.body).toContain(`href="/balie/lening/${loan.id}#terugnemen"`);
  });

  it("sends a visitor to the login page and back, and shows a resident the way to the public page", async () => {
    const loggedOut = await get(wijk, `/balie/gereedschap/${ids.drill}`);
    expect(loggedOut.status).toBe(303);
    expect(loggedOut.headers.location).toBe(`/inloggen?terug=${encodeURIComponent(`/balie/gereedschap/${ids.drill}`)}`);
    const resident = await get(wijk, `/balie/gereedschap/${ids.drill}`, people.resident.cookie);
    expect(resident.status).toBe(403);
    expect(resident.body).toContain(`href="/gereedschap/${ids.drill}"`);
    expect(resident.body).not.toContain("Jan Jansen");
  });

  it("is not there for another neighbourhood, nor for a tool that does not exist", async () => {
    expect((await get(other, `/balie/gereedschap/${ids.drill}`, people.otherCoordinator.cookie)).status).toBe(404);
    const missing = await get(wijk, `/balie/gereedschap/${crypto.randomUUID()}`, people.volunteer.cookie);
    expect(missing.status).toBe(404);
    expect(missing.body).toContain("Deze pagina bestaat niet");
    expect((await get(wijk, "/balie/gereedschap/geen-id", people.volunteer.cookie)).status).toBe(404);
    // Errors other than the resident's 403 are the site's own error pages, e.g. an unknown host.
    const unknownHost = await request(server.url("onbekende-wijk", `/balie/gereedschap/${ids.drill}`));
    expect(unknownHost.status).toBe(404);
    expect(unknownHost.body).toContain("Deze wijk kennen we niet");
  });
});

describe("tool labels with a QR code", () => {
  const deskUrl = (toolId: string) => server.url(wijk.slug, `/balie/gereedschap/${toolId}`);

  it("give each tool the address of its desk page on the neighbourhood's own host", async () => {
    const labels = await toolLabels(db, server.url(wijk.slug), {});
    expect(labels.find((label) => label.id === ids.drill)).toEqual({ id: ids.drill, number: numbers.drill, name: "Accuboormachine", url: deskUrl(ids.drill) });
    expect(await toolLabels(db, "https://gereedschap.example.org/", { gereedschap: ids.ladder })).toEqual([
      { id: ids.ladder, number: numbers.ladder, name: "Ladder", url: `https://gereedschap.example.org/balie/gereedschap/${ids.ladder}` },
    ]);
    expect(await toolLabels(db, server.url(wijk.slug), { gereedschap: ids.otherDrill })).toEqual([]);
    expect((await toolLabels(db, server.url(wijk.slug), { van: numbers.ladder, tot: numbers.ladder })).map((label) => label.id)).toEqual([ids.ladder]);
  });

  it("serve the QR code as an SVG image that encodes that address, without inline styles", async () => {
    const res = await get(wijk, `/beheer/gereedschap/${ids.drill}/qr.svg`, people.coordinator.cookie);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("image/svg+xml");
    expect(res.body).toBe(await qrSvg(deskUrl(ids.drill)));
    expect(res.body).not.toBe(await qrSvg(deskUrl(ids.ladder)));
    expect(res.body).toMatch(/^<svg /);
    expect(res.body).not.toMatch(/style/i);
  });

  it("print on a sheet for all tools or for one, linked from the catalog and the tool's page", async () => {
    const all = await get(wijk, "/beheer/gereedschap/labels", people.coordinator.cookie);
    expect(all.status).toBe(200);
    expect(all.body).toContain(`src="/beheer/gereedschap/${ids.drill}/qr.svg"`);
    expect(all.body).toContain(`src="/beheer/gereedschap/${ids.ladder}/qr.svg"`);
    expect(all.body).toContain(`nr. ${numbers.drill}`);
    const one = await get(wijk, `/beheer/gereedschap/labels?gereedschap=${ids.ladder}`, people.coordinator.cookie);
    expect(one.body).toContain(`src="/beheer/gereedschap/${ids.ladder}/qr.svg"`);
    expect(one.body).not.toContain(`src="/beheer/gereedschap/${ids.drill}/qr.svg"`);
    expect((await get(wijk, "/beheer/gereedschap", people.coordinator.cookie)).body).toContain('href="/beheer/gereedschap/labels"');
    expect((await get(wijk, `/beheer/gereedschap/${ids.ladder}`, people.coordinator.cookie)).body).toContain(`href="/beheer/gereedschap/labels?gereedschap=${ids.ladder}"`);
    expect((await get(wijk, "/beheer/gereedschap/labels?van=abc&tot=-1", people.coordinator.cookie)).status).toBe(200);
  });

  it("are 404 for another neighbourhood's tool, and for coordinators only", async () => {
    expect((await get(other, `/beheer/gereedschap/labels?gereedschap=${ids.drill}`, people.otherCoordinator.cookie)).status).toBe(404);
    expect((await get(other, `/beheer/gereedschap/${ids.drill}/qr.svg`, people.otherCoordinator.cookie)).status).toBe(404);
    const theirs = await get(other, "/beheer/gereedschap/labels", people.otherCoordinator.cookie);
    expect(theirs.body).not.toContain(ids.drill);
    expect(theirs.body).toContain(`src="/beheer/gereedschap/${ids.otherDrill}/qr.svg"`);
    for (const path of ["/beheer/gereedschap/labels", `/beheer/gereedschap/${ids.drill}/qr.svg`]) {
      expect((await get(wijk, path, people.volunteer.cookie)).status, path).toBe(403);
      expect((await get(wijk, path, people.resident.cookie)).status, path).toBe(403);
      expect((await get(wijk, path)).status, path).toBe(303);
    }
  });
});

describe("the other person pickers", () => {
  it("block a borrower found by name, without JavaScript", async () => {
    const search = await get(wijk, "/beheer/uitleenregels?intent=block&persoon=pieter&reason=Twee+keer+kwijt", people.coordinator.cookie);
    expect(radio(search.body, "memberId", ids.piet)).not.toBe("");
    expect(search.body).toContain('value="Twee keer kwijt"');
    const blocked = await postForm(server.url(wijk.slug, "/beheer/uitleenregels"), { intent: "block", memberId: ids.piet, reason: "Twee keer kwijt" }, people.coordinator.cookie);
    expect(blocked.body).toContain("De persoon is geblokkeerd voor lenen.");
    const none = await postForm(server.url(wijk.slug, "/beheer/uitleenregels"), { intent: "block", persoon: "jan", reason: "x" }, people.coordinator.cookie);
    expect(none.body).toContain("Kies een persoon.");
    expect(radio(none.body, "memberId", ids.jan)).not.toBe("");
  });

  it("take in a repair for someone found by phone number, and offer home jobs for someone found by name", async () => {
    const repair = await get(wijk, "/balie/reparaties/nieuw?persoon=8765&kind=bicycle&fault=Lekke+band", people.volunteer.cookie);
    expect(radio(repair.body, "memberId", ids.janneke)).not.toBe("");
    expect(repair.body).toContain("Lekke band");
    const job = await get(wijk, "/klussen/nieuw?persoon=jansen&description=Lamp+ophangen", people.coordinator.cookie);
    expect(radio(job.body, "memberId", ids.jan)).not.toBe("");
    expect(job.body).toContain("Lamp ophangen");
    // A resident asking for help gets no picker, and no one else's name however the address is made.
    const own = await get(wijk, "/klussen/nieuw?persoon=jansen", people.resident.cookie);
    expect(own.status).toBe(200);
    expect(own.body).not.toContain("Jan Jansen");
  });
});
