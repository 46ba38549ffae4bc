import type { LoaderFunctionArgs } from "@remix-run/node";
import { idParam } from "~/forms";
import { readJobPhoto } from "~/modules/home-jobs/jobs.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { members, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: members, module: "home_jobs" });

/** A photo of a home job: only for the requester, coordinators and the people assigned. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, member } = signedInMember(context);
  const photo = await readJobPhoto(db, context.storage, idParam(params.jobId), idParam(params.photoId), member);
  if (!photo) throw new Response(null, { status: 404 });
  return new Response(Buffer.from(photo.bytes), {
    headers: { "Content-Type": photo.contentType, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });
}
