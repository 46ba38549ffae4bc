import type { OfferingKind } from "~/db/tables";
import type { Messages } from "~/i18n/messages";
import { AgendaList } from "~/modules/activities/AgendaList";
import type { AgendaDate } from "~/modules/activities/agenda.server";
import type { NeighbourhoodHome } from "./home.server";

interface Props {
  name: string;
  home: NeighbourhoodHome;
  /** The agenda of the coming seven days; null when the neighbourhood keeps none. */
  thisWeek: AgendaDate[] | null;
  t: Messages;
}

/** A neighbourhood's public home page: who they are, what they offer, when and where to come. */
/** The page where a resident uses an offer, for the offers that have one. */
const offerPages: Partial<Record<OfferingKind, string>> = { tool_library: "/gereedschap", repairs: "/reparaties", home_jobs: "/klussen", activities: "/agenda" };

export function NeighbourhoodHomePage({ name, home, thisWeek, t }: Props) {
  const { profile, openingHours, offerings } = home;
  // Only web links: never a javascript: or data: URL typed into the profile.
  const website = profile?.website && /^https?:\/\//i.test(profile.website) ? profile.website : null;
  const address = [profile?.street, [profile?.postcode, profile?.city].filter(Boolean).join(" ")].filter(Boolean);
  return (
    <>
      <h1>{name}</h1>
      {profile?.tagline ? <p className="lead">{profile.tagline}</p> : null}
      {profile?.description ? <p>{profile.description}</p> : null}

      {offerings.length > 0 ? (
        <section aria-labelledby="aanbod">
          <h2 id="aanbod">{t.home.whatWeOffer}</h2>
          <ul className="offerings">
            {offerings.map((o) => (
              <li key={o.kind}>
                <strong>{offerPages[o.kind] ? <a href={offerPages[o.kind]}>{t.offerings[o.kind]}</a> : (t.offerings[o.kind] ?? o.kind)}</strong>
                {o.description ? <span>{o.description}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {thisWeek ? (
        <section aria-labelledby="deze-week">
          <h2 id="deze-week">{t.activities.agenda.homeTitle}</h2>
          {thisWeek.length === 0 ? <p>{t.activities.agenda.homeNone}</p> : <AgendaList dates={thisWeek} />}
          <p>
            <a href="/agenda">{t.activities.agenda.homeAll}</a>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="openingstijden">
        <h2 id="openingstijden">{t.home.openingHours}</h2>
        {openingHours.length === 0 ? (
          <p>{t.home.noOpeningHours}</p>
        ) : (
          <dl className="hours">
            {openingHours.map((h, i) => (
              <div key={i}>
                <dt>{t.weekdays[h.weekday - 1]}</dt>
                <dd>
                  {t.home.hoursRange(h.opens, h.closes)}
                  {h.note ? ` (${h.note})` : null}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      {address.length > 0 ? (
        <section aria-labelledby="adres">
          <h2 id="adres">{t.home.address}</h2>
          <address>
            {address.map((line) => (
              <div key={line}>{line}</div>
            ))}
          </address>
        </section>
      ) : null}

      {profile?.phone || profile?.email || website ? (
        <section aria-labelledby="contact">
          <h2 id="contact">{t.home.contact}</h2>
          <ul className="contact">
            {profile?.phone ? (
              <li>
                {t.home.phone}: <a href={`tel:${profile.phone.replace(/\s+/g, "")}`}>{profile.phone}</a>
              </li>
            ) : null}
            {profile?.email ? (
              <li>
                {t.home.email}: <a href={`mailto:${profile.email}`}>{profile.email}</a>
              </li>
            ) : null}
            {website ? (
              <li>
                {t.home.website}: <a href={website}>{website}</a>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
    </>
  );
}
