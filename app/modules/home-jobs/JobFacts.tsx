import { formatDay } from "~/dates";
import { useLanguage } from "~/i18n/use-messages";
import { formatEuro } from "~/money";
import type { HomeJobStatus, Urgency } from "./tables";
import { StatusBadge } from "~/components/StatusBadge";

/** What is known of a job, as a definition list; address and phone only when given. */
export function JobFacts({
  job,
  showAddress,
  phone,
}: {
  job: {
    id: string;
    status: HomeJobStatus;
    description: string;
    address: string | null;
    urgency: Urgency;
    partner_name: string | null;
    requester_name: string | null;
    decision_reason: string | null;
    cancel_reason: string | null;
    estimate_cents: number | null;
    estimate_description: string | null;
    scheduled_on: string | null;
    team: { member_id: string; name: string }[];
    photos: string[];
  };
  showAddress: boolean;
  phone?: string | null;
}) {
  const { t, lang } = useLanguage();
  const d = t.homeJobs.detail;
  return (
    <>
      <dl>
        <dt>{d.status}</dt>
        <dd>
          <StatusBadge status={job.status}>{t.homeJobs.statuses[job.status]}</StatusBadge>
        </dd>
        {job.requester_name ? (
          <>
            <dt>{d.requester}</dt>
            <dd>{job.requester_name}</dd>
          </>
        ) : null}
        {job.partner_name ? (
          <>
            <dt>{d.partner}</dt>
            <dd>{job.partner_name}</dd>
          </>
        ) : null}
        <dt>{d.description}</dt>
        <dd className="pre-line">{job.description}</dd>
        {showAddress && job.address ? (
          <>
            <dt>{d.address}</dt>
            <dd>{job.address}</dd>
          </>
        ) : null}
        {phone ? (
          <>
            <dt>{t.homeJobs.assess.phone}</dt>
            <dd>
              <a href={`tel:${phone.replace(/[^\d+]/g, "")}`}>{phone}</a>
            </dd>
          </>
        ) : null}
        <dt>{d.urgency}</dt>
        <dd>{t.homeJobs.urgencies[job.urgency]}</dd>
        {job.decision_reason ? (
          <>
            <dt>{d.reason}</dt>
            <dd className="pre-line">{job.decision_reason}</dd>
          </>
        ) : null}
        {job.cancel_reason ? (
          <>
            <dt>{t.homeJobs.assess.cancelReason}</dt>
            <dd className="pre-line">{job.cancel_reason}</dd>
          </>
        ) : null}
        {job.estimate_cents !== null ? (
          <>
            <dt>{d.estimate}</dt>
            <dd>
              {formatEuro(job.estimate_cents, lang)}
              {job.estimate_description ? ` · ${job.estimate_description}` : null}
            </dd>
          </>
        ) : null}
        {job.scheduled_on ? (
          <>
            <dt>{d.scheduledOn}</dt>
            <dd>{formatDay(job.scheduled_on, lang)}</dd>
          </>
        ) : null}
        {job.team.length ? (
          <>
            <dt>{d.team}</dt>
            <dd>{job.team.map((person) => person.name).join(", ")}</dd>
          </>
        ) : null}
      </dl>
      {job.photos.length ? (
        <>
          <h2>{d.photos}</h2>
          <ul className="tool-photos">
            {job.photos.map((photo, index) => (
              <li key={photo}>
                <a href={`/klussen/${job.id}/foto/${photo}`}>
                  <img src={`/klussen/${job.id}/foto/${photo}`} alt={d.photoOf(index + 1)} width={160} />
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
