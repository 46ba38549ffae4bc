import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/Field";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { startSession } from "~/modules/accounts/login.server";
import { acceptInvitation, acceptInvitationSchema, lookUpInvitation } from "~/modules/members/invitations.server";
import { requireTenant } from "~/request-context.server";
import { routeAccess } from "~/access";
import type { Role } from "~/db/tables";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: "anyone" });

export const meta = titleMeta((t) => t.invitation.accept);

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { tenant, db } = requireTenant(context);
  const invitation = await lookUpInvitation(db, context.platformDb, params.token ?? "");
  return { name: tenant.name, invitation: invitation.state === "valid" ? { ...invitation, id: undefined } : invitation };
}

/** Where someone who just joined starts: a coordinator at the management, a volunteer at their work. */
const landingOf: Record<Role, string> = { coordinator: "/beheer", volunteer: "/mijn-werk", resident: "/" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db, tenant } = requireTenant(context);
  const token = params.token ?? "";
  const invitation = await lookUpInvitation(db, context.platformDb, token);
  if (invitation.state !== "valid") return { errors: { form: `invitation_${invitation.state}` } as Record<string, string>, values: {} };
  const form = parseForm(acceptInvitationSchema(invitation.hasAccount), await request.formData());
  if (!form.ok) return { errors: form.errors, values: form.values };
  const accepted = await acceptInvitation(db, context.platformDb, tenant.id, token, form.data);
  if (!accepted.ok) return { errors: { [accepted.field]: accepted.error } as Record<string, string>, values: { name: form.data.name } };
  return redirect(landingOf[accepted.role], { status: 303, headers: { "Set-Cookie": await startSession(request, context, accepted.accountId) } });
}

export default function AcceptInvitation() {
  const { name, invitation } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, explain } = useLanguage();
  const problem = answer?.errors.form ?? (invitation.state === "valid" ? undefined : `invitation_${invitation.state}`);
  return (
    <>
      <h1>{t.invitation.title(name)}</h1>
      {problem ? (
        <p className="error" role="alert">
          {explain(problem)}
        </p>
      ) : null}
      {invitation.state === "valid" && !answer?.errors.form ? (
        <PostForm noValidate>
          <p>{t.invitation.intro(invitation.email, t.roles[invitation.role])}</p>
          <p>{invitation.hasAccount ? t.invitation.existingAccount : t.invitation.newAccount}</p>
          <Field name="name" label={t.invitation.name} hint={t.invitation.nameHint} autoComplete="name" defaultValue={answer?.values.name} error={answer?.errors.name} required />
          <Field
            name="password"
            type="password"
            autoComplete={invitation.hasAccount ? "current-password" : "new-password"}
            label={t.login.password}
            error={answer?.errors.password}
            required
          />
          <button type="submit">{t.invitation.accept}</button>
        </PostForm>
      ) : null}
    </>
  );
}
