import type { Messages } from "~/i18n/messages";

interface Props {
  neighbourhoods: { slug: string; url: string; name: string; municipality: string | null; province: string | null }[];
  t: Messages;
}

/** The platform's own landing page on the bare domain: what Wijkplaats is and who is on it. */
export function PlatformLandingPage({ neighbourhoods, t }: Props) {
  return (
    <>
      <h1>{t.landing.title}</h1>
      <p className="lead">{t.landing.intro}</p>
      <h2>{t.landing.listTitle}</h2>
      {neighbourhoods.length === 0 ? (
        <p>{t.landing.empty}</p>
      ) : (
        <ul className="neighbourhoods">
          {neighbourhoods.map((n) => (
            <li key={n.slug}>
              <a href={n.url}>{n.name}</a>
              {n.municipality ? <span className="muted"> · {[n.municipality, n.province].filter(Boolean).join(", ")}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
