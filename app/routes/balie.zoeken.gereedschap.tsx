import type { LoaderFunctionArgs } from "@remix-run/node";
import { searchText } from "~/forms";
import { searchToolsForDesk } from "~/modules/tool-library/tools.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: desk, module: "tool_library" });

/** Tools matching `?zoek=` (a sticker number or words), for a tool picker searching while the desk types (JSON). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  return searchToolsForDesk(db, searchText(100).parse(new URL(request.url).searchParams.get("zoek")));
}
