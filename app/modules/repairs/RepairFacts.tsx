import type { Settlement } from "~/modules/payments/tables";
import { useLanguage } from "~/i18n/use-messages";
import { formatDay } from "~/dates";
import { formatEuro } from "~/money";
import type { RepairKind, RepairOutcome, RepairStatus } from "./tables";
import { StatusBadge } from "~/components/StatusBadge";

export interface RepairFactsData {
  id: string;
  kind: RepairKind;
  brand: string | null;
  fault: string;
  learn_myself: boolean;
  status: RepairStatus;
  planned_on: string | null;
  outcome: RepairOutcome | null;
  contribution_cents: number | null;
  contribution_payment: Settlement | null;
}

/**
 * What the resident and the desk both see of a repair: the item, status, parts, contribution and
 * photos. `forDesk` speaks about the resident instead of to them.
 */
export function RepairFacts({
  repair,
  parts,
  photoIds,
  forDesk = false,
}: {
  repair: RepairFactsData;
  parts: { id: string; description: string; cost_cents: number }[];
  photoIds: string[];
  forDesk?: boolean;
}) {
  const { t, lang } = useLanguage();
  const d = t.repairs.detail;
  const about = forDesk ? t.repairs.desk : d;
  return (
    <>
      <dl>
        <dt>{d.status}</dt>
        <dd>
          <StatusBadge status={repair.status}>{t.repairs.statuses[repair.status]}</StatusBadge>
        </dd>
        <dt>{d.kind}</dt>
        <dd>{t.repairs.kinds[repair.kind]}</dd>
        {repair.brand ? (
          <>
            <dt>{d.brand}</dt>
            <dd>{repair.brand}</dd>
          </>
        ) : null}
        <dt>{d.fault}</dt>
        <dd className="pre-line">{repair.fault}</dd>
        {repair.planned_on ? (
          <>
            <dt>{d.plannedOn}</dt>
            <dd>{formatDay(repair.planned_on, lang)}</dd>
          </>
        ) : null}
        {repair.outcome ? (
          <>
            <dt>{d.outcome}</dt>
            <dd>{t.repairs.outcomes[repair.outcome]}</dd>
          </>
        ) : null}
        {parts.length > 0 ? (
          <>
            <dt>{d.parts}</dt>
            <dd>
              <ul>
                {parts.map((part) => (
                  <li key={part.id}>
                    {part.description}: {formatEuro(part.cost_cents, lang)}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {repair.contribution_cents ? (
          <>
            <dt>{about.contribution}</dt>
            <dd>
              {formatEuro(repair.contribution_cents, lang)}
              {`, ${repair.contribution_payment ? { cash: d.paidCash, online: d.paidOnline, waived: d.waived }[repair.contribution_payment] : d.notPaidYet}`}
            </dd>
          </>
        ) : null}
      </dl>
      {repair.learn_myself ? <p>{about.learnMyself}</p> : null}
      {photoIds.length > 0 ? (
        <>
          <h2>{d.photos}</h2>
          <div className="tool-photos">
            {photoIds.map((photoId, index) => (
              <img key={photoId} src={`/reparaties/${repair.id}/foto/${photoId}`} alt={d.photoOf(index + 1)} width={240} />
            ))}
          </div>
        </>
      ) : null}
    </>
  );
}
