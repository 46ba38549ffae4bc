import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/Field";
import { keepTyped, parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { platformDb, tenantDb } from "~/db/accessors.server";
import { INVITATION_DAYS, inviteMember } from "~/modules/members/invitations.server";
import { createTenant, neighbourhoodUrl, TenantInputError } from "~/modules/tenants/tenants.server";
import { onboardedNeighbourhood, onboardingSchema } from "~/modules/tenants/admin.server";
import { moduleCheckboxesSchema } from "~/modules/tenants/validation";
import { offeringKinds } from "~/db/tables";
import { platformAdmin } from "~/modules/accounts/guard.server";
import { routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "platform", view: "platformAdmin" });

export const meta = titleMeta((t) => t.admin.onboard);

/** After onboarding (`?klaar=<slug>`): what was made, to whom the invitation went, and a link to the site. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { database } = platformAdmin(context);
  const slug = new URL(request.url).searchParams.get("klaar");
  const made = slug ? await onboardedNeighbourhood(database, slug) : null;
  return { onboarded: made ? { name: made.tenant.name, url: neighbourhoodUrl(context.platformUrl, made.tenant), invitedEmails: made.invitedEmails, invitationDays: INVITATION_DAYS } : null };
}

/**
 * Onboards a neighbourhood with the same logic as `npm run tenant:create`, and invites its first
 * coordinator by email.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { database } = platformAdmin(context);
  const formData = await request.formData();
  const form = parseForm(onboardingSchema, formData);
  const modules = parseForm(moduleCheckboxesSchema, formData);
  if (!form.ok || !modules.ok) {
    return { errors: { ...(form.ok ? {} : form.errors), ...(modules.ok ? {} : modules.errors) }, values: form.ok ? keepTyped(form.raw) : form.values };
  }
  const { coordinatorEmail, ...neighbourhood } = form.data;
  let slug: string;
  try {
    const tenant = await createTenant(database, neighbourhood, seedNeighbourhood({ offerings: modules.data.map((kind) => ({ kind })) }));
    await inviteMember(tenantDb(database, tenant.id), platformDb(database), {
      tenant,
      siteUrl: neighbourhoodUrl(context.platformUrl, tenant),
      email: coordinatorEmail,
      role: "coordinator",
      invitedBy: null,
    });
    slug = tenant.slug;
  } catch (error) {
    if (error instanceof TenantInputError) return { errors: { [error.field]: error.message } as Record<string, string>, values: keepTyped(form.raw) };
    throw error;
  }
  return redirect(`/admin/nieuw?klaar=${encodeURIComponent(slug)}`, 303);
}

export default function NewNeighbourhood() {
  const { onboarded } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, explain } = useLanguage();
  const field = (name: string) => ({ name, defaultValue: answer?.values[name], error: answer?.errors[name] });
  if (onboarded && !answer) {
    const o = t.admin.onboarded;
    return (
      <>
        <h1>{o.title}</h1>
        <p role="status" className="notice">
          {o.created(onboarded.name)}
        </p>
        {onboarded.invitedEmails.map((email) => (
          <p key={email}>{o.invited(email, onboarded.invitationDays)}</p>
        ))}
        <p className="link-row">
          <a href={onboarded.url}>{o.visit(onboarded.url)}</a> <Link to="/admin">{o.overview}</Link> <Link to="/admin/nieuw">{o.another}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t.admin.onboard}</h1>
      <PostForm noValidate>
        <Field {...field("name")} label={t.admin.form.name} required />
        <Field {...field("slug")} label={t.admin.form.slug} hint={t.admin.form.slugHint} required autoCapitalize="none" spellCheck={false} />
        <Field {...field("municipality")} label={t.admin.form.municipality} />
        <Field {...field("province")} label={t.admin.form.province} />
        <Field {...field("coordinatorEmail")} type="email" label={t.admin.form.coordinatorEmail} hint={t.admin.form.coordinatorEmailHint} required />
        <fieldset className={answer?.errors.modules ? "field field-error" : "field"} aria-describedby={answer?.errors.modules ? "veld-modules-fout" : "veld-modules-uitleg"}>
          <legend>{t.admin.form.modules}</legend>
          <p className="hint" id="veld-modules-uitleg">
            {t.admin.form.modulesHint}
          </p>
          {answer?.errors.modules ? (
            <p className="error" id="veld-modules-fout">
              {explain(answer.errors.modules)}
            </p>
          ) : null}
          {offeringKinds.map((kind) => (
            <label key={kind} className="choice">
              <input type="checkbox" name={`module_${kind}`} value="ja" defaultChecked={answer?.values[`module_${kind}`] === "ja"} /> {t.offerings[kind]}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t.admin.form.submit}</button>
      </PostForm>
    </>
  );
}
