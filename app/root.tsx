import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { languageOf } from "~/i18n/language.server";
import { useLanguage } from "~/i18n/use-messages";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { site } = context;
  return {
    lang: await languageOf(request),
    platformUrl: context.platformUrl,
    site:
      site.kind === "tenant" || site.kind === "suspended"
        ? { kind: site.kind, name: site.tenant.name }
        : { kind: site.kind, name: null },
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const { lang, t } = useLanguage();
  const site = useRouteLoaderData<typeof loader>("root")?.site;
  const location = useLocation();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#inhoud">
          {t.skipToContent}
        </a>
        <header className="site-header">
          <span className="site-name">{site?.kind === "tenant" ? site.name : t.platformName}</span>
          <Form method="post" action="/taal" reloadDocument>
            <input type="hidden" name="lang" value={t.switchLanguageTo} />
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <button type="submit" lang={t.switchLanguageTo}>
              {t.switchLanguage}
            </button>
          </Form>
        </header>
        <main id="inhoud" tabIndex={-1}>
          {children}
        </main>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useLanguage();
  const root = useRouteLoaderData<typeof loader>("root");
  const site = root?.site;
  let title = t.errors.genericTitle;
  let text = t.errors.genericText;
  if (site?.kind === "unknown") {
    title = t.errors.unknownSiteTitle;
    text = t.errors.unknownSiteText;
  } else if (site?.kind === "suspended") {
    title = t.errors.suspendedTitle;
    text = t.errors.suspendedText(site.name ?? "");
  } else if (isRouteErrorResponse(error) && error.status === 404) {
    title = t.errors.notFoundTitle;
    text = t.errors.notFoundText;
  }
  return (
    <>
      <title>{title}</title>
      <h1>{title}</h1>
      <p>{text}</p>
      {root ? (
        <p>
          <a href={root.platformUrl}>{t.errors.toPlatform}</a>
        </p>
      ) : null}
    </>
  );
}
