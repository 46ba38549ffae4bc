import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { createSiteResolver, normaliseHost, type Site, type SiteResolver } from "~/modules/tenants/resolve.server";
import { createTenant, setTenantStatus } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { eventually } from "./support/eventually";

let database: Database;
let resolver: SiteResolver;
beforeAll(async () => {
  database = await openTestDatabase();
  resolver = await createSiteResolver(database, { platformDomain: "wijkplaats.test" });
});
afterAll(async () => {
  await resolver.close();
  await database.close();
});

const slugOf = (site: Site) => (site.kind === "tenant" || site.kind === "suspended" ? site.tenant.slug : null);


describe("normaliseHost", () => {
  it("drops the port and trailing dot and lowercases", () => {
    expect(normaliseHost("Steenwijk-West.Localhost:3000")).toBe("steenwijk-west.localhost");
    expect(normaliseHost("wijk.example.org.")).toBe("wijk.example.org");
    expect(normaliseHost("[::1]:3000")).toBe("[::1]");
  });
});

describe("site resolution from the Host header", () => {
  it("knows the platform's own domain", async () => {
    expect(await resolver.resolve("wijkplaats.test")).toEqual({ kind: "platform" });
    expect(await resolver.resolve("www.wijkplaats.test:443")).toEqual({ kind: "platform" });
  });

  it("finds a neighbourhood by subdomain, whatever the case or port", async () => {
    const slug = uniqueSlug("sub");
    await createTenant(database, { slug, name: "Sub" });
    expect(slugOf(await resolver.resolve(`${slug}.wijkplaats.test`))).toBe(slug);
    expect(slugOf(await resolver.resolve(`${slug.toUpperCase()}.WIJKPLAATS.TEST:8080`))).toBe(slug);
  });

  it("finds a neighbourhood by its own custom domain", async () => {
    const slug = uniqueSlug("eigen");
    await createTenant(database, { slug, name: "Eigen domein", customDomain: `${slug}.example.org` });
    expect(slugOf(await resolver.resolve(`${slug}.example.org`))).toBe(slug);
  });

  it("answers unknown for anything else", async () => {
    for (const host of ["nergens.wijkplaats.test", "a.b.wijkplaats.test", "evil.com", "wijkplaats.test.evil.com", "", "'; drop table x; --.wijkplaats.test"]) {
      expect(await resolver.resolve(host)).toEqual({ kind: "unknown" });
    }
  });

  it("never serves a neighbourhood that is still being created", async () => {
    const slug = uniqueSlug("half");
    await platformDb(database)
      .insertInto("tenants")
      .values({ slug, name: "Half", municipality: null, province: null, custom_domain: null, schema_version: null })
      .execute();
    expect(await resolver.resolve(`${slug}.wijkplaats.test`)).toEqual({ kind: "unknown" });
  });

  it("sees a suspension and a resumption at once, through the NOTIFY that clears the cache", async () => {
    const slug = uniqueSlug("cache");
    await createTenant(database, { slug, name: "Cache" });
    const host = `${slug}.wijkplaats.test`;
    expect((await resolver.resolve(host)).kind).toBe("tenant");

    await setTenantStatus(platformDb(database), slug, "suspended");
    await eventually(async () => (await resolver.resolve(host)).kind === "suspended");
    await setTenantStatus(platformDb(database), slug, "active");
    await eventually(async () => (await resolver.resolve(host)).kind === "tenant");
  });

  it("learns about a neighbourhood created after an earlier 'unknown' answer", async () => {
    const slug = uniqueSlug("later");
    const host = `${slug}.wijkplaats.test`;
    expect(await resolver.resolve(host)).toEqual({ kind: "unknown" });
    await createTenant(database, { slug, name: "Later" });
    await eventually(async () => (await resolver.resolve(host)).kind === "tenant");
  });

  it("serves repeated lookups from the cache", async () => {
    const slug = uniqueSlug("snel");
    await createTenant(database, { slug, name: "Snel" });
    // The NOTIFYs of the creation may still clear the cache once; after that the same answer
    // object comes back, which only a cache can do (a database lookup makes a new one).
    await eventually(async () => (await resolver.resolve(`${slug}.wijkplaats.test`)) === (await resolver.resolve(`${slug}.wijkplaats.test`)));
  });
});

describe.runIf(process.env.DATABASE_URL)("a lost LISTEN connection on PostgreSQL", () => {
  it("clears the cache and listens again, so later changes still arrive", async () => {
    const slug = uniqueSlug("weer");
    await createTenant(database, { slug, name: "Weer" });
    const host = `${slug}.wijkplaats.test`;
    await eventually(async () => (await resolver.resolve(host)).kind === "tenant");
    // Kill the listening backend, as a database restart or a network hiccup would.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where query like 'LISTEN%' and datname = current_database()`.execute(database.kysely);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await setTenantStatus(platformDb(database), slug, "suspended");
    await eventually(async () => (await resolver.resolve(host)).kind === "suspended");
  });
});
