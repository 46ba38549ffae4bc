import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field } from "~/components/Field";
import { localPathSchema, parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { logIn } from "~/modules/accounts/login.server";
import { loginSchema } from "~/modules/accounts/validation.server";
import { requireTenant } from "~/request-context.server";
import { routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "both", view: "anyone" });

export const meta = titleMeta((t) => t.login.title);

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.site.kind === "platform") return { name: null };
  return { name: requireTenant(context).tenant.name };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(loginSchema, await request.formData());
  if (!form.ok) return { errors: form.errors, values: form.values };
  const result = await logIn(request, context, form.data.email, form.data.password);
  if (!result.ok) return { errors: { password: result.error }, values: { email: form.data.email } };
  const fallback = context.site.kind === "platform" ? "/admin" : "/";
  const target = form.data.terug ? localPathSchema.parse(form.data.terug) : fallback;
  return redirect(target, { status: 303, headers: { "Set-Cookie": result.cookie } });
}

export default function LogIn() {
  const { name } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useLanguage();
  return (
    <>
      <h1>{t.login.title}</h1>
      {params.get("hersteld") ? (
        <p role="status" className="notice">
          {t.passwordReset.done}
        </p>
      ) : null}
      <p>{name ? t.login.intro(name) : t.login.platformIntro}</p>
      <PostForm noValidate>
        <input type="hidden" name="terug" value={params.get("terug") ?? ""} />
        <Field
          name="email"
          type="email"
          autoComplete="username"
          label={t.login.email}
          defaultValue={answer?.values.email}
          error={answer?.errors.email}
          required
        />
        <Field name="password" type="password" autoComplete="current-password" label={t.login.password} error={answer?.errors.password} required />
        <button type="submit">{t.login.submit}</button>
      </PostForm>
      <p>
        <Link to="/wachtwoord-vergeten">{t.passwordReset.forgot}</Link>
      </p>
      {name ? (
        <p>
          {t.login.noAccount} <Link to="/aanmelden">{t.signup.submit}</Link>
        </p>
      ) : null}
    </>
  );
}
