import type { LoaderFunctionArgs } from "@remix-run/node";
import { searchText } from "~/forms";
import { searchMembers } from "~/modules/members/members.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, routeAccess } from "~/access";

// Every module that picks a person (lending, repairs, home jobs) uses this one search.
export const access = routeAccess({ site: "neighbourhood", view: desk });

/** People matching `?zoek=`, for a person picker searching while the desk types (JSON). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  const query = searchText(100).parse(new URL(request.url).searchParams.get("zoek"));
  return { results: await searchMembers(db, query), exact: false };
}
