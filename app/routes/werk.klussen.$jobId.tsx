import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/Field";
import { idParam, parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { jobForWorker, ownHoursSchema, recordOwnHours } from "~/modules/home-jobs/jobs.server";
import { JobFacts } from "~/modules/home-jobs/JobFacts";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: desk, module: "home_jobs" });

export const meta = titleMeta((t) => t.homeJobs.work.title);

/** The team's view of a job: with address, phone and notes. Not on the team (and not a coordinator): 404. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, member } = signedInMember(context);
  const job = await jobForWorker(db, idParam(params.jobId), member);
  if (!job) throw new Response(null, { status: 404 });
  const mine = job.hours.find((entry) => entry.member_id === member.id);
  return { job, myMinutes: mine?.minutes ?? null, mayRecord: job.assigned && (job.status === "scheduled" || job.status === "done") };
}

/** A member of the team writes down their own hours. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { db, member } = signedInMember(context);
  const jobId = idParam(params.jobId);
  const team = await db.selectFrom("home_job_team").select("member_id").where("job_id", "=", jobId).where("member_id", "=", member.id).executeTakeFirst();
  if (!team) throw new Response(null, { status: 404 });
  const form = parseForm(ownHoursSchema, await request.formData());
  if (!form.ok) return { errors: form.errors, values: form.values, done: false };
  const result = await recordOwnHours(db, jobId, member.id, form.data.hours!);
  return result.ok ? { errors: {}, values: {}, done: true } : { errors: { [result.field]: result.error }, values: form.raw, done: false };
}

export default function WorkOnHomeJob() {
  const { job, myMinutes, mayRecord } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useLanguage();
  const w = t.homeJobs.work;
  return (
    <>
      <h1>
        {w.title}: {job.requester_name ?? job.partner_name ?? ""}
      </h1>
      <p className="notice">{w.privacy}</p>
      <JobFacts job={job} showAddress phone={job.requester_phone} />
      {job.notes ? (
        <>
          <h2>{t.homeJobs.assess.notes}</h2>
          <p className="pre-line">{job.notes}</p>
        </>
      ) : null}
      {mayRecord ? (
        <>
          <h2 id="uren">{w.hours}</h2>
          {answer?.done ? (
            <p role="status" className="notice">
              {w.hoursSaved}
            </p>
          ) : null}
          <PostForm noValidate aria-labelledby="uren">
            <Field
              name="hours"
              label={w.hoursField}
              hint={w.hoursHint}
              inputMode="decimal"
              defaultValue={answer?.values.hours ?? (myMinutes ? String(myMinutes / 60).replace(".", ",") : "")}
              error={answer?.errors.hours}
            />
            <button type="submit">{w.hoursSubmit}</button>
          </PostForm>
        </>
      ) : null}
    </>
  );
}
