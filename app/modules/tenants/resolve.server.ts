import { LRUCache } from "lru-cache";
import { platformDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";

/** What a request's host points at. */
export type Site =
  | { kind: "platform" }
  | { kind: "tenant"; tenant: TenantRow }
  | { kind: "suspended"; tenant: TenantRow }
  | { kind: "unknown" };

export interface SiteResolver {
  resolve(host: string): Promise<Site>;
  close(): Promise<void>;
}

/** `Steenwijk-West.localhost:3000` → `steenwijk-west.localhost`; IPv6 literals keep their brackets. */
export function normaliseHost(host: string): string {
  const lower = host.trim().toLowerCase();
  return lower.startsWith("[") ? lower.slice(0, lower.indexOf("]") + 1) : lower.replace(/:\d+$/, "").replace(/\.$/, "");
}

/**
 * The one place that turns a Host header into a neighbourhood. Answers (including "unknown") are
 * cached in memory; any change to the tenants table fires a Postgres NOTIFY that clears the cache in
 * every process, and a short TTL covers a listener that lost its connection.
 */
export async function createSiteResolver(
  database: Database,
  options: { platformDomain: string; ttlMs?: number; max?: number },
): Promise<SiteResolver> {
  const platformDomain = options.platformDomain.toLowerCase();
  const cache = new LRUCache<string, Site>({
    max: options.max ?? 10_000,
    ttl: options.ttlMs ?? 60_000,
    fetchMethod: (host) => lookup(database, platformDomain, host),
  });
  const unlisten = await database.listen("tenant_changed", () => cache.clear());
  return {
    async resolve(host) {
      const key = normaliseHost(host);
      if (key === platformDomain || key === `www.${platformDomain}`) return { kind: "platform" };
      try {
        return (await cache.fetch(key)) ?? { kind: "unknown" };
      } catch {
        // A tenant change cleared the cache while this lookup was running; its answer may be stale.
        return lookup(database, platformDomain, key);
      }
    },
    close: unlisten,
  };
}

async function lookup(database: Database, platformDomain: string, host: string): Promise<Site> {
  const suffix = `.${platformDomain}`;
  const query = platformDb(database).selectFrom("tenants").selectAll();
  let tenant: TenantRow | undefined;
  if (host.endsWith(suffix)) {
    const slug = host.slice(0, -suffix.length);
    // Only one label deep: `a.b.localhost` is not a neighbourhood.
    if (!/^[a-z0-9-]{1,63}$/.test(slug)) return { kind: "unknown" };
    tenant = await query.where("slug", "=", slug).executeTakeFirst();
  } else {
    tenant = await query.where("custom_domain", "=", host).executeTakeFirst();
  }
  if (!tenant || tenant.status === "provisioning") return { kind: "unknown" };
  return tenant.status === "suspended" ? { kind: "suspended", tenant } : { kind: "tenant", tenant };
}
