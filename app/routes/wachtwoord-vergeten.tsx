import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { requestPasswordReset } from "~/modules/accounts/password-reset.server";
import { emailSchema } from "~/modules/accounts/validation.server";
import { routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "both", view: "anyone" });

export const meta = titleMeta((t) => t.passwordReset.title);

// On a neighbourhood's host or the platform's own domain; nowhere else.
const requireSite = (context: LoaderFunctionArgs["context"]) => {
};

export async function loader({ context }: LoaderFunctionArgs) {
  requireSite(context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireSite(context);
  const form = parseForm(z.object({ email: emailSchema }), await request.formData());
  if (!form.ok) return { errors: form.errors, values: form.values, sent: false };
  const result = await requestPasswordReset(context, form.data.email, new URL(request.url).origin);
  if (result === "too_many_attempts") return { errors: { email: result } as Record<string, string>, values: { email: form.data.email }, sent: false };
  return { errors: {} as Record<string, string>, values: {} as Record<string, string>, sent: true };
}

export default function ForgotPassword() {
  const answer = useActionData<typeof action>();
  const { t } = useLanguage();
  return (
    <>
      <h1>{t.passwordReset.title}</h1>
      {answer?.sent ? (
        <p role="status" className="notice">
          {t.passwordReset.sent}
        </p>
      ) : (
        <>
          <p>{t.passwordReset.intro}</p>
          <PostForm noValidate>
            <Field name="email" type="email" autoComplete="email" label={t.login.email} defaultValue={answer?.values.email} error={answer?.errors.email} required />
            <button type="submit">{t.passwordReset.submit}</button>
          </PostForm>
        </>
      )}
    </>
  );
}
