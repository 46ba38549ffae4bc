import type { LoaderFunctionArgs } from "@remix-run/node";
import { idParam } from "~/forms";
import { readRepairPhoto } from "~/modules/repairs/photos.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { members, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: members, module: "repairs" });

/** A photo of a repair: only for its owner, coordinators and volunteers of this neighbourhood. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, member } = signedInMember(context);
  const photo = await readRepairPhoto(db, context.storage, idParam(params.repairId), idParam(params.photoId), member);
  if (!photo) throw new Response(null, { status: 404 });
  return new Response(Buffer.from(photo.bytes), {
    headers: { "Content-Type": photo.contentType, "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff" },
  });
}
