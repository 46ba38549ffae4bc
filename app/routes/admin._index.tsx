import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { platformDb } from "~/db/accessors.server";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { requirePlatformAdmin } from "~/modules/accounts/guard.server";
import { listTenantsForAdmin } from "~/modules/tenants/admin.server";
import { setTenantStatus, TenantNotFoundError } from "~/modules/tenants/tenants.server";

export const meta = titleMeta((t) => t.admin.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { database } = await requirePlatformAdmin(request, context);
  const tenants = await listTenantsForAdmin(database);
  return {
    tenants: tenants.map((t) => ({ ...t, last_activity: t.last_activity?.toISOString() ?? null })),
  };
}

const statusChange = z.object({ slug: z.string().min(1).max(40), status: z.enum(["active", "suspended"]) });

/** Suspend or resume a neighbourhood. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { database } = await requirePlatformAdmin(request, context);
  const form = parseForm(statusChange, await request.formData());
  if (!form.ok) throw new Response(null, { status: 400 });
  try {
    await setTenantStatus(platformDb(database), form.data.slug, form.data.status);
  } catch (error) {
    if (error instanceof TenantNotFoundError) throw new Response(null, { status: 404 });
    throw error;
  }
  return redirect("/admin", 303);
}

export default function AdminOverview() {
  const { tenants } = useLoaderData<typeof loader>();
  const { t, lang } = useLanguage();
  return (
    <>
      <h1>{t.admin.title}</h1>
      <p>
        <Link to="/admin/nieuw">{t.admin.onboard}</Link>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.admin.neighbourhood}</th>
            <th scope="col">{t.admin.status}</th>
            <th scope="col">{t.admin.members}</th>
            <th scope="col">{t.admin.lastActivity}</th>
            <th scope="col">
              <span className="visually-hidden">{t.admin.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tenants.map((tenant) => (
            <tr key={tenant.id}>
              <td>
                {tenant.name}
                <div className="muted">{tenant.slug}</div>
              </td>
              <td>{t.admin.statuses[tenant.status]}</td>
              <td>{tenant.members ?? "?"}</td>
              <td>{tenant.last_activity ? new Date(tenant.last_activity).toLocaleDateString(lang === "nl" ? "nl-NL" : "en-GB") : "—"}</td>
              <td>
                <Form method="post">
                  <input type="hidden" name="slug" value={tenant.slug} />
                  <input type="hidden" name="status" value={tenant.status === "active" ? "suspended" : "active"} />
                  <button type="submit" aria-label={`${tenant.status === "active" ? t.admin.suspend : t.admin.resume}: ${tenant.name}`}>
                    {tenant.status === "active" ? t.admin.suspend : t.admin.resume}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
