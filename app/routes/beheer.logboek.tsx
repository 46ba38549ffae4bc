import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { listAudit } from "~/modules/audit/audit.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: coordinators });

export const meta = titleMeta((t) => t.audit.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  const entries = await listAudit(db);
  return { entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })) };
}

export default function AuditLog() {
  const { entries } = useLoaderData<typeof loader>();
  const { t, lang } = useLanguage();
  return (
    <div className="desk-page">
      <h1>{t.audit.title}</h1>
      <p>{t.audit.intro}</p>
      <table className="cards">
        <thead>
          <tr>
            <th scope="col">{t.audit.when}</th>
            <th scope="col">{t.audit.who}</th>
            <th scope="col">{t.audit.what}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td data-label={t.audit.when}>{new Date(e.at).toLocaleString(lang === "nl" ? "nl-NL" : "en-GB", { timeZone: "Europe/Amsterdam" })}</td>
              <td data-label={t.audit.who}>{e.actor_name ?? t.audit.nobody}</td>
              <td data-label={t.audit.what}>{t.audit.describe(e.action, e.subject_name, e.details as Record<string, string>)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
