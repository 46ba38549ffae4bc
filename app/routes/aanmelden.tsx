import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/Field";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { startSession } from "~/modules/accounts/login.server";
import { signupSchema, signUpResident } from "~/modules/accounts/signup.server";
import { requireTenant } from "~/request-context.server";
import { routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: "anyone" });

export const meta = titleMeta((t) => t.signup.submit);

export async function loader({ context }: LoaderFunctionArgs) {
  return { name: requireTenant(context).tenant.name };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(signupSchema, await request.formData());
  if (!form.ok) return { errors: form.errors, values: form.values };
  const result = await signUpResident(context, form.data, new URL(request.url).origin);
  if (!result.ok) {
    return { errors: { [result.field]: result.error } as Record<string, string>, values: { name: form.data.name, email: form.data.email, privacy: form.data.privacy } };
  }
  return redirect("/account", { status: 303, headers: { "Set-Cookie": await startSession(request, context, result.accountId) } });
}

export default function SignUp() {
  const { name } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, explain } = useLanguage();
  return (
    <>
      <h1>{t.signup.title(name)}</h1>
      <p>{t.signup.intro}</p>
      {answer?.errors.form ? (
        <p className="error" role="alert">
          {explain(answer.errors.form)}
        </p>
      ) : null}
      <PostForm noValidate>
        <Field name="name" label={t.invitation.name} hint={t.invitation.nameHint} autoComplete="name" defaultValue={answer?.values.name} error={answer?.errors.name} required />
        <Field name="email" type="email" autoComplete="email" label={t.login.email} defaultValue={answer?.values.email} error={answer?.errors.email} required />
        <Field name="password" type="password" autoComplete="new-password" label={t.login.password} hint={t.signup.passwordHint} error={answer?.errors.password} required />
        <div className={answer?.errors.privacy ? "field field-error" : "field"}>
          {answer?.errors.privacy ? (
            <p className="error" id="privacy-fout">
              {explain(answer.errors.privacy)}
            </p>
          ) : null}
          <label className="choice">
            <input type="checkbox" name="privacy" value="ja" defaultChecked={answer?.values.privacy === "ja"} aria-describedby={answer?.errors.privacy ? "privacy-fout" : undefined} aria-invalid={answer?.errors.privacy ? true : undefined} />
            <span>
              {t.signup.privacyAgree} (<Link to="/privacy">{t.signup.privacyLink}</Link>)
            </span>
          </label>
        </div>
        <button type="submit">{t.signup.submit}</button>
      </PostForm>
      <p>
        {t.signup.haveAccount} <Link to="/inloggen">{t.login.title}</Link>
      </p>
    </>
  );
}
