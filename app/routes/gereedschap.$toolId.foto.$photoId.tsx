import type { LoaderFunctionArgs } from "@remix-run/node";
import { idParam } from "~/forms";
import { readToolPhoto } from "~/modules/tool-library/photos.server";
import { requireTenant } from "~/request-context.server";
import { routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: "anyone", module: "tool_library" });

/** A photo of a tool, from this neighbourhood's file storage. */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const { db } = requireTenant(context);
  const photo = await readToolPhoto(db, context.storage, idParam(params.toolId), idParam(params.photoId));
  if (!photo) throw new Response(null, { status: 404 });
  return new Response(Buffer.from(photo.bytes), {
    headers: { "Content-Type": photo.contentType, "Cache-Control": "public, max-age=86400, immutable", "X-Content-Type-Options": "nosniff" },
  });
}
