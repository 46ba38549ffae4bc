import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
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
import { randomUUID } from "node:crypto";
import type { ReactNode } from "react";
import { useNonce } from "~/csp";
import { languageOf } from "~/i18n/language.server";
import { messages, defaultLanguage, type Messages } from "~/i18n/messages";
import { useLanguage } from "~/i18n/use-messages";
import styles from "~/styles/app.css";
import navigationStyles from "~/styles/navigation.css";
import { enabledModules, getMember, getSession } from "~/modules/accounts/guard.server";
import type { ValidSession } from "~/modules/accounts/sessions.server";
import { hasLogo } from "~/modules/neighbourhood/logo.server";
import { countsForRole } from "~/modules/registry.server";
import { requireTenant } from "~/request-context.server";
import { localToday } from "~/dates";
import { SiteNavigation, type NavigationData } from "~/components/SiteNavigation";
import { routeAccess } from "~/access";

export const access = routeAccess({ site: "any", view: "anyone" });

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: navigationStyles },
  // The neighbourhood's own colours (app/routes/thema[.]css.tsx), after the others so they win.
  { rel: "stylesheet", href: "/thema.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { site } = context;
  const [lang, session, logo] = await Promise.all([
    languageOf(request),
    getSession(request, context),
    site.kind === "tenant" && context.tenantDb ? hasLogo(context.tenantDb) : false,
  ]);
  return {
    lang,
    nav: await navigationOf(request, context, session),
    // New with every page (and after every post): PostForm sends it, so each submission counts once.
    formToken: randomUUID(),
    platformUrl: context.platformUrl,
    site:
      site.kind === "tenant" || site.kind === "suspended"
        ? { kind: site.kind, name: site.tenant.name, hasLogo: logo }
        : { kind: site.kind, name: null, hasLogo: false },
  };
}

/** The header navigation's data: on a neighbourhood's host its switched-on modules, the role and its counts. */
async function navigationOf(request: Request, context: LoaderFunctionArgs["context"], session: ValidSession | null): Promise<NavigationData | null> {
  const signedIn = session !== null;
  if (context.site.kind === "platform") {
    return { site: "platform", signedIn, platformAdmin: session?.account.is_platform_admin ?? false, role: null, enabled: [], counts: {} };
  }
  if (context.site.kind !== "tenant") return null;
  const [enabled, member] = await Promise.all([enabledModules(context), getMember(request, context)]);
  const counts = member ? await countsForRole(requireTenant(context).db, enabled, member.role, localToday()) : {};
  return { site: "tenant", signedIn, platformAdmin: false, role: member?.role ?? null, enabled, counts };
}

export function Layout({ children }: { children: ReactNode }) {
  const { lang, t } = useLanguage();
  const root = useRouteLoaderData<typeof loader>("root");
  const site = root?.site;
  const location = useLocation();
  const nonce = useNonce();
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
          <a className="site-name" href="/">
            {site?.hasLogo ? <img src="/logo" alt="" /> : null}
            {site?.kind === "tenant" ? site.name : t.platformName}
          </a>
          {root?.nav ? <SiteNavigation nav={root.nav} /> : null}
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
        {site?.kind === "tenant" ? (
          <footer className="site-footer">
            <a href="/privacy">{t.privacy.title}</a>
          </footer>
        ) : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

type RootData = Awaited<ReturnType<typeof loader>>;

/** What the error page says: an unknown or suspended neighbourhood first, then the HTTP status. */
function explainError(error: unknown, root: RootData | undefined, t: Messages): { title: string; text: string } {
  if (root?.site.kind === "unknown") return { title: t.errors.unknownSiteTitle, text: t.errors.unknownSiteText };
  if (root?.site.kind === "suspended") {
    return { title: t.errors.suspendedTitle, text: t.errors.suspendedText(root.site.name ?? "") };
  }
  if (isRouteErrorResponse(error) && error.status === 404) return { title: t.errors.notFoundTitle, text: t.errors.notFoundText };
  // A form that did not arrive as a form (app/server/route-access.server.ts): its plain sentence.
  if (isRouteErrorResponse(error) && (error.status === 400 || error.status === 415) && typeof error.data === "string" && error.data) {
    return { title: t.errors.badFormTitle, text: error.data };
  }
  if (isRouteErrorResponse(error) && error.status === 403) return { title: t.errors.forbiddenTitle, text: t.errors.forbiddenText };
  return { title: t.errors.genericTitle, text: t.errors.genericText };
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) =>
  error ? [{ title: explainError(error, data, messages[data?.lang ?? defaultLanguage]).title }] : [];

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useLanguage();
  const root = useRouteLoaderData<typeof loader>("root");
  const { title, text } = explainError(error, root, t);
  return (
    <>
      <h1>{title}</h1>
      <p>{text}</p>
      {root ? (
        <ul className="link-row">
          {root.site.kind === "tenant" ? (
            <li>
              <a href="/">{t.navigation.toNeighbourhood(root.site.name)}</a>
            </li>
          ) : null}
          <li>
            <a href={root.platformUrl}>{t.errors.toPlatform}</a>
          </li>
        </ul>
      ) : null}
    </>
  );
}
