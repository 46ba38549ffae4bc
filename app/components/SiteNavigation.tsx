import { Link, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { OfferingKind, Role } from "~/db/tables";
import { useLanguage } from "~/i18n/use-messages";
import type { Messages } from "~/i18n/messages";
import { corePages, countKeys, currentLink, headerLinks, type Counts, type CountKey, type HeaderLink } from "~/modules/registry";

/** What the root loader knows for the header: where we are, who is signed in, what is switched on. */
export interface NavigationData {
  site: "tenant" | "platform";
  signedIn: boolean;
  platformAdmin: boolean;
  role: Role | null;
  enabled: OfferingKind[];
  counts: Counts;
}

/** A link's badge: one number, read out as the sentences behind it ("Balie, 3 om uit te geven"). */
function CountBadge({ keys, counts }: { keys: readonly CountKey[]; counts: Counts }) {
  const { t } = useLanguage();
  const waiting = countKeys.filter((key) => keys.includes(key) && (counts[key] ?? 0) > 0);
  if (waiting.length === 0) return null;
  const total = waiting.reduce((sum, key) => sum + (counts[key] ?? 0), 0);
  return (
    <>
      <span className="nav-badge" aria-hidden="true">
        {total}
      </span>
      <span className="visually-hidden">{waiting.map((key) => `, ${t.navigation.counts[key](counts[key] ?? 0)}`).join("")}</span>
    </>
  );
}

/**
 * The header's navigation: the pages this person may use in this neighbourhood, from the module
 * registry (only switched-on modules). The public pages and the account (or sign-up and login) stay
 * in view; a member's own pages and the work pages sit in a <details> menu, which opens without
 * JavaScript and keeps a 360 px screen free of horizontal scrolling (navigation.css).
 */
export function SiteNavigation({ nav }: { nav: NavigationData }) {
  const { t } = useLanguage();
  const location = useLocation();
  const menu = useRef<HTMLDetailsElement>(null);
  // With JavaScript a link does not reload the page, so the open menu would stay open over the next one.
  useEffect(() => {
    menu.current?.removeAttribute("open");
  }, [location.key]);

  const header = nav.site === "tenant" ? headerLinks(nav.enabled, nav.role) : { public: [], menu: [] };
  const actions: HeaderLink[] = nav.signedIn
    ? [...(nav.platformAdmin ? [{ href: "/admin", label: (m: Messages) => m.admin.title }] : []), corePages.account]
    : [...(nav.site === "tenant" ? [{ href: "/aanmelden", label: (m: Messages) => m.navigation.signup }] : []), { href: "/inloggen", label: (m: Messages) => m.navigation.login }];
  const all = [...header.public, ...header.menu.flatMap((group) => group.links), ...actions];
  const current = currentLink(
    all.map((link) => link.href),
    location.pathname,
  );
  const item = (link: HeaderLink) => (
    <li key={link.href}>
      <Link
        to={link.href}
        className={link.href === "/aanmelden" ? "site-nav-cta" : undefined}
        aria-current={current?.href === link.href ? current.current : undefined}
      >
        {link.label(t)}
        {link.counts ? <CountBadge keys={link.counts} counts={nav.counts} /> : null}
      </Link>
    </li>
  );

  return (
    <nav aria-label={t.navigation.mainMenu} className="site-nav">
      {header.public.length > 0 ? <ul className="site-nav-public">{header.public.map(item)}</ul> : null}
      {header.menu.length > 0 ? (
        <details className="site-menu" ref={menu}>
          <summary>
            {t.navigation.menu}
            <CountBadge keys={header.menu.flatMap((group) => group.links.flatMap((link) => link.counts ?? []))} counts={nav.counts} />
          </summary>
          <div className="site-menu-groups">
            {header.menu.map((group) => (
              <div className="site-menu-group" key={group.id}>
                <p className="site-menu-title" id={`menu-${group.id}`}>
                  {t.navigation.groups[group.id]}
                </p>
                <ul aria-labelledby={`menu-${group.id}`}>{group.links.map(item)}</ul>
              </div>
            ))}
          </div>
        </details>
      ) : null}
      <ul className="site-nav-actions">{actions.map(item)}</ul>
    </nav>
  );
}
