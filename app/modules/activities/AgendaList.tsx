import { Link } from "@remix-run/react";
import { formatDay } from "~/dates";
import { useLanguage } from "~/i18n/use-messages";
import type { AgendaDate } from "./agenda.server";

/** Dates grouped by day, each with its time, place and how many places are left. */
export function AgendaList({ dates, headingLevel = 3 }: { dates: AgendaDate[]; headingLevel?: 2 | 3 }) {
  const { t, lang } = useLanguage();
  const days = [...new Set(dates.map((date) => date.day))];
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="agenda">
      {days.map((day) => (
        <section key={day} className="agenda-day">
          <Heading>{formatDay(day, lang)}</Heading>
          <ul>
            {dates
              .filter((date) => date.day === day)
              .map((date) => (
                <li key={date.id} className={date.cancelled ? "agenda-item cancelled" : "agenda-item"}>
                  <span className="agenda-time">{`${date.start}–${date.end}`}</span>{" "}
                  <Link to={`/agenda/${date.activity_id}`}>{date.title}</Link>
                  <span className="muted">
                    {" · "}
                    {t.activities.categories[date.category]}
                    {date.location ? ` · ${date.location}` : ""}
                  </span>
                  <br />
                  <DateStatus date={date} />
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** "Nog 3 plekken", "Vol", "Gaat niet door: …" or "Kom gewoon langs". */
export function DateStatus({ date }: { date: Pick<AgendaDate, "cancelled" | "cancel_reason" | "move_reason" | "signup_required" | "capacity" | "places_taken" | "kind"> }) {
  const { t } = useLanguage();
  const a = t.activities;
  if (date.cancelled) return <strong>{date.cancel_reason ? a.cancelledBecause(date.cancel_reason) : a.cancelled}</strong>;
  const left = date.capacity - date.places_taken;
  return (
    <>
      {date.move_reason ? <strong>{a.moved(date.move_reason)} · </strong> : null}
      <span>{!date.signup_required ? a.walkIn : left > 0 ? (date.kind === "meal" ? a.portionsLeft(left) : a.placesLeft(left)) : a.full}</span>
    </>
  );
}
