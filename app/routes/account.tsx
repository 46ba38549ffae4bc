import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseForm } from "~/forms";
import { useLanguage } from "~/i18n/use-messages";
import { requireSignedIn } from "~/modules/accounts/guard.server";
import { invalidateSession, listSessions } from "~/modules/accounts/sessions.server";

export const meta: MetaFunction = () => [{ title: "Mijn account" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { account, session } = await requireSignedIn(request, context);
  const sessions = await listSessions(context.platformDb, account.id, session.tenantId);
  return {
    email: account.email,
    sessions: sessions.map((s) => ({ id: s.id, userAgent: s.user_agent, lastUsedAt: s.last_used_at.toISOString(), current: s.id === session.id })),
  };
}

const endSession = z.object({ sessionId: z.string().min(1).max(64) });

/** End one of your own sessions on this host (for example on a phone you lost). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { account, session } = await requireSignedIn(request, context);
  const form = parseForm(endSession, await request.formData());
  if (form.ok) {
    const own = await listSessions(context.platformDb, account.id, session.tenantId);
    if (own.some((s) => s.id === form.data.sessionId)) await invalidateSession(context.platformDb, form.data.sessionId);
  }
  return redirect("/account", 303);
}

export default function Account() {
  const { email, sessions } = useLoaderData<typeof loader>();
  const { t, lang } = useLanguage();
  return (
    <>
      <h1>{t.account.title}</h1>
      <p>{t.login.loggedInAs(email)}</p>
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
              <Form method="post">
                <input type="hidden" name="sessionId" value={s.id} />
                <button type="submit" aria-label={`${t.account.endSession}: ${s.userAgent ?? t.account.unknownDevice}`}>
                  {t.account.endSession}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <Form method="post" action="/uitloggen">
        <button type="submit">{t.login.logout}</button>
      </Form>
    </>
  );
}
