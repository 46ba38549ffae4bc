import { mkdtempSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import pino from "pino";
import type { Database } from "~/db/database.server";
import type { Demo } from "~/modules/demo/demo-neighbourhoods.server";
import { createFileStorage, type FileStorage } from "~/modules/storage/storage.server";
import { createSiteResolver } from "~/modules/tenants/resolve.server";
import { createApp, type AppParts } from "~/server/app";

export interface TestServer {
  port: number;
  /** `http://<slug>.localhost:<port>/path`: Chromium and our `request` both send it to 127.0.0.1. */
  url(slug: string | null, pathname?: string): string;
  /** Where the app keeps uploads, for tests that make records with photos through the modules. */
  storage: FileStorage;
  close(): Promise<void>;
}

/**
 * The real HTTP app (real Remix build from `npm run build`) on a free port, over a test database;
 * `demo` is what the app shows when started with the demo on; `trustProxy` as TRUST_PROXY (default
 * false); `storage` where uploads go (a fresh folder unless a test seeded files somewhere first);
 * `online` Stripe (the tests' fake) and where webhook events are queued.
 */
export async function startTestServer(
  database: Database,
  options: { demo?: Demo | null; trustProxy?: boolean; storage?: FileStorage; online?: AppParts["online"] } = {},
): Promise<TestServer> {
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const resolver = await createSiteResolver(database, { platformDomain: "localhost" });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const storage = options.storage ?? createFileStorage({ localDir: mkdtempSync(path.join(tmpdir(), "wijkplaats-uploads-")) });
  const app = createApp({
    database,
    resolver,
    build,
    logger,
    trustProxy: options.trustProxy ?? false,
    platformDomain: "localhost",
    devMailbox: true,
    demo: options.demo,
    storage,
    online: options.online ?? null,
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (slug, pathname = "/") => `http://${slug ? `${slug}.` : ""}localhost:${port}${pathname}`,
    storage,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await resolver.close();
    },
  };
}

export interface TestResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * An HTTP request to 127.0.0.1 with the Host header taken from `url`; fetch() cannot set Host, and
 * `*.localhost` must not depend on the machine's resolver.
 */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<TestResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? "GET",
        headers: {
          Host: target.host,
          ...(options.body === undefined ? {} : { "Content-Length": String(Buffer.byteLength(options.body)) }),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** A form post as a browser sends it from a page on the same host (with its Origin). */
export function postForm(url: string, body: Record<string, string>, cookie = ""): Promise<TestResponse> {
  return request(url, {
    method: "POST",
    headers: { Cookie: cookie, Origin: new URL(url).origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body).toString(),
  });
}

/** The session cookie a response set, as "name=value", for the next request's Cookie header. */
export const sessionCookieOf = (res: TestResponse): string | undefined => res.headers["set-cookie"]?.[0]?.split(";")[0];

/** A multipart form post with one file, as a browser sends an upload form. */
export async function postFile(url: string, field: string, file: { bytes: Uint8Array; name: string; type: string }, cookie = ""): Promise<TestResponse> {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const encoded = new Request("http://localhost/", { method: "POST", body: form });
  return request(url, {
    method: "POST",
    headers: { Cookie: cookie, Origin: new URL(url).origin, "Content-Type": encoded.headers.get("Content-Type")! },
    body: Buffer.from(await encoded.arrayBuffer()),
  });
}
