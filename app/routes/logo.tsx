import type { LoaderFunctionArgs } from "@remix-run/node";
import { readLogo } from "~/modules/neighbourhood/logo.server";
import { requireTenant } from "~/request-context.server";
import { routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: "anyone" });

/** The neighbourhood's logo image, served from file storage. */
export async function loader({ context }: LoaderFunctionArgs) {
  const { db } = requireTenant(context);
  const logo = await readLogo(db, context.storage);
  if (!logo) throw new Response(null, { status: 404 });
  return new Response(Buffer.from(logo.bytes), {
    headers: { "Content-Type": logo.contentType, "Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff" },
  });
}
