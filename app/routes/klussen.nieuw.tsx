import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { ChoiceField, Field, SelectField, TextAreaField } from "~/components/Field";
import type { TenantDb } from "~/db/accessors.server";
import { parseForm, searchText } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { homeJobPolicy, listPartners, MAX_PHOTOS_PER_JOB, requestJob, requestSchema } from "~/modules/home-jobs/jobs.server";
import { urgencies } from "~/modules/home-jobs/tables";
import { personPicker } from "~/modules/members/members.server";
import { PersonPicker } from "~/modules/members/PersonPicker";
import { readMultipartForm, uploadedFiles } from "~/uploads.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { members, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: members, module: "home_jobs", body: "multipart" });

export const meta = titleMeta((t) => t.homeJobs.request.title);

/** The person picker (for a coordinator) for what was typed and chosen in the form. */
const peopleFor = (db: TenantDb, values: Record<string, string>) => personPicker(db, searchText(100).parse(values.persoon), values.memberId);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, member } = signedInMember(context);
  const forOthers = member.role === "coordinator";
  // A search for a person without JavaScript sends the form here as a GET (photos cannot come along).
  const values = forOthers ? Object.fromEntries(new URL(request.url).searchParams) : {};
  const [policy, people, partners] = await Promise.all([
    homeJobPolicy(db),
    forOthers ? peopleFor(db, values) : null,
    forOthers ? listPartners(db) : Promise.resolve([]),
  ]);
  return {
    policy,
    forOthers,
    values,
    address: forOthers ? "" : (member.address ?? ""),
    people,
    partners: partners.map((p) => ({ id: p.id, name: p.name })),
  };
}

type Answer = { errors: Record<string, string>; values: Record<string, string>; people?: Awaited<ReturnType<typeof peopleFor>> };

/** A resident asks for help (or a coordinator enters a job for a member or a partner), with photos. */
export async function action({ request, context }: ActionFunctionArgs): Promise<Answer> {
  const { db, member, tenant } = signedInMember(context);
  const formData = await readMultipartForm(request, MAX_PHOTOS_PER_JOB);
  const uploads = await uploadedFiles(formData, "photos");
  const form = parseForm(requestSchema, formData);
  // Only a coordinator's form has the person picker.
  const people = (values: Record<string, string>) => (member.role === "coordinator" ? peopleFor(db, values) : Promise.resolve(undefined));
  if (!form.ok) return { errors: form.errors, values: form.values, people: await people(form.values) };
  const tooMuch = uploads.find((file) => typeof file === "string");
  if (tooMuch) return { errors: { photos: tooMuch === "too_big" ? "image_too_big" : "job_too_many_photos" }, values: form.raw, people: await people(form.raw) };
  const photos = uploads.filter((file): file is Uint8Array => typeof file !== "string");
  const result = await requestJob(db, context.storage, tenant.id, { ...form.data, actor: member, photos });
  if (!result.ok) return { errors: { [result.field]: result.error }, values: form.raw, people: await people(form.raw) };
  throw redirect(member.role === "coordinator" ? `/beheer/klussen/${result.jobId}` : `/klussen/${result.jobId}?nieuw=1`, 303);
}

export default function RequestHomeJob() {
  const { policy, forOthers, values: typed, address, people, partners } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const location = useLocation();
  const { t } = useLanguage();
  const r = t.homeJobs.request;
  const values = answer?.values ?? typed;
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
      {/* A new key after a search without JavaScript: the form starts from what the address says. */}
      <PostForm encType="multipart/form-data" noValidate key={location.search}>
        {forOthers && people ? (
          <>
            <PersonPicker legend={r.member} initial={answer?.people ?? people} error={errors.memberId} noneLabel={r.memberNone} />
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
