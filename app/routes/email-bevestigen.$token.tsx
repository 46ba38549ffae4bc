import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { verifyEmail } from "~/modules/accounts/password-reset.server";
import { routeAccess } from "~/access";

export const access = routeAccess({ site: "both", view: "anyone" });

export const meta = titleMeta((t) => t.verification.title);

// Opening the link is the confirmation: the token is random, single-use and only sent to that address.
export async function loader({ params, context }: LoaderFunctionArgs) {
  return { result: await verifyEmail(context, params.token ?? "") };
}

export default function ConfirmEmail() {
  const { result } = useLoaderData<typeof loader>();
  const { t, explain } = useLanguage();
  return (
    <>
      <h1>{t.verification.title}</h1>
      {result === "ok" ? (
        <p role="status" className="notice">
          {t.verification.done}
        </p>
      ) : (
        <p className="error">{explain(`link_${result}`)}</p>
      )}
    </>
  );
}
