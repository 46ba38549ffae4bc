import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, SelectField } from "~/components/Field";
import { platformDb, tenantDb } from "~/db/accessors.server";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { inviteMember } from "~/modules/members/invitations.server";
import { platformFees, platformFeeSchema, setPlatformFee } from "~/modules/payments/connect.server";
import { coordinatorInvitationSchema, listTenantsForAdmin } from "~/modules/tenants/admin.server";
import { neighbourhoodUrl, setTenantStatus, TenantNotFoundError } from "~/modules/tenants/tenants.server";
import { platformAdmin } from "~/modules/accounts/guard.server";
import { routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "platform", view: "platformAdmin" });

export const meta = titleMeta((t) => t.admin.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { database } = platformAdmin(context);
  const tenants = await listTenantsForAdmin(database);
  // The platform's share of online payments, only when the platform takes them.
  const fees = context.payments ? await platformFees(platformDb(database)) : null;
  return {
    tenants: tenants.map((t) => ({ ...t, last_activity: t.last_activity?.toISOString() ?? null })),
    fees,
    // Without a mail server the invitations can only be read there (app/routes/dev.mailbox.tsx).
    mailbox: context.devMailbox,
  };
}

const statusChange = z.object({ slug: z.string().min(1).max(40), status: z.enum(["active", "suspended"]) });

/** Suspend or resume a neighbourhood, or invite a (new) coordinator for one. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { database } = platformAdmin(context);
  const formData = await request.formData();
  if (formData.get("intent") === "fee" && context.payments) {
    const fee = parseForm(platformFeeSchema, formData);
    if (!fee.ok) return { errors: fee.errors, values: fee.values, invited: null };
    if (!(await setPlatformFee(platformDb(database), fee.data.neighbourhood, fee.data.percent))) return { errors: { neighbourhood: "neighbourhood_required" } as Record<string, string>, values: fee.raw, invited: null };
    return { errors: {} as Record<string, string>, values: {} as Record<string, string>, invited: null, feeSaved: true };
  }
  if (formData.get("intent") === "invite") {
    const invite = parseForm(coordinatorInvitationSchema, formData);
    if (!invite.ok) return { errors: invite.errors, values: invite.values, invited: null };
    const tenant = await platformDb(database).selectFrom("tenants").selectAll().where("slug", "=", invite.data.slug).where("status", "!=", "provisioning").executeTakeFirst();
    if (!tenant) return { errors: { slug: "neighbourhood_required" } as Record<string, string>, values: { email: invite.data.email }, invited: null };
    await inviteMember(tenantDb(database, tenant.id), platformDb(database), {
      tenant,
      siteUrl: neighbourhoodUrl(context.platformUrl, tenant),
      email: invite.data.email,
      role: "coordinator",
      invitedBy: null,
    });
    return { errors: {} as Record<string, string>, values: {} as Record<string, string>, invited: invite.data.email };
  }
  const form = parseForm(statusChange, formData);
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
  const { tenants, mailbox, fees } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, lang, explain } = useLanguage();
  return (
    <div className="desk-page">
      <h1>{t.admin.title}</h1>
      <p>
        <Link to="/admin/nieuw">{t.admin.onboard}</Link>
        {mailbox ? (
          <>
            {" · "}
            <Link to="/dev/mailbox">{t.admin.mailbox}</Link>
          </>
        ) : null}
      </p>
      <table className="cards">
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
              <td data-label={t.admin.neighbourhood}>
                {tenant.name}
                <div className="muted">{tenant.slug}</div>
              </td>
              <td data-label={t.admin.status}>{t.admin.statuses[tenant.status]}</td>
              <td data-label={t.admin.members}>{tenant.members ?? "?"}</td>
              <td data-label={t.admin.lastActivity}>{tenant.last_activity ? new Date(tenant.last_activity).toLocaleDateString(lang === "nl" ? "nl-NL" : "en-GB") : "—"}</td>
              <td>
                <PostForm>
                  <input type="hidden" name="slug" value={tenant.slug} />
                  <input type="hidden" name="status" value={tenant.status === "active" ? "suspended" : "active"} />
                  <button type="submit" className={tenant.status === "active" ? "danger" : "secondary"} aria-label={`${tenant.status === "active" ? t.admin.suspend : t.admin.resume}: ${tenant.name}`}>
                    {tenant.status === "active" ? t.admin.suspend : t.admin.resume}
                  </button>
                </PostForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {fees ? (
        <section aria-labelledby="platformbijdrage">
          <h2 id="platformbijdrage">{t.admin.fee.title}</h2>
          <p>{t.admin.fee.intro}</p>
          {answer && "feeSaved" in answer ? (
            <p role="status" className="notice">
              {t.admin.fee.saved}
            </p>
          ) : null}
          {fees.length === 0 ? (
            <p>{t.admin.fee.none}</p>
          ) : (
            <ul>
              {fees.map((fee) => (
                <li key={fee.slug}>{t.admin.fee.current(fee.name, (fee.application_fee_bps / 100).toLocaleString(lang === "nl" ? "nl-NL" : "en-GB"))}</li>
              ))}
            </ul>
          )}
          {fees.length > 0 ? (
            <PostForm noValidate aria-labelledby="platformbijdrage">
              <input type="hidden" name="intent" value="fee" />
              <SelectField
                name="neighbourhood"
                label={t.admin.neighbourhood}
                options={[{ value: "", label: "—" }, ...fees.map((fee) => ({ value: fee.slug, label: fee.name }))]}
                defaultValue={answer?.values.neighbourhood ?? ""}
                error={answer?.errors.neighbourhood}
              />
              <Field name="percent" label={t.admin.fee.percent} inputMode="decimal" defaultValue={answer?.values.percent} error={answer?.errors.percent} />
              <button type="submit">{t.admin.fee.save}</button>
            </PostForm>
          ) : null}
        </section>
      ) : null}

      <h2 id="coordinator-uitnodigen">{t.admin.inviteCoordinator}</h2>
      <p>{t.admin.inviteCoordinatorIntro}</p>
      {answer?.invited ? (
        <p role="status" className="notice">
          {t.invitation.invited(answer.invited)}
        </p>
      ) : null}
      <PostForm noValidate aria-labelledby="coordinator-uitnodigen">
        <input type="hidden" name="intent" value="invite" />
        <div className={answer?.errors.slug ? "field field-error" : "field"}>
          <label htmlFor="veld-slug">{t.admin.neighbourhood}</label>
          {answer?.errors.slug ? (
            <p className="error" id="veld-slug-fout">
              {explain(answer.errors.slug)}
            </p>
          ) : null}
          <select id="veld-slug" name="slug" defaultValue={answer?.values.slug ?? ""} aria-describedby={answer?.errors.slug ? "veld-slug-fout" : undefined}>
            <option value="">—</option>
            {tenants.map((tenant) => (
              <option key={tenant.id} value={tenant.slug}>
                {tenant.name}
              </option>
            ))}
          </select>
        </div>
        <Field name="email" type="email" label={t.invitation.inviteEmail} defaultValue={answer?.values.email} error={answer?.errors.email} required />
        <button type="submit">{t.invitation.inviteSubmit}</button>
      </PostForm>
    </div>
  );
}
