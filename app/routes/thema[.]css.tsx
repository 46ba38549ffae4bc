import type { LoaderFunctionArgs } from "@remix-run/node";
import { accentColour } from "~/modules/neighbourhood/profile.server";
import { themeStylesheet } from "~/modules/neighbourhood/theme";
import { routeAccess } from "~/access";

// Linked from every page by the root layout, so the platform's own domain answers too (with the defaults).
export const access = routeAccess({ site: "both", view: "anyone" });

/**
 * The neighbourhood's colours as a tiny stylesheet, so pages need no inline style (the CSP allows
 * only 'self' stylesheets). The colour comes from this host's own profile row.
 */
export async function loader({ context }: LoaderFunctionArgs) {
  const accent = context.site.kind === "tenant" && context.tenantDb ? await accentColour(context.tenantDb) : null;
  return new Response(themeStylesheet(accent), {
    headers: { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff" },
  });
}
