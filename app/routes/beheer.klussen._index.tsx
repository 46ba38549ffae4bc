import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDay } from "~/dates";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { boardJobs, listPartners } from "~/modules/home-jobs/jobs.server";
import { homeJobStatuses } from "~/modules/home-jobs/tables";
import { signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: coordinators, module: "home_jobs" });

export const meta = titleMeta((t) => t.homeJobs.board.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  const [jobs, partners] = await Promise.all([boardJobs(db), listPartners(db)]);
  return { jobs: jobs.map(({ created_at: _created, ...job }) => job), partners };
}

/** The coordinator's board: every open job, grouped by its step. */
export default function HomeJobBoard() {
  const { jobs, partners } = useLoaderData<typeof loader>();
  const { t, lang } = useLanguage();
  const b = t.homeJobs.board;
  const columns = homeJobStatuses.filter((status) => status !== "closed");
  return (
    <div className="desk-page">
      <h1>{b.title}</h1>
      <p>{b.intro}</p>
      <p>
        <Link to="/klussen/nieuw">{b.new}</Link> · <Link to="/beheer/klussen/beleid">{b.policy}</Link> · <Link to="/beheer/klussen/partners">{b.partners}</Link>
      </p>
      <div className="board">
      {columns.map((status) => {
        const here = jobs.filter((job) => job.status === status);
        return (
          <section key={status} aria-labelledby={`stap-${status}`}>
            <h2 id={`stap-${status}`}>
              {t.homeJobs.statuses[status]} ({here.length})
            </h2>
            {here.length === 0 ? (
              <p>{b.none}</p>
            ) : (
              <ul>
                {here.map((job) => (
                  <li key={job.id}>
                    <Link to={`/beheer/klussen/${job.id}`}>{job.description.length > 60 ? `${job.description.slice(0, 60)}…` : job.description}</Link>
                    {" · "}
                    {job.requester_name ?? b.unknownPerson}
                    {job.partner_name ? ` · ${b.forPartner(job.partner_name)}` : null}
                    {" · "}
                    {t.homeJobs.urgencies[job.urgency]}
                    {job.scheduled_on ? ` · ${formatDay(job.scheduled_on, lang)}` : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      </div>
      {partners.length ? (
        <>
          <h2>{b.perPartner}</h2>
          <ul>
            {partners.map((partner) => (
              <li key={partner.id}>
                {`${partner.name}: ${partner.jobs}`}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
