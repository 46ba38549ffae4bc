import { Link, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { OfferingKind, Role } from "~/db/tables";
import { useLanguage } from "~/i18n/use-messages";
import { countKeys, currentLink, headerGroups, type Counts, type CountKey, type HeaderLink } from "~/modules/registry";

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
 * registry (only switched-on modules). On small screens it folds into a <details> menu, which opens
 * without JavaScript; on wide screens the menu's contents show as a bar (navigation.css).
 */
export function SiteNavigation({ nav }: { nav: NavigationData }) {
  const { t } = useLanguage();
  const location = useLocation();
  const menu = useRef<HTMLDetailsElement>(null);
  // With JavaScript a link does not reload the page, so the open menu would stay open over the next one.
  useEffect(() => {
    menu.current?.removeAttribute("open");
  }, [location.key]);

  const groups = nav.site === "tenant" ? headerGroups(nav.enabled, nav.role) : [];
  const current = currentLink(
    groups.flatMap((group) => group.links.map((link) => link.href)),
    location.pathname,
  );
  const item = (link: HeaderLink) => (
    <li key={link.href}>
      <Link to={link.href} aria-current={current?.href === link.href ? current.current : undefined}>
        {link.label(t)}
        {link.counts ? <CountBadge keys={link.counts} counts={nav.counts} /> : null}
      </Link>
    </li>
  );
  const signedInWithoutRole = nav.signedIn && !nav.role;

  return (
    <nav aria-label={t.navigation.mainMenu} className="site-nav">
      {groups.length > 0 ? (
        <details className="site-menu" ref={menu}>
          <summary>
            {t.navigation.menu}
            <CountBadge keys={groups.flatMap((group) => group.links.flatMap((link) => link.counts ?? []))} counts={nav.counts} />
          </summary>
          <div className="site-menu-groups">
            {groups.map((group) => (
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
      {nav.signedIn ? (
        signedInWithoutRole || nav.site === "platform" ? (
          <ul className="site-nav-actions">
            {nav.platformAdmin && nav.site === "platform" ? (
              <li>
                <Link to="/admin" aria-current={location.pathname === "/admin" ? "page" : undefined}>
                  {t.admin.title}
                </Link>
              </li>
            ) : null}
            <li>
              <Link to="/account" aria-current={location.pathname === "/account" ? "page" : undefined}>
                {t.account.title}
              </Link>
            </li>
          </ul>
        ) : null
      ) : (
        <ul className="site-nav-actions">
          {nav.site === "tenant" ? (
            <li>
              <Link className="site-nav-cta" to="/aanmelden" aria-current={location.pathname === "/aanmelden" ? "page" : undefined}>
                {t.navigation.signup}
              </Link>
            </li>
          ) : null}
          <li>
            <Link to="/inloggen" aria-current={location.pathname === "/inloggen" ? "page" : undefined}>
              {t.navigation.login}
            </Link>
          </li>
        </ul>
      )}
    </nav>
  );
}
