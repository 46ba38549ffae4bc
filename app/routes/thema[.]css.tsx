import type { LoaderFunctionArgs } from "@remix-run/node";
import { createHash } from "node:crypto";
import { accentColour } from "~/modules/neighbourhood/profile.server";
import { themeStylesheet } from "~/modules/neighbourhood/theme";
import { routeAccess } from "~/access";

// Linked from every page by the root layout, so every host answers: the platform's own domain and
// the error pages of unknown and suspended neighbourhoods get the defaults.
export const access = routeAccess({ site: "any", view: "anyone" });

/**
 * The neighbourhood's colours as a tiny stylesheet, so pages need no inline style (the CSP allows
 * only 'self' stylesheets). The colour comes from this host's own profile row. The link in the root
 * layout has a fixed address, so browsers revalidate it on every page (ETag, usually a 304): a
 * coordinator who saves a new colour sees it on the next page.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const accent = context.site.kind === "tenant" && context.tenantDb ? await accentColour(context.tenantDb) : null;
  const css = themeStylesheet(accent);
  const etag = `"${createHash("sha256").update(css).digest("base64url").slice(0, 16)}"`;
  const headers = { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "no-cache", ETag: etag, "X-Content-Type-Options": "nosniff" };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(css, { headers });
}
