import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { clearSessionCookie } from "~/modules/accounts/session-cookie.server";
import { invalidateSession, listSessions } from "~/modules/accounts/sessions.server";
import { deleteOwnAccount, ownMemberRecord, ownProfileSchema, updateOwnProfile } from "~/modules/members/self-service.server";
import { signedInAccount } from "~/modules/accounts/guard.server";
import { routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";
import { AreaPages } from "~/components/AreaPages";

export const access = routeAccess({ site: "both", view: "signedIn" });

export const meta = titleMeta((t) => t.account.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { account, session } = signedInAccount(context);
  const [sessions, member] = await Promise.all([
    listSessions(context.platformDb, account.id, session.tenantId),
    context.tenantDb ? ownMemberRecord(context.tenantDb, account.id) : undefined,
  ]);
  return {
    email: account.email,
    member: member ?? null,
    sessions: sessions.map((s) => ({ id: s.id, userAgent: s.user_agent, lastUsedAt: s.last_used_at.toISOString(), current: s.id === session.id })),
  };
}

const endSession = z.object({ sessionId: z.string().min(1).max(64) });
const confirmDelete = z.object({ confirm: z.literal("ja", { error: "confirm_required" }) });

/** A person's own details, sessions and account: change, end, delete. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { account, session } = signedInAccount(context);
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  if (intent === "profile" && context.tenantDb) {
    const form = parseForm(ownProfileSchema, formData);
    if (!form.ok) return { form: intent, errors: form.errors, values: form.values, saved: false };
    await updateOwnProfile(context.tenantDb, account.id, form.data);
    return { form: intent, errors: {} as Record<string, string>, values: {} as Record<string, string>, saved: true };
  }
  if (intent === "delete" && context.tenantDb) {
    const form = parseForm(confirmDelete, formData);
    if (!form.ok) return { form: intent, errors: form.errors, values: {}, saved: false };
    const tenantId = context.site.kind === "tenant" ? context.site.tenant.id : "";
    const deleted = await deleteOwnAccount(context.tenantDb, context.platformDb, tenantId, account.id);
    if (deleted !== "ok") {
      return { form: intent, errors: { confirm: deleted } as Record<string, string>, values: {}, saved: false };
    }
    return redirect("/", { status: 303, headers: { "Set-Cookie": await clearSessionCookie(request) } });
  }
  const form = parseForm(endSession, formData);
  if (form.ok) {
    const own = await listSessions(context.platformDb, account.id, session.tenantId);
    if (own.some((s) => s.id === form.data.sessionId)) await invalidateSession(context.platformDb, form.data.sessionId);
  }
  return redirect("/account", 303);
}

export default function Account() {
  const { email, member, sessions } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, lang, explain } = useLanguage();
  const mine = (form: string) => (answer?.form === form ? answer : undefined);
  return (
    <>
      <h1>{t.account.title}</h1>
      <p>{t.login.loggedInAs(email)}</p>
      <AreaPages area="account" />

      {member ? (
        <>
          <h2 id="gegevens">{t.account.details}</h2>
          {mine("profile")?.saved ? (
            <p role="status" className="notice">
              {t.account.saved}
            </p>
          ) : null}
          <PostForm noValidate aria-labelledby="gegevens">
            <input type="hidden" name="intent" value="profile" />
            <Field name="name" label={t.invitation.name} defaultValue={mine("profile")?.values.name ?? member.name} error={mine("profile")?.errors.name} required />
            <Field name="phone" type="tel" label={t.manage.phoneOptional} defaultValue={mine("profile")?.values.phone ?? member.phone ?? ""} error={mine("profile")?.errors.phone} />
            <Field name="address" label={t.manage.addressOptional} defaultValue={mine("profile")?.values.address ?? member.address ?? ""} error={mine("profile")?.errors.address} />
            <button type="submit">{t.account.save}</button>
          </PostForm>
        </>
      ) : null}

      <h2>{t.account.sessions}</h2>
      <p>{t.account.sessionsIntro}</p>
      <ul className="sessions">
        {sessions.map((s) => (
          <li key={s.id}>
            <span>{s.userAgent ?? t.account.unknownDevice}</span>{" "}
            <span className="muted">
              {t.account.lastUsed} {new Date(s.lastUsedAt).toLocaleString(lang === "nl" ? "nl-NL" : "en-GB", { timeZone: "Europe/Amsterdam" })}
            </span>
            {s.current ? (
              <strong> ({t.account.thisDevice})</strong>
            ) : (
              <PostForm>
                <input type="hidden" name="sessionId" value={s.id} />
                <button type="submit" className="secondary" aria-label={`${t.account.endSession}: ${s.userAgent ?? t.account.unknownDevice}`}>
                  {t.account.endSession}
                </button>
              </PostForm>
            )}
          </li>
        ))}
      </ul>
      <PostForm action="/uitloggen">
        <button type="submit" className="secondary">{t.login.logout}</button>
      </PostForm>

      {member ? (
        <>
          <h2>{t.account.yourData}</h2>
          <p>
            <a href="/account/gegevens" download>
              {t.account.download}
            </a>
          </p>
          <h2 id="verwijderen">{t.account.delete}</h2>
          <p>{t.account.deleteIntro}</p>
          <PostForm aria-labelledby="verwijderen">
            <input type="hidden" name="intent" value="delete" />
            {mine("delete")?.errors.confirm ? (
              <p className="error" id="confirm-fout">
                {explain(mine("delete")?.errors.confirm)}
              </p>
            ) : null}
            <label className="choice">
              <input type="checkbox" name="confirm" value="ja" aria-describedby={mine("delete")?.errors.confirm ? "confirm-fout" : undefined} />
              <span>{t.account.deleteConfirm}</span>
            </label>
            <button type="submit" className="danger">
              {t.account.deleteSubmit}
            </button>
          </PostForm>
        </>
      ) : null}
    </>
  );
}
