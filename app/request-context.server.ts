import type { Logger } from "pino";
import type { PlatformDb, TenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { FileStorage } from "~/modules/storage/storage.server";
import type { TenantRow } from "~/db/tables";
import type { Site } from "~/modules/tenants/resolve.server";
import type { Admitted } from "~/modules/accounts/guard.server";
import type { Demo } from "~/modules/demo/demo-neighbourhoods.server";
import type { OnlinePayments } from "~/modules/payments/stripe.server";

/**
 * What the server hands every loader and action (see app/server/app.ts). The tenant was resolved
 * from the request's host before Remix runs; `tenantDb` is already bound to that tenant's schema.
 */
declare module "@remix-run/node" {
  interface AppLoadContext {
    site: Site;
    tenantDb: TenantDb | undefined;
    platformDb: PlatformDb;
    /**
     * The whole database, for the platform admin's work across neighbourhoods (onboarding, the
     * overview). Only set on the platform's own domain, never on a neighbourhood's host; reach it
     * through platformAdmin(context).
     */
    adminDatabase: Database | undefined;
    log: Logger;
    /** Address of the platform's own landing page, e.g. http://localhost:3000/. */
    platformUrl: string;
    /** Whether /dev/mailbox may show queued emails (development, or embedded without SMTP). */
    devMailbox: boolean;
    /** The visitor's IP address (from X-Forwarded-For only with TRUST_PROXY), for rate limits. */
    clientIp: string;
    /** Uploaded files; build keys with newTenantFileKey so they carry the tenant. */
    storage: FileStorage;
    /** The demo logins (SEED_DEMO), shown on the platform's landing page; null outside a demo. */
    demo: Demo | null;
    /** Online payments through Stripe; null when the platform's Stripe keys are not set (the default). */
    payments: OnlinePayments | null;
    /** Nonce of this response's Content-Security-Policy, for the scripts Remix writes. */
    cspNonce: string;
    /**
     * Who the route guard let in (app/server/route-access.server.ts), set for each loader and
     * action; read it with signedInMember, signedInAccount or platformAdmin.
     */
    admitted?: Admitted;
  }
}

/**
 * Every neighbourhood route starts here: it returns the tenant and its database handle, or stops the
 * request with 404 (no such neighbourhood, or the bare platform domain) or 503 (suspended). The root
 * error page tells the visitor which of these it is.
 */
export function requireTenant(context: { site: Site; tenantDb: TenantDb | undefined }): { tenant: TenantRow; db: TenantDb } {
  const { site, tenantDb } = context;
  if (site.kind === "tenant" && tenantDb) return { tenant: site.tenant, db: tenantDb };
  throw new Response(null, { status: site.kind === "suspended" ? 503 : 404 });
}
