import type { Messages } from "~/i18n/messages";

interface DemoLogin {
  role: "coordinator" | "volunteer" | "resident" | "platform_admin";
  name: string;
  email: string;
  loginUrl: string;
}

interface Props {
  neighbourhoods: { slug: string; url: string; name: string; municipality: string | null; province: string | null }[];
  /** Only in a demo (SEED_DEMO): who to log in as. */
  demo: { password: string; logins: DemoLogin[] } | null;
  t: Messages;
}

/** The platform's own landing page on the bare domain: what Wijkplaats is and who is on it. */
export function PlatformLandingPage({ neighbourhoods, demo, t }: Props) {
  return (
    <>
      <h1>{t.landing.title}</h1>
      <p className="lead">{t.landing.intro}</p>
      {demo ? <DemoLogins demo={demo} t={t} /> : null}
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

function DemoLogins({ demo, t }: { demo: NonNullable<Props["demo"]>; t: Messages }) {
  return (
    <section className="demo-logins" aria-labelledby="demo-logins-title">
      <h2 id="demo-logins-title">{t.landing.demoTitle}</h2>
      <p>{t.landing.demoIntro}</p>
      <p>
        {t.landing.demoPassword} <code>{demo.password}</code>
      </p>
      <ul>
        {demo.logins.map((login) => (
          <li key={login.email}>
            <a href={login.loginUrl}>{t.landing.demoLogIn(login.role === "platform_admin" ? t.landing.demoPlatformAdmin : t.roles[login.role])}</a>:{" "}
            <code>{login.email}</code> ({login.name})
          </li>
        ))}
      </ul>
    </section>
  );
}
