import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ChoiceField, Field, SelectField, TextAreaField } from "~/components/Field";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { homeJobPolicy, listPartners, MAX_PHOTOS_PER_JOB, requestJob, requestSchema } from "~/modules/home-jobs/jobs.server";
import { urgencies } from "~/modules/home-jobs/tables";
import { listMembers } from "~/modules/members/members.server";
import { readMultipartForm, uploadedFiles } from "~/uploads.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { members, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: members, module: "home_jobs", body: "multipart" });

export const meta = titleMeta((t) => t.homeJobs.request.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, member } = signedInMember(context);
  const forOthers = member.role === "coordinator";
  const [policy, members, partners] = await Promise.all([
    homeJobPolicy(db),
    forOthers ? listMembers(db) : Promise.resolve([]),
    forOthers ? listPartners(db) : Promise.resolve([]),
  ]);
  return {
    policy,
    forOthers,
    address: forOthers ? "" : (member.address ?? ""),
    members: members.map((m) => ({ id: m.id, name: m.name })),
    partners: partners.map((p) => ({ id: p.id, name: p.name })),
  };
}

type Answer = { errors: Record<string, string>; values: Record<string, string> };

/** A resident asks for help (or a coordinator enters a job for a member or a partner), with photos. */
export async function action({ request, context }: ActionFunctionArgs): Promise<Answer> {
  const { db, member, tenant } = signedInMember(context);
  const formData = await readMultipartForm(request, MAX_PHOTOS_PER_JOB);
  const uploads = await uploadedFiles(formData, "photos");
  const form = parseForm(requestSchema, formData);
  if (!form.ok) return { errors: form.errors, values: form.values };
  const tooMuch = uploads.find((file) => typeof file === "string");
  if (tooMuch) return { errors: { photos: tooMuch === "too_big" ? "image_too_big" : "job_too_many_photos" }, values: form.raw };
  const photos = uploads.filter((file): file is Uint8Array => typeof file !== "string");
  const result = await requestJob(db, context.storage, tenant.id, { ...form.data, actor: member, photos });
  if (!result.ok) return { errors: { [result.field]: result.error }, values: form.raw };
  throw redirect(member.role === "coordinator" ? `/beheer/klussen/${result.jobId}` : `/klussen/${result.jobId}?nieuw=1`, 303);
}

export default function RequestHomeJob() {
  const { policy, forOthers, address, members, partners } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useLanguage();
  const r = t.homeJobs.request;
  const values = answer?.values ?? {};
  const errors = answer?.errors ?? {};
  return (
    <>
      <p>
        <Link to="/klussen">← {t.homeJobs.mine.title}</Link>
      </p>
      <h1>{r.title}</h1>
      <p>{r.intro}</p>
      <details>
        <summary>{r.policy}</summary>
        <p className="pre-line">{policy}</p>
      </details>
      {answer ? (
        <p role="alert" className="error">
          {r.fix}
        </p>
      ) : null}
      <PostForm encType="multipart/form-data" noValidate>
        {forOthers ? (
          <>
            <SelectField
              name="memberId"
              label={r.member}
              defaultValue={values.memberId ?? ""}
              error={errors.memberId}
              options={[{ value: "", label: r.memberNone }, ...members.map((m) => ({ value: m.id, label: m.name }))]}
            />
            <SelectField
              name="partnerId"
              label={r.partner}
              defaultValue={values.partnerId ?? ""}
              error={errors.partnerId}
              options={[{ value: "", label: r.partnerNone }, ...partners.map((p) => ({ value: p.id, label: p.name }))]}
            />
          </>
        ) : null}
        <TextAreaField name="description" label={r.description} hint={r.descriptionHint} rows={5} defaultValue={values.description} error={errors.description} />
        <Field name="address" label={r.address} hint={forOthers ? r.addressHintCoordinator : r.addressHint} autoComplete="street-address" defaultValue={values.address ?? address} error={errors.address} />
        <ChoiceField
          name="urgency"
          label={r.urgency}
          defaultValue={values.urgency ?? "normal"}
          error={errors.urgency}
          options={urgencies.map((u) => ({ value: u, label: t.homeJobs.urgencies[u] }))}
        />
        <Field name="photos" label={r.photos} hint={r.photosHint} type="file" accept="image/png,image/jpeg,image/webp" multiple error={errors.photos} />
        <button type="submit">{r.submit}</button>
      </PostForm>
    </>
  );
}
