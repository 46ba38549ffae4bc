import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { requireTenant } from "~/request-context.server";
import { routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: "anyone" });

export const meta = titleMeta((t) => t.privacy.title);

export async function loader({ context }: LoaderFunctionArgs) {
  return { name: requireTenant(context).tenant.name };
}

/** The privacy statement in plain words: what we keep, why, who sees it, and your rights. */
export default function Privacy() {
  const { name } = useLoaderData<typeof loader>();
  const { t } = useLanguage();
  return (
    <>
      <h1>{t.privacy.title}</h1>
      {t.privacy.paragraphs(name).map((p) => (
        <p key={p}>{p}</p>
      ))}
    </>
  );
}
