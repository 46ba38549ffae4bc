import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { IntakeFields } from "~/modules/repairs/IntakeFields";
import { readMultipartForm, uploadedFiles } from "~/uploads.server";
import { checkPhotos, intakeSchema, MAX_REPAIR_PHOTOS, registerRepair } from "~/modules/repairs/repairs.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { members, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: members, module: "repairs", body: "multipart" });

export const meta = titleMeta((t) => t.repairs.intake.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  return null;
}

/** A signed-in member registers something of their own for repair. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { db, tenant, member } = signedInMember(context);
  const formData = await readMultipartForm(request, MAX_REPAIR_PHOTOS);
  const photos = await uploadedFiles(formData, "photos");
  const form = parseForm(intakeSchema, formData);
  const checked = await checkPhotos(photos);
  if (!form.ok || !checked.ok) {
    const values = form.ok ? form.raw : form.values;
    return { errors: { ...(form.ok ? {} : form.errors), ...(checked.ok ? {} : { [checked.field]: checked.error }) }, values };
  }
  const result = await registerRepair(db, context.storage, tenant.id, { ...form.data, memberId: member.id }, checked.images, member.id);
  if (!result.ok) return { errors: { [result.field]: result.error }, values: form.raw };
  throw redirect(`/reparaties/${result.repairId}?aangemeld=1`, 303);
}

export default function NewRepair() {
  const answer = useActionData<typeof action>();
  const { t, explain } = useLanguage();
  const i = t.repairs.intake;
  return (
    <>
      <p>
        <Link to="/reparaties">← {t.repairs.mine.title}</Link>
      </p>
      <h1>{i.title}</h1>
      <p>{i.intro}</p>
      {answer?.errors.form ? (
        <p role="alert" className="error">
          {explain(answer.errors.form)}
        </p>
      ) : null}
      <PostForm encType="multipart/form-data" noValidate>
        <IntakeFields errors={answer?.errors} values={answer?.values} />
        <button type="submit">{i.submit}</button>
      </PostForm>
    </>
  );
}
