import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { searchText } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { DeskToolSearch } from "~/modules/tool-library/DeskToolSearch";
import { searchToolsForDesk } from "~/modules/tool-library/tools.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: desk, module: "tool_library" });

export const meta = titleMeta((t) => t.toolLibrary.toolDesk.searchTitle);

/** The desk looks a tool up by sticker number (straight to its page) or by name (a list). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  const query = searchText(100).parse(new URL(request.url).searchParams.get("zoek"));
  const found = await searchToolsForDesk(db, query);
  if (found.exact) throw redirect(`/balie/gereedschap/${found.results[0]!.id}`, 303);
  return { query, tools: found.results };
}

export default function FindToolAtDesk() {
  const { query, tools } = useLoaderData<typeof loader>();
  const { t } = useLanguage();
  const d = t.toolLibrary.desk;
  return (
    <>
      <p>
        <Link to="/balie">← {d.title}</Link>
      </p>
      <h1>{t.toolLibrary.toolDesk.searchTitle}</h1>
      <DeskToolSearch query={query} />
      {query ? <p role="status">{d.toolsFound(tools.length)}</p> : null}
      <ul>
        {tools.map((tool) => (
          <li key={tool.id}>
            <Link to={`/balie/gereedschap/${tool.id}`}>
              {t.toolLibrary.catalog.number(tool.number)} · {tool.name}
            </Link>
            {tool.status === "available" ? null : ` · ${t.toolLibrary.statuses[tool.status]}`}
            {tool.out ? ` · ${d.toolOut}` : null}
          </li>
        ))}
      </ul>
    </>
  );
}
