import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import { countTenantsBehind, platformIsMigrated } from "~/db/migrate.server";
import type { Demo } from "~/modules/demo/demo-neighbourhoods.server";
import type { OnlinePayments } from "~/modules/payments/stripe.server";
import { receiveStripeEvent } from "~/modules/payments/webhooks.server";
import type { FileStorage } from "~/modules/storage/storage.server";
import type { Site, SiteResolver } from "~/modules/tenants/resolve.server";
import { guardRoutes } from "./route-access.server";

export interface AppParts {
  database: Database;
  resolver: SiteResolver;
  build: ServerBuild;
  logger: Logger;
  trustProxy: boolean;
  platformDomain: string;
  devMailbox?: boolean;
  storage: FileStorage;
  /** The demo logins to show on the platform's landing page; only when the demo is on. */
  demo?: Demo | null;
  /** Directory holding `build/` with the browser assets (Remix's public/). */
  publicDir?: string;
  /** Online payments through Stripe, when the platform's keys are set; and how a webhook event reaches the job queue. */
  online?: { payments: OnlinePayments; queueEvent: (eventId: string) => Promise<void> } | null;
}

const siteSlug = (site: Site | undefined) =>
  site && (site.kind === "tenant" || site.kind === "suspended") ? site.tenant.slug : site?.kind;

/** One-time links (invitation, reset, verification) must not end up in the logs. */
/** Secrets in addresses (emailed links, a personal calendar feed) never reach the log. */
export const redactTokens = (url: string) => url.replace(/\/(uitnodiging|wachtwoord-herstellen|email-bevestigen|agenda\/feed)\/[^/?]+/, "/$1/[token]");

const portOf = (host: string) => /:\d+$/.exec(host)?.[0] ?? "";
const validHost = /^([a-z0-9-]+\.)*[a-z0-9-]+\.?(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/** The HTTP app: health checks, static files, then host → tenant → Remix. */
export function createApp({ database, resolver, build, logger, trustProxy, platformDomain, devMailbox = false, storage, demo = null, publicDir = "public", online = null }: AppParts) {
  const app = express();
  app.disable("x-powered-by");
  // Paying online and connecting Stripe are forms whose answer sends the browser on to Stripe.
  const formAction = ["'self'", ...(online?.payments.redirectOrigins ?? [])].join(" ");
  app.use((_req, res, next) => {
    // Only our own scripts (Remix's inline ones carry this response's nonce), no framing
    // (clickjacking), no MIME sniffing, and links such as invitations never leak through the
    // Referer header to another site.
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader(
      "Content-Security-Policy",
      `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; connect-src 'self'; ` +
        `font-src 'self'; object-src 'none'; base-uri 'self'; form-action ${formAction}; frame-ancestors 'none'`,
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    if (res.req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });
  // One reverse proxy in front: it appends the client's address to X-Forwarded-For, and only that
  // last entry is believed (earlier ones are whatever the client sent).
  if (trustProxy) app.set("trust proxy", 1);
  // Without a proxy in front, X-Forwarded-* headers come from the client: drop them, so nothing
  // further on believes them (Remix builds the request's address from X-Forwarded-Host and refuses
  // an action, with a 500, when it differs from the Origin).
  else {
    app.use((req, _res, next) => {
      for (const name of Object.keys(req.headers)) if (name.startsWith("x-forwarded-")) delete req.headers[name];
      next();
    });
  }

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      const migrated = await platformIsMigrated(database);
      const tenantsBehind = migrated ? await countTenantsBehind(database) : null;
      const ready = migrated && tenantsBehind === 0;
      res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "migrating", platformMigrated: migrated, tenantsBehind });
    } catch (error) {
      logger.error({ err: error }, "readiness check failed");
      res.status(503).json({ status: "database unavailable" });
    }
  });

  const assets = path.resolve(publicDir);
  app.use("/build", express.static(path.join(assets, "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(assets, { maxAge: "1h", index: false }));

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers["x-request-id"];
        const id = typeof incoming === "string" && /^[\w-]{1,100}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      // Called again when the response ends, by which time the host has been resolved.
      customProps: (req, res) => (res.locals?.site ? { tenant: siteSlug(res.locals.site as Site), route: redactTokens(req.path) } : {}),
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, url: redactTokens(req.url) }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  // Stripe's webhook: on the platform's domain only, before the form checks (Stripe sends JSON and
  // no Origin), with the body kept raw because its signature is over the exact bytes.
  app.post("/stripe/webhook", express.raw({ type: () => true, limit: "1mb" }), async (req, res, next) => {
    if (!online || req.hostname !== platformDomain) return next();
    try {
      const received = await receiveStripeEvent(online.payments, database, req.body as Buffer, req.get("stripe-signature"));
      if (received.status === 400) {
        req.log.warn("stripe webhook with a signature that does not match");
        res.status(400).type("text/plain; charset=utf-8").send("Bad signature.\n");
        return;
      }
      if (received.newEventId) await online.queueEvent(received.newEventId);
      res.status(200).json({ received: true });
    } catch (error) {
      next(error);
    }
  });

  // Forms are small; only image uploads (logo, tool, repair and home job photos: 2 MB each) and the
  // tool list import are larger. Browsers always send Content-Length for forms.
  const uploadPaths = /^\/beheer\/(profiel|gereedschap\/[0-9a-f-]{36}|gereedschap\/import)$/;
  // Repair and home job requests take up to three photos at once.
  const photoFormPaths = /^\/((balie\/)?reparaties|klussen)\/nieuw$/;
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const limit = photoFormPaths.test(req.path) ? 7 * 1024 * 1024 : uploadPaths.test(req.path) ? 3 * 1024 * 1024 : 64 * 1024;
    const length = req.get("content-length");
    if (length === undefined ? !req.get("transfer-encoding") : Number(length) <= limit) return next();
    res.status(413).type("text/plain; charset=utf-8").send("Dit formulier is te groot. Maak het kleiner en probeer het opnieuw.\n");
  });

  // All neighbourhoods are subdomains of one "site", so SameSite cookies do not stop one
  // neighbourhood's page from posting to another's. Every state-changing request must come from a
  // page on its own host.
  // The host the visitor asked for: behind a trusted proxy that is X-Forwarded-Host.
  const hostOf = (req: express.Request) => (trustProxy && req.get("x-forwarded-host")) || req.get("host") || "";

  app.use((req, res, next) => {
    if (validHost.test(hostOf(req))) return next();
    res.status(400).type("text/plain; charset=utf-8").send("Dit adres klopt niet.\n");
  });

  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    if (req.get("origin") === `${req.protocol}://${hostOf(req)}`) return next();
    req.log.warn({ origin: req.get("origin") ?? null }, "refused a cross-origin form post");
    res
      .status(403)
      .type("text/plain; charset=utf-8")
      .send("Dit formulier kwam niet van deze website. Daarom is er niets gebeurd. Ga terug en probeer het opnieuw.\n");
  });

  app.use(async (req, res, next) => {
    try {
      res.locals.site = await resolver.resolve(req.hostname ?? "");
      next();
    } catch (error) {
      next(error);
    }
  });

  app.all(
    "*",
    createRequestHandler({
      build: guardRoutes(build),
      mode: process.env.NODE_ENV,
      getLoadContext: (req, res) => {
        const site = res.locals.site as Site;
        return {
          site,
          tenantDb: site.kind === "tenant" ? tenantDb(database, site.tenant.id) : undefined,
          platformDb: platformDb(database),
          adminDatabase: site.kind === "platform" ? database : undefined,
          log: req.log,
          platformUrl: `${req.protocol}://${platformDomain}${portOf(hostOf(req))}/`,
          devMailbox,
          clientIp: req.ip ?? "unknown",
          storage,
          demo,
          payments: online?.payments ?? null,
          cspNonce: res.locals.cspNonce as string,
        };
      },
    }),
  );

  // Last resort, e.g. the database is down while resolving the host: plain words, no stack trace.
  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500 && !res.headersSent) {
      res.status(status).type("text/plain; charset=utf-8").send("Dit adres of dit formulier klopt niet.\n");
      return;
    }
    req.log?.error({ err: error }, "request failed");
    if (res.headersSent) return;
    res
      .status(503)
      .type("text/plain; charset=utf-8")
      .send("Wijkplaats is even niet bereikbaar. Probeer het over een paar minuten nog eens.\n");
  });

  return app;
}
