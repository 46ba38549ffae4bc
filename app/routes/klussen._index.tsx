import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDay } from "~/dates";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { jobsOf } from "~/modules/home-jobs/jobs.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { members, routeAccess } from "~/access";
import { StatusBadge } from "~/components/StatusBadge";

export const access = routeAccess({ site: "neighbourhood", view: members, module: "home_jobs" });

export const meta = titleMeta((t) => t.homeJobs.mine.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, member } = signedInMember(context);
  const jobs = await jobsOf(db, member.id);
  return { jobs: jobs.map((job) => ({ ...job, created_on: job.created_at.toISOString().slice(0, 10) })) };
}

export default function MyHomeJobs() {
  const { jobs } = useLoaderData<typeof loader>();
  const { t, lang } = useLanguage();
  const m = t.homeJobs.mine;
  return (
    <>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      <p>
        <Link to="/klussen/nieuw" className="button">
          {m.new}
        </Link>
      </p>
      {jobs.length === 0 ? (
        <p>{m.none}</p>
      ) : (
        <table className="cards">
          <thead>
            <tr>
              <th scope="col">{m.job}</th>
              <th scope="col">{m.asked}</th>
              <th scope="col">{m.status}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id}>
                <td data-label={m.job}>
                  <Link to={`/klussen/${job.id}`}>{job.description.length > 80 ? `${job.description.slice(0, 80)}…` : job.description}</Link>
                </td>
                <td data-label={m.asked}>{formatDay(job.created_on, lang)}</td>
                <td data-label={m.status}>
                  <StatusBadge status={job.status}>{t.homeJobs.statuses[job.status]}</StatusBadge>
                  {job.status === "scheduled" && job.scheduled_on ? `: ${formatDay(job.scheduled_on, lang)}` : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
