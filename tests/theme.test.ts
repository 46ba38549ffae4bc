import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { accentColourSchema, accentTextColour, contrastRatio, darkText, isUsableAccent, themeStylesheet } from "~/modules/neighbourhood/theme";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { signedInAs } from "./support/people";
import { postForm, request, startTestServer, type TestServer } from "./support/server";

describe("the accent colour's contrast rules (WCAG 2.2)", () => {
  it("computes contrast ratios as WCAG does", () => {
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#0b5c2f", "#ffffff")).toBeGreaterThan(7);
  });

  it("picks white text on a dark colour and near-black text on a lighter one", () => {
    expect(accentTextColour("#7a1f5c")).toBe("#ffffff");
    expect(accentTextColour("#e07000")).toBe(darkText);
  });

  it("refuses a colour that is too light, or whose text would not reach 4.5:1", () => {
    expect(isUsableAccent("#0b5c2f")).toBe(true);
    expect(isUsableAccent("#ffe680")).toBe(false); // pale yellow: disappears on the white page
    expect(isUsableAccent("#cccccc")).toBe(false);
    expect(isUsableAccent("#808080")).toBe(false); // grey: neither white nor black text reaches 4.5:1
    expect(accentColourSchema.safeParse("#FFE680").error?.issues[0]?.message).toBe("colour_too_light");
    expect(accentColourSchema.safeParse("rood").error?.issues[0]?.message).toBe("colour_invalid");
    expect(accentColourSchema.parse("7A1F5C")).toBe("#7a1f5c");
    expect(accentColourSchema.parse("")).toBeNull();
  });

  it("writes only the two custom properties, and nothing for a value that is not a colour", () => {
    expect(themeStylesheet("#7a1f5c")).toBe(":root { --wijk-accent: #7a1f5c; --wijk-accent-text: #ffffff; }\n");
    expect(themeStylesheet("red; } body { display: none")).not.toContain("--wijk-accent");
    expect(themeStylesheet(null)).not.toContain("--wijk-accent");
  });
});

describe("/thema.css per neighbourhood", () => {
  let database: Database;
  let server: TestServer;
  let wijk: TenantRow;
  let other: TenantRow;

  beforeAll(async () => {
    database = await openTestDatabase();
    server = await startTestServer(database);
    wijk = await createTenant(database, { slug: uniqueSlug("kleur"), name: "Paarse wijk" }, seedNeighbourhood());
    other = await createTenant(database, { slug: uniqueSlug("buren"), name: "Buurwijk" }, seedNeighbourhood());
  });
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  const theme = (slug: string | null) => request(server.url(slug, "/thema.css"));
  const saveColour = (tenant: TenantRow, colour: string, cookie: string) =>
    postForm(server.url(tenant.slug, "/beheer/profiel"), { tagline: "Samen", accent_colour: colour }, cookie);

  it("serves the defaults until a colour is chosen, also on the platform's own domain", async () => {
    for (const slug of [wijk.slug, null]) {
      const res = await theme(slug);
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/css/);
      expect(res.headers["cache-control"]).toBe("no-cache");
      expect(res.body).not.toContain("--wijk-accent");
      const again = await request(server.url(slug, "/thema.css"), { headers: { "If-None-Match": res.headers.etag! } });
      expect(again.status).toBe(304);
    }
  });

  it("serves a neighbourhood's colour on its own host only", async () => {
    const coordinator = await signedInAs(database, server, wijk, "coordinator");
    expect((await saveColour(wijk, "#7A1F5C", coordinator.cookie)).body).toContain("Het profiel is opgeslagen.");
    const themed = await theme(wijk.slug);
    expect(themed.body).toContain("--wijk-accent: #7a1f5c; --wijk-accent-text: #ffffff;");
    expect(themed.headers.etag).not.toBe((await theme(other.slug)).headers.etag);
    expect((await theme(other.slug)).body).not.toContain("#7a1f5c");
    expect((await theme(null)).body).not.toContain("#7a1f5c");

    const neighbour = await signedInAs(database, server, other, "coordinator");
    await saveColour(other, "#1d4ed8", neighbour.cookie);
    expect((await theme(other.slug)).body).toContain("--wijk-accent: #1d4ed8;");
    expect((await theme(wijk.slug)).body).toContain("--wijk-accent: #7a1f5c;");
  });

  it("refuses a colour that is too light, next to the field, and keeps the old one", async () => {
    const coordinator = await signedInAs(database, server, wijk, "coordinator");
    const res = await saveColour(wijk, "#ffe680", coordinator.cookie);
    expect(res.status).toBe(200);
    expect(res.body).toContain('id="veld-accent_colour-fout"');
    expect(res.body).toContain("Deze kleur is te licht");
    expect(res.body).toContain('value="#ffe680"');
    expect((await theme(wijk.slug)).body).toContain("--wijk-accent: #7a1f5c;");
  });

  it("lets no one change another neighbourhood's colour", async () => {
    const neighbour = await signedInAs(database, server, other, "coordinator");
    const resident = await signedInAs(database, server, wijk, "resident");
    // A session from another host counts as not logged in here: to the login page.
    expect((await saveColour(wijk, "#000000", neighbour.cookie)).status).toBe(303);
    expect((await saveColour(wijk, "#000000", resident.cookie)).status).toBe(403);
    expect((await theme(wijk.slug)).body).toContain("--wijk-accent: #7a1f5c;");
  });
});
