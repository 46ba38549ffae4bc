import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { checkAccountToken } from "~/modules/accounts/account-tokens.server";
import { resetPassword } from "~/modules/accounts/password-reset.server";
import { newPasswordSchema } from "~/modules/accounts/validation.server";
import { routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "both", view: "anyone" });

export const meta = titleMeta((t) => t.passwordReset.newTitle);

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { state } = await checkAccountToken(context.platformDb, params.token ?? "", "password_reset");
  return { state };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = parseForm(z.object({ password: newPasswordSchema }), await request.formData());
  if (!form.ok) return { errors: form.errors };
  const result = await resetPassword(context, params.token ?? "", form.data.password);
  if (result !== "ok") return { errors: { form: `link_${result}` } as Record<string, string> };
  return redirect("/inloggen?hersteld=1", 303);
}

export default function ResetPassword() {
  const { state } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, explain } = useLanguage();
  const problem = answer?.errors.form ?? (state === "valid" ? undefined : `link_${state}`);
  return (
    <>
      <h1>{t.passwordReset.newTitle}</h1>
      {problem ? (
        <p className="error" role="alert">
          {explain(problem)} <a href="/wachtwoord-vergeten">{t.passwordReset.forgot}</a>
        </p>
      ) : (
        <PostForm noValidate>
          <Field name="password" type="password" autoComplete="new-password" label={t.passwordReset.newPassword} hint={t.signup.passwordHint} error={answer?.errors.password} required />
          <button type="submit">{t.passwordReset.newSubmit}</button>
        </PostForm>
      )}
    </>
  );
}
