import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { idParam, parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { acceptEstimate, getJob } from "~/modules/home-jobs/jobs.server";
import { JobFacts } from "~/modules/home-jobs/JobFacts";
import { homeJobStatuses } from "~/modules/home-jobs/tables";
import { signedInMember } from "~/modules/accounts/guard.server";
import { members, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: members, module: "home_jobs" });

export const meta = titleMeta((t) => t.homeJobs.detail.title);

/** The requester's own job (coordinators may look too); anyone else gets 404. */
async function ownJob(request: Request, context: LoaderFunctionArgs["context"], jobIdParam: string | undefined) {
  const viewer = signedInMember(context);
  const job = await getJob(viewer.db, idParam(jobIdParam));
  if (!job || (job.requester_id !== viewer.member.id && viewer.member.role !== "coordinator")) throw new Response(null, { status: 404 });
  return { ...viewer, job };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { job, member } = await ownJob(request, context, params.jobId);
  const { requester_phone: _phone, notes: _notes, hours: _hours, ...visible } = job;
  return { job: visible, mayAccept: job.status === "estimated" && job.requester_id === member.id };
}

const acceptSchema = z.object({ seen: z.enum(homeJobStatuses) });

/** The requester accepts the estimate of costs. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { db, job, member } = await ownJob(request, context, params.jobId);
  const form = parseForm(acceptSchema, await request.formData());
  if (!form.ok) return { error: "job_transition_invalid", done: false };
  const result = await acceptEstimate(db, job.id, form.data.seen, member);
  return result.ok ? { error: null, done: true } : { error: result.error, done: false };
}

export default function MyHomeJob() {
  const { job, mayAccept } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, explain } = useLanguage();
  const d = t.homeJobs.detail;
  return (
    <>
      <p>
        <Link to="/klussen">← {d.back}</Link>
      </p>
      <h1>{d.title}</h1>
      {search.get("nieuw") && !answer ? (
        <p role="status" className="notice">
          {t.homeJobs.request.sent}
        </p>
      ) : null}
      {answer?.done ? (
        <p role="status" className="notice">
          {d.accepted}
        </p>
      ) : null}
      {answer?.error ? (
        <p role="alert" className="error">
          {explain(answer.error)}
        </p>
      ) : null}
      <JobFacts job={job} showAddress />
      {mayAccept ? (
        <PostForm>
          <p>{d.estimateIntro}</p>
          <input type="hidden" name="seen" value={job.status} />
          <button type="submit">{d.accept}</button>
        </PostForm>
      ) : null}
    </>
  );
}
