import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { Field } from "~/components/Field";
import type { TenantDb } from "~/db/accessors.server";
import { parseForm, searchText } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { personPicker } from "~/modules/members/members.server";
import { PersonPicker } from "~/modules/members/PersonPicker";
import { IntakeFields } from "~/modules/repairs/IntakeFields";
import { readMultipartForm, uploadedFiles } from "~/uploads.server";
import { checkPhotos, deskIntakeSchema, MAX_REPAIR_PHOTOS, registerRepair } from "~/modules/repairs/repairs.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: desk, module: "repairs", body: "multipart" });

export const meta = titleMeta((t) => t.repairs.intake.deskTitle);

/** The person picker for what was typed and chosen in the form. */
const peopleFor = (db: TenantDb, values: Record<string, string>) => personPicker(db, searchText(100).parse(values.persoon), values.memberId);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  // A search for a person without JavaScript sends the form here as a GET (photos cannot come along).
  const values = Object.fromEntries(new URL(request.url).searchParams);
  return { values, people: await peopleFor(db, values) };
}

/** The desk takes in a repair for someone from the list, or for a new person (name and phone). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { db, tenant, member } = signedInMember(context);
  const formData = await readMultipartForm(request, MAX_REPAIR_PHOTOS);
  const photos = await uploadedFiles(formData, "photos");
  const form = parseForm(deskIntakeSchema, formData);
  const checked = await checkPhotos(photos);
  if (!form.ok || !checked.ok) {
    const values = form.ok ? form.raw : form.values;
    return { errors: { ...(form.ok ? {} : form.errors), ...(checked.ok ? {} : { [checked.field]: checked.error }) }, values, people: await peopleFor(db, values) };
  }
  const result = await registerRepair(db, context.storage, tenant.id, form.data, checked.images, member.id);
  if (!result.ok) return { errors: { [result.field]: result.error }, values: form.raw, people: await peopleFor(db, form.raw) };
  throw redirect(`/balie/reparaties/${result.repairId}?nieuw=1`, 303);
}

export default function DeskIntake() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const location = useLocation();
  const { t, explain } = useLanguage();
  const i = t.repairs.intake;
  const values = answer?.values ?? loaded.values;
  const errors: Record<string, string> = answer?.errors ?? {};
  return (
    <>
      <p>
        <Link to="/balie/reparaties">← {t.repairs.desk.back}</Link>
      </p>
      <h1>{i.deskTitle}</h1>
      {errors.form ? (
        <p role="alert" className="error">
          {explain(errors.form)}
        </p>
      ) : null}
      {/* A new key after a search without JavaScript: the form starts from what the address says. */}
      <PostForm encType="multipart/form-data" noValidate key={location.search}>
        <fieldset>
          <legend>{i.person}</legend>
          <PersonPicker legend={i.choosePerson} initial={answer?.people ?? loaded.people} error={errors.memberId} noneLabel={t.people.picker.someoneNew} />
          <p>{i.orNew}</p>
          <Field name="newName" label={i.newName} defaultValue={values.newName} error={errors.newName} autoComplete="off" />
          <Field name="newPhone" type="tel" label={i.newPhone} hint={i.newPhoneHint} defaultValue={values.newPhone} error={errors.newPhone} autoComplete="off" />
        </fieldset>
        <IntakeFields errors={errors} values={values} />
        <button type="submit">{i.submit}</button>
      </PostForm>
    </>
  );
}
