import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/Field";
import { parseForm } from "~/forms";
import { useLanguage } from "~/i18n/use-messages";
import { offeringKinds } from "~/db/tables";
import { requireRole } from "~/modules/accounts/guard.server";
import { profileFormSchema, profileFormValues, saveProfile } from "~/modules/neighbourhood/profile.server";

export const meta: MetaFunction = () => [{ title: "Profiel van de wijk" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = await requireRole(request, context, "coordinator");
  return { values: await profileFormValues(db) };
}

/** Coordinators edit what the public home page shows. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { db } = await requireRole(request, context, "coordinator");
  const form = parseForm(profileFormSchema, await request.formData());
  if (!form.ok) return { errors: form.errors, values: form.values, saved: false };
  await saveProfile(db, form.data);
  return { errors: {} as Record<string, string>, values: form.raw, saved: true };
}

export default function EditProfile() {
  const { values: saved } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useLanguage();
  const values = answer?.values ?? saved;
  const field = (name: string) => ({ name, defaultValue: values[name] ?? "", error: answer?.errors[name] });
  const hasErrors = answer && Object.keys(answer.errors).length > 0;
  return (
    <>
      <h1>{t.profileForm.title}</h1>
      {answer?.saved ? (
        <p role="status" className="notice">
          {t.profileForm.saved} <a href="/">{t.profileForm.view}</a>
        </p>
      ) : null}
      {hasErrors ? (
        <p role="alert" className="error">
          {t.profileForm.fix}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <Field {...field("tagline")} label={t.profileForm.tagline} />
        <div className={answer?.errors.description ? "field field-error" : "field"}>
          <label htmlFor="veld-description">{t.profileForm.description}</label>
          <textarea id="veld-description" name="description" rows={5} defaultValue={values.description ?? ""} />
        </div>
        <h2>{t.home.address}</h2>
        <Field {...field("street")} label={t.profileForm.street} autoComplete="street-address" />
        <Field {...field("postcode")} label={t.profileForm.postcode} autoComplete="postal-code" />
        <Field {...field("city")} label={t.profileForm.city} autoComplete="address-level2" />
        <h2>{t.home.contact}</h2>
        <Field {...field("phone")} type="tel" label={t.home.phone} />
        <Field {...field("email")} type="email" label={t.home.email} />
        <Field {...field("website")} type="url" label={t.home.website} hint={t.profileForm.websiteHint} />
        <h2>{t.home.openingHours}</h2>
        <p className="hint">{t.profileForm.hoursHint}</p>
        {t.weekdays.map((day, index) => (
          <fieldset key={day} className="hours-row">
            <legend>{day}</legend>
            <Field {...field(`opens_${index + 1}`)} type="time" label={t.profileForm.opens} />
            <Field {...field(`closes_${index + 1}`)} type="time" label={t.profileForm.closes} />
          </fieldset>
        ))}
        <h2>{t.home.whatWeOffer}</h2>
        {offeringKinds.map((kind) => (
          <fieldset key={kind} className="offer-row">
            <legend className="visually-hidden">{t.offerings[kind]}</legend>
            <label className="choice">
              <input type="checkbox" name={`offer_${kind}`} value="ja" defaultChecked={values[`offer_${kind}`] === "ja"} /> {t.offerings[kind]}
            </label>
            <Field {...field(`offerText_${kind}`)} label={t.profileForm.offerText(t.offerings[kind])} />
          </fieldset>
        ))}
        <button type="submit">{t.account.save}</button>
      </Form>
    </>
  );
}
