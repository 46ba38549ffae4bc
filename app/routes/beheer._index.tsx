import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useLanguage } from "~/i18n/use-messages";
import { requireRole } from "~/modules/accounts/guard.server";
import { listMembers } from "~/modules/members/members.server";

export const meta: MetaFunction = () => [{ title: "Beheer" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, tenant } = await requireRole(request, context, "coordinator");
  return { name: tenant.name, members: await listMembers(db) };
}

export default function Manage() {
  const { name, members } = useLoaderData<typeof loader>();
  const { t } = useLanguage();
  return (
    <>
      <h1>{t.manage.title(name)}</h1>
      <h2>{t.manage.members}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.manage.name}</th>
            <th scope="col">{t.manage.role}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <td>{m.name}</td>
              <td>{t.roles[m.role]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
