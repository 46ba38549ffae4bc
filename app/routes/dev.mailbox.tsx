import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { recentEmails } from "~/modules/email/outbox.server";
import { routeAccess } from "~/access";

export const access = routeAccess({ site: "platform", view: "platformAdmin" });

export const meta: MetaFunction = () => [{ title: "Mailbox (development)" }];

/**
 * Every email the app queued, for trying the app without a mail server. Only on the platform's own
 * domain, only when the server says so (development, or the embedded default without SMTP), and
 * only for a platform admin.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!context.devMailbox || context.site.kind !== "platform") throw new Response(null, { status: 404 });
  // The links in these emails open accounts: only a platform admin may read them.
  const emails = await recentEmails(context.platformDb);
  return { emails: emails.map((e) => ({ ...e, created_at: e.created_at.toISOString() })) };
}

export default function Mailbox() {
  const { emails } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Mailbox (development)</h1>
      <p>Emails are not sent: SMTP_URL is not set. This page exists only in development and on the embedded default.</p>
      {emails.length === 0 ? <p>No emails yet.</p> : null}
      {emails.map((email) => (
        <article key={email.id}>
          <h2>{email.subject}</h2>
          <p className="muted">
            To {email.to_address}, {email.created_at}
          </p>
          <pre className="mail">{email.body}</pre>
        </article>
      ))}
    </>
  );
}
