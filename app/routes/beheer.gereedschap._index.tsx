import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { listToolsForManagement } from "~/modules/tool-library/tools.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: coordinators, module: "tool_library" });

export const meta = titleMeta((t) => t.toolLibrary.manage.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  return { tools: await listToolsForManagement(db) };
}

export default function ManageTools() {
  const { tools } = useLoaderData<typeof loader>();
  const { t } = useLanguage();
  const m = t.toolLibrary.manage;
  return (
    <div className="desk-page">
      <h1>{m.title}</h1>
      <ul className="link-row">
        <li>
          <Link to="/beheer/gereedschap/nieuw">{m.add}</Link>
        </li>
        <li>
          <Link to="/beheer/gereedschap/import">{m.import}</Link>
        </li>
        <li>
          <Link to="/beheer/uitleenregels">{m.rules}</Link>
        </li>
        <li>
          <Link to="/beheer/gereedschap/cijfers">{m.numbers}</Link>
        </li>
        <li>
          <Link to="/beheer/gereedschap/labels">{t.toolLibrary.labels.link}</Link>
        </li>
        <li>
          <Link to="/balie">{m.desk}</Link>
        </li>
      </ul>
      {tools.length === 0 ? (
        <p>{m.none}</p>
      ) : (
        <table className="cards">
          <thead>
            <tr>
              <th scope="col">{m.number}</th>
              <th scope="col">{m.name}</th>
              <th scope="col">{m.category}</th>
              <th scope="col">{m.status}</th>
            </tr>
          </thead>
          <tbody>
            {tools.map((tool) => (
              <tr key={tool.id}>
                <td data-label={m.number}>{tool.number}</td>
                <td data-label={m.name}>
                  <Link to={`/beheer/gereedschap/${tool.id}`}>{tool.name}</Link>
                </td>
                <td data-label={m.category}>{tool.category}</td>
                <td data-label={m.status}>{t.toolLibrary.statuses[tool.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
