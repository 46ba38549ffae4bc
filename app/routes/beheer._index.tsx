import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { parseForm } from "~/forms";
import { useLanguage } from "~/i18n/use-messages";
import { requireRole } from "~/modules/accounts/guard.server";
import { emailSchema } from "~/modules/accounts/validation.server";
import { inviteMember } from "~/modules/members/invitations.server";
import { listMembers } from "~/modules/members/members.server";

export const meta: MetaFunction = () => [{ title: "Beheer" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, tenant } = await requireRole(request, context, "coordinator");
  return { name: tenant.name, members: await listMembers(db) };
}

const invitation = z.object({ email: emailSchema, role: z.enum(["coordinator", "volunteer"], { error: "role_invalid" }) });

/** Coordinators invite other coordinators and volunteers by email. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { db, tenant, member } = await requireRole(request, context, "coordinator");
  const form = parseForm(invitation, await request.formData());
  if (!form.ok) return { errors: form.errors, values: form.values, invited: null };
  await inviteMember(db, context.platformDb, {
    tenant,
    siteUrl: new URL(request.url).origin,
    email: form.data.email,
    role: form.data.role,
    invitedBy: member.id,
  });
  return { errors: {} as Record<string, string>, values: {} as Record<string, string>, invited: form.data.email };
}

export default function Manage() {
  const { name, members } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
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

      <h2 id="uitnodigen">{t.invitation.invite}</h2>
      {answer?.invited ? (
        <p role="status" className="notice">
          {t.invitation.invited(answer.invited)}
        </p>
      ) : null}
      <Form method="post" noValidate aria-labelledby="uitnodigen">
        <Field name="email" type="email" label={t.invitation.inviteEmail} defaultValue={answer?.values.email} error={answer?.errors.email} required />
        <fieldset className={answer?.errors.role ? "field field-error" : "field"}>
          <legend>{t.invitation.inviteRole}</legend>
          {answer?.errors.role ? <p className="error">{(t.validation as Record<string, string>)[answer.errors.role]}</p> : null}
          {(["volunteer", "coordinator"] as const).map((role) => (
            <label key={role} className="choice">
              <input type="radio" name="role" value={role} defaultChecked={(answer?.values.role ?? "volunteer") === role} /> {t.roles[role]}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t.invitation.inviteSubmit}</button>
      </Form>
    </>
  );
}
