import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/Field";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { offeringKinds } from "~/db/tables";
import { saveLogo } from "~/modules/neighbourhood/logo.server";
import { profileFormSchema, profileFormValues, saveProfile } from "~/modules/neighbourhood/profile.server";
import { readUpload } from "~/uploads.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";
import { AccentColourField } from "~/modules/neighbourhood/AccentColourField";

export const access = routeAccess({ site: "neighbourhood", view: coordinators, body: "formOrMultipart" });

export const meta = titleMeta((t) => t.profileForm.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  const values = await profileFormValues(db);
  return { values, hasLogo: values.logo === "ja" };
}

/** Coordinators edit what the public home page shows, and upload the logo. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { db, tenant } = signedInMember(context);
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const logo = await readUpload(request, "logo");
    const saved =
      logo === "too_big" ? { ok: false as const, error: "image_too_big" } : await saveLogo(db, context.storage, tenant.id, logo ?? new Uint8Array());
    return { errors: saved.ok ? {} : ({ logo: saved.error } as Record<string, string>), values: {} as Record<string, string>, saved: saved.ok, logo: true };
  }
  const form = parseForm(profileFormSchema, await request.formData());
  if (!form.ok) return { errors: form.errors, values: form.values, saved: false, logo: false };
  await saveProfile(db, form.data);
  return { errors: {} as Record<string, string>, values: form.raw, saved: true, logo: false };
}

export default function EditProfile() {
  const { values: saved, hasLogo } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, explain } = useLanguage();
  const values = (!answer?.logo && answer?.values) || saved;
  const field = (name: string) => ({ name, defaultValue: values[name] ?? "", error: answer?.errors[name] });
  const hasErrors = answer && !answer.logo && Object.keys(answer.errors).length > 0;
  return (
    <>
      <h1>{t.profileForm.title}</h1>
      <h2 id="logo-kop">{t.profileForm.logo}</h2>
      {hasLogo ? <img src="/logo" alt={t.profileForm.currentLogo} className="logo-preview" /> : null}
      {answer?.logo && answer.saved ? (
        <p role="status" className="notice">
          {t.profileForm.logoSaved}
        </p>
      ) : null}
      <PostForm encType="multipart/form-data" aria-labelledby="logo-kop" reloadDocument>
        <div className={answer?.errors.logo ? "field field-error" : "field"}>
          <label htmlFor="veld-logo">{t.profileForm.logoFile}</label>
          <p className="hint" id="veld-logo-hint">
            {t.profileForm.logoHint}
          </p>
          {answer?.errors.logo ? (
            <p className="error" id="veld-logo-fout">
              {explain(answer.errors.logo)}
            </p>
          ) : null}
          <input
            id="veld-logo"
            type="file"
            name="logo"
            accept="image/png,image/jpeg,image/webp"
            aria-describedby={answer?.errors.logo ? "veld-logo-hint veld-logo-fout" : "veld-logo-hint"}
            aria-invalid={answer?.errors.logo ? true : undefined}
          />
        </div>
        <button type="submit" className="secondary">{t.profileForm.logoSubmit}</button>
      </PostForm>
      <h2>{t.profileForm.texts}</h2>
      {answer?.saved && !answer.logo ? (
        <p role="status" className="notice">
          {t.profileForm.saved} <a href="/">{t.profileForm.view}</a>
        </p>
      ) : null}
      {hasErrors ? (
        <p role="alert" className="error">
          {t.profileForm.fix}
        </p>
      ) : null}
      <PostForm noValidate>
        <Field {...field("tagline")} label={t.profileForm.tagline} />
        <AccentColourField key={values.accent_colour ?? ""} defaultValue={values.accent_colour ?? ""} error={answer?.errors.accent_colour} />
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
      </PostForm>
    </>
  );
}
