import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { Role, TenantRow } from "~/db/tables";
import { createAccount } from "~/modules/accounts/accounts.server";
import { addMember } from "~/modules/members/members.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { postForm, request, startTestServer, type TestResponse, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let wijk: TenantRow;
let other: TenantRow;
let coordinator: string;
const password = "onze lijst met gereedschap";
const IMPORT = "/beheer/gereedschap/import";

const post = (slug: string, path: string, body: Record<string, string>, cookie = "") => postForm(server.url(slug, path), body, cookie);

/** A successful import redirects (so a reload cannot import twice): follow it, as a browser does. */
async function followed(res: TestResponse, slug: string, cookie: string): Promise<TestResponse> {
  if (res.status !== 303 || !res.headers.location?.startsWith(`${IMPORT}?`)) return res;
  return request(server.url(slug, res.headers.location), { headers: { Cookie: cookie } });
}
const importing = async (body: Record<string, string>) => followed(await post(wijk.slug, IMPORT, body, coordinator), wijk.slug, coordinator);

async function loggedIn(tenant: TenantRow, role: Role) {
  const account = await createAccount(platformDb(database), { email: `${uniqueSlug(role)}@example.org`, password });
  await addMember(tenantDb(database, tenant.id), { accountId: account.id, name: role, role });
  return (await post(tenant.slug, "/inloggen", { email: account.email, password })).headers["set-cookie"]![0]!.split(";")[0]!;
}

const tools = (tenant: TenantRow) => tenantDb(database, tenant.id).selectFrom("tools").selectAll().orderBy("number").execute();
const count = async (tenant: TenantRow) => (await tools(tenant)).length;
const tool = (tenant: TenantRow, name: string) => tenantDb(database, tenant.id).selectFrom("tools").selectAll().where("name", "=", name).executeTakeFirstOrThrow();

/** React writes quotes and apostrophes in text as entities. */
const decodeEntities = (html: string) => html.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("lijst"), name: "Lijstwijk" }, seedNeighbourhood({ city: "Lijststad" }));
  other = await createTenant(database, { slug: uniqueSlug("buren"), name: "Burenwijk" }, seedNeighbourhood({ city: "Burenstad" }));
  coordinator = await loggedIn(wijk, "coordinator");
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("a coordinator imports a tool list", () => {
  it("from Dutch Excel: semicolons, Dutch headers, BOM, CRLF and empty rows", async () => {
    const csv =
      "\uFEFFNaam;Soort;Omschrijving;Staat;Plek;Borg;Leenprijs;Max dagen;Veiligheid;Uitleg\r\n" +
      "Klopboormachine;Boren;Boort ook in beton;redelijk;kast 3;€ 25,00;2,50;;Draag een veiligheidsbril;ja\r\n" +
      "\r\n" +
      ";;;;;;;;;\r\n" +
      "Heggenschaar;Tuin;;Goed;;;;14;;nee\r\n" +
      "Schuurmachine;Hout;;;;10;;3;;\r\n";
    const res = await importing({ text: csv });
    expect(res.status).toBe(200);
    expect(res.body).toContain("3 stuks gereedschap ingelezen.");
    expect(res.body).toContain('href="/beheer/gereedschap"');

    const drill = await tool(wijk, "Klopboormachine");
    expect(drill).toMatchObject({
      category: "Boren",
      description: "Boort ook in beton",
      condition: "fair",
      location: "kast 3",
      deposit_cents: 2500,
      fee_cents: 250,
      max_loan_days: 7,
      safety_notes: "Draag een veiligheidsbril",
      needs_instruction: true,
      status: "available",
    });
    expect(await tool(wijk, "Heggenschaar")).toMatchObject({ condition: "good", max_loan_days: 14, needs_instruction: false, deposit_cents: null, fee_cents: null });
    expect(await tool(wijk, "Schuurmachine")).toMatchObject({ condition: "good", deposit_cents: 1000, max_loan_days: 3 });

    const catalog = await request(server.url(wijk.slug, "/gereedschap"));
    expect(catalog.body).toContain("Klopboormachine");
    expect(catalog.body).toContain("Heggenschaar");
    expect((await request(server.url(other.slug, "/gereedschap"))).body).not.toContain("Klopboormachine");
    expect(await count(other)).toBe(0);
  });

  it("from English headers with commas, quoted commas and a cell over two lines", async () => {
    const csv =
      "name,category,description,condition,location,deposit,fee,max_loan_days,safety,needs_instruction\n" +
      '"Ladder, 3 m",Climbing,"Tall\nand strong",poor,shed,10.00,0.50,3,,yes\n' +
      "Wheelbarrow,Garden,,fair,,,,,,FALSE\n";
    const res = await importing({ text: csv });
    expect(res.body).toContain("2 stuks gereedschap ingelezen.");
    expect(await tool(wijk, "Ladder, 3 m")).toMatchObject({ category: "Climbing", description: "Tall\nand strong", condition: "poor", deposit_cents: 1000, fee_cents: 50, max_loan_days: 3, needs_instruction: true });
    expect(await tool(wijk, "Wheelbarrow")).toMatchObject({ condition: "fair", needs_instruction: false });
    expect((await request(server.url(wijk.slug, "/gereedschap"))).body).toContain("Wheelbarrow");
  });

  it("from tab-separated text", async () => {
    const res = await importing({ text: "naam\tcategorie\tprijs\nNietpistool\tKlussen\t1,00\n" });
    expect(res.body).toContain("1 stuk gereedschap ingelezen.");
    expect(await tool(wijk, "Nietpistool")).toMatchObject({ category: "Klussen", fee_cents: 100 });
  });

  it("of 5000 tools at once", async () => {
    const before = await count(wijk);
    const lines = Array.from({ length: 5000 }, (_, i) => `Schroevendraaier ${i + 1};Handgereedschap;;;${(i % 90) + 1}`);
    const res = await importing({ text: ["naam;soort;borg;leenprijs;dagen", ...lines].join("\r\n") });
    expect(res.body).toContain("5000 stuks gereedschap ingelezen.");
    expect(await count(wijk)).toBe(before + 5000);
    expect(await tool(wijk, "Schroevendraaier 5000")).toMatchObject({ max_loan_days: 50 });
  });
});

describe("a list with mistakes", () => {
  it("imports nothing, names each wrong line and column in Dutch, and keeps the text", async () => {
    const before = await count(wijk);
    const csv =
      "naam;soort;Borg;dagen;uitleg\n" + // line 1
      "Hamer;Handgereedschap;;;nee\n" + // line 2: right
      "Zaag;Hout;twee euro;;\n" + // line 3: money
      ";Tuin;;;\n" + // line 4: no name
      '"Boor met\nlange naam";Boren;;500;ja\n' + // lines 5-6: too many days
      "Tang;;5;0;\n" + // line 7: no kind, and zero days
      "Nijptang;Handgereedschap;;;misschien\n"; // line 8: neither yes nor no
    // A browser sends a textarea's lines with CRLF.
    const res = await importing({ text: csv.replace(/\n/g, "\r\n") });
    expect(res.status).toBe(200);
    const body = decodeEntities(res.body).replace(/\r\n/g, "\n");
    expect(body).toContain("Er is niets ingelezen, want een paar regels kloppen niet.");
    expect(body).toContain("Regel 3, Borg: Vul een bedrag in euro in, zoals 2,50. Of laat het leeg.");
    expect(body).toContain("Regel 4, naam: Vul de naam van het gereedschap in.");
    expect(body).toContain("Regel 8, uitleg: Vul ja of nee in.");
    expect(body).toContain("Regel 5, dagen: Vul een aantal dagen in van 1 tot 90.");
    expect(body).toContain("Regel 7, soort: Vul de soort in, bijvoorbeeld Boren of Tuin.");
    expect(body).toContain("Regel 7, dagen: Vul een aantal dagen in van 1 tot 90.");
    expect(body).not.toContain("Regel 2,");
    // What the coordinator gave is back in the textarea, to correct.
    expect(body).toMatch(/<textarea[^>]*name="text"[^>]*>[\s\S]*Zaag;Hout;twee euro;[\s\S]*<\/textarea>/);
    expect(body).toContain('"Boor met\nlange naam";Boren;;500');
    expect(await count(wijk)).toBe(before);
    expect((await tenantDb(database, wijk.id).selectFrom("tools").select("id").where("name", "=", "Hamer").execute()).length).toBe(0);
  });

  it("needs the name and kind columns, a list, and a readable one of at most 5000 lines", async () => {
    const before = await count(wijk);
    const noKind = await importing({ text: "naam;borg\nHamer;2\n" });
    expect(noKind.body).toContain("De eerste regel moet de kolommen noemen, met ten minste naam en soort.");
    expect(decodeEntities(noKind.body)).toContain("Hamer;2");
    const headless = await importing({ text: "Hamer;Handgereedschap\nZaag;Hout\n" });
    expect(headless.body).toContain("De eerste regel moet de kolommen noemen");
    const empty = await importing({ text: "  \r\n" });
    expect(empty.body).toContain("Kies een bestand of plak een lijst.");
    const unclosed = await importing({ text: 'naam;soort\n"Hamer;Handgereedschap\n' });
    expect(unclosed.body).toContain("Dit bestand kunnen we niet lezen als CSV.");
    const long = await importing({ text: "naam;soort\n" + "Hamer;Handgereedschap\n".repeat(5001) });
    expect(long.body).toContain("Deze lijst is te groot.");
    expect(await count(wijk)).toBe(before);
  });
});

describe("who may import", () => {
  const csv = "naam;soort\nGekaapte boor;Boren\n";

  it("not a resident or a volunteer, and not someone logged out", async () => {
    for (const role of ["resident", "volunteer"] as const) {
      const cookie = await loggedIn(wijk, role);
      expect((await request(server.url(wijk.slug, IMPORT), { headers: { Cookie: cookie } })).status).toBe(403);
      expect((await post(wijk.slug, IMPORT, { text: csv }, cookie)).status).toBe(403);
    }
    const anonymous = await post(wijk.slug, IMPORT, { text: csv });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toContain("/inloggen");
    expect((await tools(wijk)).map((t) => t.name)).not.toContain("Gekaapte boor");
  });

  it("not a coordinator of another neighbourhood, on this neighbourhood's host", async () => {
    const [beforeHere, beforeThere] = [await count(wijk), await count(other)];
    const otherCoordinator = await loggedIn(other, "coordinator");
    const crossing = await post(wijk.slug, IMPORT, { text: csv }, otherCoordinator);
    expect(crossing.status).toBe(303);
    expect(crossing.headers.location).toContain("/inloggen");
    expect(await count(wijk)).toBe(beforeHere);
    expect(await count(other)).toBe(beforeThere);
  });

  it("shows the page to a coordinator", async () => {
    const page = await request(server.url(wijk.slug, IMPORT), { headers: { Cookie: coordinator } });
    expect(page.status).toBe(200);
    expect(page.body).toContain("Gereedschapslijst inlezen");
    expect(page.body).toMatch(/enctype="multipart\/form-data"/i);
    expect(page.body).toMatch(/<input[^>]*type="file"[^>]*name="file"|<input[^>]*name="file"[^>]*type="file"/);
  });
});

/** The form as a browser without JavaScript sends it: multipart, with the file and the textarea. */
async function upload(slug: string, cookie: string, file: { bytes: Uint8Array; name: string } | null, text = "") {
  const form = new FormData();
  form.append("file", new Blob([file ? new Uint8Array(file.bytes) : new Uint8Array()], { type: file ? "text/csv" : "application/octet-stream" }), file?.name ?? "");
  form.append("text", text);
  const encoded = new Request("http://localhost/", { method: "POST", body: form });
  const res = await request(server.url(slug, IMPORT), {
    method: "POST",
    headers: { Cookie: cookie, Origin: server.url(slug).slice(0, -1), "Content-Type": encoded.headers.get("Content-Type")! },
    body: Buffer.from(await encoded.arrayBuffer()),
  });
  return followed(res, slug, cookie);
}

describe("a file upload", () => {
  it("reads a UTF-8 file", async () => {
    const bytes = new TextEncoder().encode("\uFEFFnaam;soort;borg\nDecoupeerzaag;Hout;5\nBoormachine Ø 10;Boren;\n");
    const res = await upload(wijk.slug, coordinator, { bytes, name: "lijst.csv" });
    expect(res.body).toContain("2 stuks gereedschap ingelezen.");
    expect(await tool(wijk, "Decoupeerzaag")).toMatchObject({ category: "Hout", deposit_cents: 500 });
    expect(await tool(wijk, "Boormachine Ø 10")).toMatchObject({ category: "Boren" });
  });

  it("reads a Windows-1252 file as Excel on Windows saves it", async () => {
    const bytes = Buffer.from("Naam;Soort;Omschrijving\r\nFöhn;Elektrisch;Voor verf én lijm\r\n", "latin1");
    const res = await upload(wijk.slug, coordinator, { bytes, name: "lijst.csv" });
    expect(res.body).toContain("1 stuk gereedschap ingelezen.");
    expect(await tool(wijk, "Föhn")).toMatchObject({ category: "Elektrisch", description: "Voor verf én lijm" });
  });

  it("takes the pasted text when no file is chosen", async () => {
    const res = await upload(wijk.slug, coordinator, null, "naam;soort\r\nSneeuwschuiver;Tuin\r\n");
    expect(res.body).toContain("1 stuk gereedschap ingelezen.");
    expect(await tool(wijk, "Sneeuwschuiver")).toMatchObject({ category: "Tuin" });
  });

  it("puts a wrong file's text in the textarea, and refuses nothing and too much", async () => {
    const before = await count(wijk);
    const bytes = new TextEncoder().encode("naam;soort;dagen\nKruiwagen;Tuin;honderd\n");
    const wrong = await upload(wijk.slug, coordinator, { bytes, name: "lijst.csv" });
    expect(wrong.body).toContain("Regel 2, dagen: Vul een aantal dagen in van 1 tot 90.");
    expect(wrong.body).toMatch(/<textarea[^>]*>[\s\S]*Kruiwagen;Tuin;honderd[\s\S]*<\/textarea>/);
    const none = await upload(wijk.slug, coordinator, null);
    expect(none.body).toContain("Kies een bestand of plak een lijst.");
    // The rest of a refused file is still read to its end, so the next request on the same
    // kept-alive connection (the next upload below) does not stall.
    const tooBig = new TextEncoder().encode("naam;soort\n" + "Hamer;Handgereedschap\n".repeat(110_000));
    const big = await upload(wijk.slug, coordinator, { bytes: tooBig, name: "groot.csv" });
    expect(big.body).toContain("Deze lijst is te groot.");
    const spreadsheet = await upload(wijk.slug, coordinator, { bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x08, 0]), name: "lijst.xlsx" });
    expect(spreadsheet.body).toContain("Dit bestand kunnen we niet lezen als CSV.");
    expect(await count(wijk)).toBe(before);
  });

  it("cannot be done by a resident or another neighbourhood's coordinator", async () => {
    const bytes = new TextEncoder().encode("naam;soort\nGekaapte zaag;Hout\n");
    const resident = await loggedIn(wijk, "resident");
    expect((await upload(wijk.slug, resident, { bytes, name: "lijst.csv" })).status).toBe(403);
    const otherCoordinator = await loggedIn(other, "coordinator");
    const before = await count(other);
    expect((await upload(wijk.slug, otherCoordinator, { bytes, name: "lijst.csv" })).status).toBe(303);
    expect((await tools(wijk)).map((t) => t.name)).not.toContain("Gekaapte zaag");
    expect(await count(other)).toBe(before);
  });
});
