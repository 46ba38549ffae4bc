import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { idParam, parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { answerEstimate, getJob } from "~/modules/home-jobs/jobs.server";
import { JobFacts } from "~/modules/home-jobs/JobFacts";
import { homeJobStatuses } from "~/modules/home-jobs/tables";
import { signedInMember } from "~/modules/accounts/guard.server";
import { amountsDue } from "~/modules/payments/checkout.server";
import { onlinePaymentsOpen } from "~/modules/payments/connect.server";
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
  const { job, member, db, tenant } = await ownJob(request, context, params.jobId);
  const { requester_phone: _phone, notes: _notes, hours: _hours, ...visible } = job;
  // The accepted estimate can be paid online, when the neighbourhood takes that.
  const payable = (await onlinePaymentsOpen(context.payments, context.platformDb, tenant.id)) && (await amountsDue(db, "home_job", job.id, member.id)) !== null;
  return { job: visible, mayAccept: job.status === "estimated" && job.requester_id === member.id, payable };
}

// A page from before there was a "decline" button posts no answer: its one button meant yes.
const answerSchema = z.object({ seen: z.enum(homeJobStatuses), answer: z.enum(["accept", "decline"]).default("accept") });

/** The requester accepts or declines the estimate of costs. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { db, job, member } = await ownJob(request, context, params.jobId);
  const form = parseForm(answerSchema, await request.formData());
  if (!form.ok) return { error: "job_transition_invalid", done: null };
  const result = await answerEstimate(db, job.id, form.data.seen, member, form.data.answer);
  return result.ok ? { error: null, done: form.data.answer } : { error: result.error, done: null };
}

export default function MyHomeJob() {
  const { job, mayAccept, payable } = useLoaderData<typeof loader>();
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
          {answer.done === "accept" ? d.accepted : d.declined}
        </p>
      ) : null}
      {answer?.error ? (
        <p role="alert" className="error">
          {explain(answer.error)}
        </p>
      ) : null}
      <JobFacts job={job} showAddress />
      {payable ? (
        <p>
          <Link to={`/betalen/home_job/${job.id}`}>{t.payments.pay.link}</Link>
        </p>
      ) : null}
      {mayAccept ? (
        <PostForm>
          <p>{d.estimateIntro}</p>
          <input type="hidden" name="seen" value={job.status} />
          <div className="actions">
            <button type="submit" name="answer" value="accept">
              {d.accept}
            </button>
            <button type="submit" name="answer" value="decline" className="secondary">
              {d.decline}
            </button>
          </div>
        </PostForm>
      ) : null}
    </>
  );
}
