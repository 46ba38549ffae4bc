import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/Field";
import { formatDay, localToday } from "~/dates";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { invitationSchema, inviteMember, isMemberByEmail, pendingInvitations, withdrawInvitation, withdrawSchema } from "~/modules/members/invitations.server";
import { changeRole, deskRegistrationSchema, listMembers, registerAtDesk, roleChangeSchema } from "~/modules/members/members.server";
import { roles } from "~/db/tables";
import { signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";
import { AreaPages } from "~/components/AreaPages";

export const access = routeAccess({ site: "neighbourhood", view: coordinators });

export const meta = titleMeta((t) => t.manage.members);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, tenant, member } = signedInMember(context);
  const [people, invitations] = await Promise.all([listMembers(db), pendingInvitations(db)]);
  return { name: tenant.name, me: member.id, members: people, invitations: invitations.map((i) => ({ ...i, expires_at: i.expires_at.toISOString() })) };
}


type Answer = { form: string; errors: Record<string, string>; values: Record<string, string>; done?: string };

/** Coordinators invite people, register residents at the desk and change roles. */
export async function action({ request, context }: ActionFunctionArgs): Promise<Answer> {
  const { db, tenant, member } = signedInMember(context);
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  if (intent === "register") {
    const form = parseForm(deskRegistrationSchema, formData);
    if (!form.ok) return { form: intent, errors: form.errors, values: form.values };
    await registerAtDesk(db, form.data, member.id);
    return { form: intent, errors: {}, values: {}, done: form.data.name };
  }
  if (intent === "role") {
    const form = parseForm(roleChangeSchema, formData);
    if (!form.ok) return { form: intent, errors: form.errors, values: form.values };
    const result = await changeRole(db, form.data.memberId, form.data.role, member.id);
    if (result === "not_found") throw new Response(null, { status: 404 });
    return { form: intent, errors: result === "last_coordinator" ? { role: "last_coordinator" } : {}, values: {} };
  }
  if (intent === "withdraw") {
    const form = parseForm(withdrawSchema, formData);
    if (form.ok) await withdrawInvitation(db, form.data.invitationId);
    return { form: intent, errors: {}, values: {}, done: form.ok ? "withdrawn" : undefined };
  }
  const form = parseForm(invitationSchema, formData);
  if (!form.ok) return { form: "invite", errors: form.errors, values: form.values };
  if (await isMemberByEmail(db, context.platformDb, form.data.email)) return { form: "invite", errors: { email: "invitee_already_member" }, values: form.raw };
  await inviteMember(db, context.platformDb, { tenant, siteUrl: new URL(request.url).origin, email: form.data.email, role: form.data.role, invitedBy: member.id });
  return { form: "invite", errors: {}, values: {}, done: form.data.email };
}

export default function Manage() {
  const { name, members, invitations } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, lang, explain } = useLanguage();
  const mine = (form: string) => (answer?.form === form ? answer : undefined);
  return (
    <div className="desk-page">
      <h1>{t.manage.title(name)}</h1>
      <AreaPages area="manage" />
      <h2 id="mensen">{t.manage.members}</h2>
      {mine("role")?.errors.role ? (
        <p className="error" role="alert">
          {explain(mine("role")?.errors.role)}
        </p>
      ) : null}
      <table className="cards" aria-labelledby="mensen">
        <thead>
          <tr>
            <th scope="col">{t.manage.name}</th>
            <th scope="col">{t.manage.role}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <td data-label={t.manage.name}>
                {m.name}
                {m.account_id ? null : <div className="muted">{t.manage.noLogin}</div>}
              </td>
              <td data-label={t.manage.role}>
                <PostForm className="inline">
                  <input type="hidden" name="intent" value="role" />
                  <input type="hidden" name="memberId" value={m.id} />
                  <label className="visually-hidden" htmlFor={`rol-${m.id}`}>
                    {t.manage.roleOf(m.name)}
                  </label>
                  <select id={`rol-${m.id}`} name="role" defaultValue={m.role}>
                    {roles.map((role) => (
                      <option key={role} value={role}>
                        {t.roles[role]}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className="secondary" aria-label={t.manage.saveRoleOf(m.name)}>
                    {t.manage.saveRole}
                  </button>
                </PostForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="inschrijven">{t.manage.register}</h2>
      <p>{t.manage.registerIntro}</p>
      {mine("register")?.done ? (
        <p role="status" className="notice">
          {t.manage.registered(mine("register")!.done!)}
        </p>
      ) : null}
      <PostForm noValidate aria-labelledby="inschrijven">
        <input type="hidden" name="intent" value="register" />
        <Field name="name" label={t.manage.name} defaultValue={mine("register")?.values.name} error={mine("register")?.errors.name} required />
        <Field name="phone" type="tel" label={t.manage.phoneOptional} defaultValue={mine("register")?.values.phone} error={mine("register")?.errors.phone} />
        <Field name="address" label={t.manage.addressOptional} defaultValue={mine("register")?.values.address} error={mine("register")?.errors.address} />
        <Field name="notes" label={t.manage.notesOptional} hint={t.manage.notesHint} defaultValue={mine("register")?.values.notes} error={mine("register")?.errors.notes} />
        <button type="submit">{t.manage.registerSubmit}</button>
      </PostForm>

      <h2 id="uitnodigen">{t.invitation.invite}</h2>
      {mine("invite")?.done ? (
        <p role="status" className="notice">
          {t.invitation.invited(mine("invite")!.done!)}
        </p>
      ) : null}
      <PostForm noValidate aria-labelledby="uitnodigen">
        <input type="hidden" name="intent" value="invite" />
        <Field name="email" type="email" label={t.invitation.inviteEmail} defaultValue={mine("invite")?.values.email} error={mine("invite")?.errors.email} required />
        <fieldset className={mine("invite")?.errors.role ? "field field-error" : "field"}>
          <legend>{t.invitation.inviteRole}</legend>
          {mine("invite")?.errors.role ? <p className="error">{explain(mine("invite")?.errors.role)}</p> : null}
          {(["volunteer", "coordinator"] as const).map((role) => (
            <label key={role} className="choice">
              <input type="radio" name="role" value={role} defaultChecked={(mine("invite")?.values.role ?? "volunteer") === role} /> {t.roles[role]}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t.invitation.inviteSubmit}</button>
      </PostForm>

      <h2 id="openstaand">{t.invitation.pending}</h2>
      {mine("withdraw")?.done ? (
        <p role="status" className="notice">
          {t.invitation.withdrawn}
        </p>
      ) : null}
      {invitations.length === 0 ? (
        <p>{t.invitation.pendingNone}</p>
      ) : (
        <ul>
          {invitations.map((invitation) => (
            <li key={invitation.id}>
              {t.invitation.pendingItem(invitation.email, t.roles[invitation.role], formatDay(localToday(new Date(invitation.expires_at)), lang))}{" "}
              <PostForm className="inline">
                <input type="hidden" name="intent" value="withdraw" />
                <input type="hidden" name="invitationId" value={invitation.id} />
                <button type="submit" className="danger" aria-label={t.invitation.withdrawFor(invitation.email)}>
                  {t.invitation.withdraw}
                </button>
              </PostForm>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
