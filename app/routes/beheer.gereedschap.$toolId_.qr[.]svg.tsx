import type { LoaderFunctionArgs } from "@remix-run/node";
import { idParam } from "~/forms";
import { qrSvg, toolDeskUrl } from "~/modules/tool-library/labels.server";
import { getTool } from "~/modules/tool-library/tools.server";
import { neighbourhoodUrl } from "~/modules/tenants/tenants.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: coordinators, module: "tool_library" });

/** A tool's QR code (an SVG image, for its label): it opens the tool's desk page. */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const { db, tenant } = signedInMember(context);
  const tool = await getTool(db, idParam(params.toolId));
  if (!tool) throw new Response(null, { status: 404 });
  const svg = await qrSvg(toolDeskUrl(neighbourhoodUrl(context.platformUrl, tenant), tool.id));
  return new Response(svg, { headers: { "Content-Type": "image/svg+xml", "Cache-Control": "private, max-age=86400" } });
}
