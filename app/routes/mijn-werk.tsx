import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDay } from "~/dates";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { assignedHomeJobs } from "~/modules/home-jobs/jobs.server";
import { itemName } from "~/modules/repairs/flow";
import { assignedRepairs } from "~/modules/repairs/repairs.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: desk });

export const meta = titleMeta((t) => t.myWork.title);

/** A volunteer's (or coordinator's) open repairs and home jobs, earliest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, member } = signedInMember(context);
  const [repairs, homeJobs] = await Promise.all([assignedRepairs(db, member.id), assignedHomeJobs(db, member.id)]);
  return { repairs, homeJobs };
}

export default function MyWork() {
  const { repairs, homeJobs } = useLoaderData<typeof loader>();
  const { t, lang } = useLanguage();
  const w = t.myWork;
  const when = (day: string | null) => (day ? w.planned(formatDay(day, lang)) : w.notPlanned);
  return (
    <>
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      {repairs.length === 0 && homeJobs.length === 0 ? <p>{w.none}</p> : null}
      {repairs.length > 0 ? (
        <section aria-labelledby="werk-reparaties">
          <h2 id="werk-reparaties">{w.repairs}</h2>
          <ul>
            {repairs.map((repair) => (
              <li key={repair.id}>
                <Link to={`/balie/reparaties/${repair.id}`}>
                  {t.repairs.detail.title(repair.number)}: {itemName(repair.kind, repair.brand, lang)}
                </Link>{" "}
                · {t.repairs.statuses[repair.status]} · {when(repair.planned_on)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {homeJobs.length > 0 ? (
        <section aria-labelledby="werk-klussen">
          <h2 id="werk-klussen">{w.homeJobs}</h2>
          <ul>
            {homeJobs.map((job) => (
              <li key={job.id}>
                <Link to={`/werk/klussen/${job.id}`}>{job.description.length > 80 ? `${job.description.slice(0, 80)}…` : job.description}</Link> ·{" "}
                {t.homeJobs.statuses[job.status]} · {when(job.scheduled_on)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
