import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Field } from "~/components/Field";
import { keepTyped } from "~/forms";
import { useLanguage } from "~/i18n/use-messages";
import { requirePlatformAdmin } from "~/modules/accounts/guard.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant, TenantInputError } from "~/modules/tenants/tenants.server";

export const meta: MetaFunction = () => [{ title: "Nieuwe wijk" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request, context);
  return null;
}

/** Onboards a neighbourhood with the same logic as `npm run tenant:create`. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { database } = await requirePlatformAdmin(request, context);
  const values = keepTyped(Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)])));
  try {
    await createTenant(
      database,
      { slug: values.slug ?? "", name: values.name ?? "", municipality: values.municipality, province: values.province },
      seedNeighbourhood(),
    );
  } catch (error) {
    if (error instanceof TenantInputError) return { errors: { [error.field]: error.message } as Record<string, string>, values };
    throw error;
  }
  return redirect("/admin", 303);
}

export default function NewNeighbourhood() {
  const answer = useActionData<typeof action>();
  const { t } = useLanguage();
  const field = (name: string) => ({ name, defaultValue: answer?.values[name], error: answer?.errors[name] });
  return (
    <>
      <h1>{t.admin.onboard}</h1>
      <Form method="post" noValidate>
        <Field {...field("name")} label={t.admin.form.name} required />
        <Field {...field("slug")} label={t.admin.form.slug} hint={t.admin.form.slugHint} required autoCapitalize="none" spellCheck={false} />
        <Field {...field("municipality")} label={t.admin.form.municipality} />
        <Field {...field("province")} label={t.admin.form.province} />
        <button type="submit">{t.admin.form.submit}</button>
      </Form>
    </>
  );
}
