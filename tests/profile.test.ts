import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { createAccount } from "~/modules/accounts/accounts.server";
import { addMember } from "~/modules/members/members.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { postFile, postForm, request, startTestServer, type TestServer } from "./support/server";

let database: Database;
let server: TestServer;
let wijk: TenantRow;
let other: TenantRow;
let coordinator: string;
let resident: string;
const password = "het profiel van onze wijk";

const post = (slug: string, path: string, body: Record<string, string>, cookie = "") => postForm(server.url(slug, path), body, cookie);

async function loggedIn(tenant: TenantRow, role: "coordinator" | "resident") {
  const account = await createAccount(platformDb(database), { email: `${uniqueSlug(role)}@example.org`, password });
  await addMember(tenantDb(database, tenant.id), { accountId: account.id, name: role, role });
  return (await post(tenant.slug, "/inloggen", { email: account.email, password })).headers["set-cookie"]![0]!.split(";")[0]!;
}

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("profiel"), name: "Profielwijk" }, seedNeighbourhood({ city: "Oudplaats" }));
  other = await createTenant(database, { slug: uniqueSlug("buren"), name: "Burenwijk" }, seedNeighbourhood({ city: "Burenstad" }));
  coordinator = await loggedIn(wijk, "coordinator");
  resident = await loggedIn(wijk, "resident");
});
afterAll(async () => {
  await server.close();
  await database.close();
});

const profile = {
  tagline: "Samen repareren",
  description: "Elke dinsdag repareren we fietsen.",
  street: "Dorpsstraat 1",
  postcode: "1234 AB",
  city: "Nieuwplaats",
  phone: "",
  email: "info@example.org",
  website: "https://example.org",
  opens_2: "10:00",
  closes_2: "16:00",
  offer_repairs: "ja",
  offerText_repairs: "Fietsen en lampen",
};

describe("the coordinator edits the public profile", () => {
  it("and the home page shows it, in this neighbourhood only", async () => {
    const res = await post(wijk.slug, "/beheer/profiel", profile, coordinator);
    expect(res.body).toContain("Het profiel is opgeslagen.");
    const home = await request(server.url(wijk.slug));
    expect(home.body).toContain("Elke dinsdag repareren we fietsen.");
    expect(home.body).toContain("dinsdag");
    expect(home.body).toContain("10:00 tot 16:00 uur");
    expect(home.body).toContain("Fietsen en lampen");
    expect(home.body).toContain("1234 AB Nieuwplaats");
    expect(home.body).not.toContain("Oudplaats");
    const neighbours = await request(server.url(other.slug));
    expect(neighbours.body).toContain("Burenstad");
    expect(neighbours.body).not.toContain("Elke dinsdag");
  });

  it("explains wrong times and links next to the field and keeps the rest", async () => {
    const res = await post(wijk.slug, "/beheer/profiel", { ...profile, description: "Nieuwe tekst", opens_3: "14:00", closes_3: "09:00", opens_4: "10:00", website: "javascript:alert(1)" }, coordinator);
    expect(res.body).toContain("De sluitingstijd moet later zijn dan de openingstijd.");
    expect(res.body).toContain("Vul allebei de tijden in, of laat ze allebei leeg.");
    expect(res.body).toContain("Een webadres begint met https://");
    expect(res.body).toContain("Nieuwe tekst");
    expect(res.body).toContain('value="14:00"');
    const home = await request(server.url(wijk.slug));
    expect(home.body).not.toContain("Nieuwe tekst");
  });

  it("is refused to a resident, and to a coordinator of another neighbourhood", async () => {
    expect((await post(wijk.slug, "/beheer/profiel", { ...profile, description: "Gekaapt" }, resident)).status).toBe(403);
    const otherCoordinator = await loggedIn(other, "coordinator");
    const crossing = await post(wijk.slug, "/beheer/profiel", { ...profile, description: "Gekaapt" }, otherCoordinator);
    expect(crossing.status).toBe(303);
    expect((await request(server.url(wijk.slug))).body).not.toContain("Gekaapt");
  });
});

const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

const upload = (slug: string, cookie: string, bytes: Buffer, name: string, type: string) =>
  postFile(server.url(slug, "/beheer/profiel"), "logo", { bytes, name, type }, cookie);

describe("the logo", () => {
  it("is uploaded by a coordinator, stored under the tenant's prefix and shown on the home page", async () => {
    const res = await upload(wijk.slug, coordinator, png, "logo.png", "image/png");
    expect(res.body).toContain("Het nieuwe logo staat op de pagina.");
    const { logo_key } = await tenantDb(database, wijk.id).selectFrom("profile").select("logo_key").executeTakeFirstOrThrow();
    expect(logo_key).toMatch(new RegExp(`^tenants/${wijk.id}/logo/[0-9a-f-]+\\.png$`));
    const home = await request(server.url(wijk.slug));
    expect(home.body).toContain('src="/logo"');
    const image = await request(server.url(wijk.slug, "/logo"));
    expect(image.status).toBe(200);
    expect(image.headers["content-type"]).toBe("image/png");
    // Another neighbourhood has its own (no) logo, whatever is asked.
    expect((await request(server.url(other.slug, "/logo"))).status).toBe(404);
    expect((await request(server.url(other.slug))).body).not.toContain('src="/logo"');

    const second = await upload(wijk.slug, coordinator, png, "nieuw.png", "image/png");
    expect(second.body).toContain("Het nieuwe logo staat op de pagina.");
    const { logo_key: newKey } = await tenantDb(database, wijk.id).selectFrom("profile").select("logo_key").executeTakeFirstOrThrow();
    expect(newKey).not.toBe(logo_key);
  });

  it("judges the type by the bytes and limits the size", async () => {
    const fake = await upload(wijk.slug, coordinator, Buffer.from("<script>alert(1)</script>"), "logo.png", "image/png");
    expect(fake.body).toContain("Dit is geen PNG-, JPG- of WebP-afbeelding.");
    const big = await upload(wijk.slug, coordinator, Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]), "groot.png", "image/png");
    expect(big.body).toContain("Deze afbeelding is groter dan 2 MB.");
    const none = await upload(wijk.slug, coordinator, Buffer.alloc(0), "", "application/octet-stream");
    expect(none.body).toContain("Kies eerst een afbeelding.");
  });

  it("cannot be uploaded by a resident or another neighbourhood's coordinator", async () => {
    expect((await upload(wijk.slug, resident, png, "logo.png", "image/png")).status).toBe(403);
    const before = await tenantDb(database, other.id).selectFrom("profile").select("logo_key").executeTakeFirstOrThrow();
    const otherCoordinator = await loggedIn(other, "coordinator");
    expect((await upload(wijk.slug, otherCoordinator, png, "logo.png", "image/png")).status).toBe(303);
    const after = await tenantDb(database, other.id).selectFrom("profile").select("logo_key").executeTakeFirstOrThrow();
    expect(after.logo_key).toBe(before.logo_key);
  });
});
