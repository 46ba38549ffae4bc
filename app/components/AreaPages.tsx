import { Link, useRouteLoaderData } from "@remix-run/react";
import { useLanguage } from "~/i18n/use-messages";
import { areaSections, corePages, residentLinks, type NavLink } from "~/modules/registry";
import type { loader as rootLoader } from "~/root";

function PageLink({ link }: { link: NavLink }) {
  const { t } = useLanguage();
  return (
    <li>
      {link.download ? (
        <a href={link.href} download>
          {link.label(t)}
        </a>
      ) : (
        <Link to={link.href}>{link.label(t)}</Link>
      )}
    </li>
  );
}

/**
 * Every page of the desk, the management or a member's own area for the signed-in role, from the
 * module registry (switched-on modules only), with what waits today. What the root loader found for
 * the header is reused, so an index page costs no extra queries.
 */
export function AreaPages({ area }: { area: "desk" | "manage" | "account" }) {
  const { t } = useLanguage();
  const nav = useRouteLoaderData<typeof rootLoader>("root")?.nav;
  if (!nav?.role) return null;
  const { enabled, role, counts } = nav;
  const staff = role !== "resident";
  const general: NavLink[] =
    area === "desk"
      ? [corePages.myWork, corePages.cashCount]
      : area === "manage"
        ? [...corePages.manageLinks, corePages.desk]
        : [...residentLinks(enabled, role), ...(staff ? [corePages.myWork, corePages.desk] : []), ...(role === "coordinator" ? [corePages.manage] : [])];
  const sections = area === "account" ? [] : areaSections(area, enabled, role);
  const title = area === "desk" ? t.navigation.deskPages : area === "manage" ? t.navigation.managePages : t.account.shortcuts;
  return (
    <nav aria-labelledby={`pagina-s-${area}`} className="area-pages">
      <h2 id={`pagina-s-${area}`}>{title}</h2>
      {sections.map((section) => {
        const waiting = section.counts.filter((key) => (counts[key] ?? 0) > 0);
        return (
          <section key={section.kind} aria-labelledby={`onderdeel-${section.kind}`}>
            <h3 id={`onderdeel-${section.kind}`}>{t.offerings[section.kind]}</h3>
            {waiting.length > 0 ? <p className="notice">{waiting.map((key) => t.navigation.counts[key](counts[key] ?? 0)).join(" · ")}</p> : null}
            <ul className="link-row">
              {section.links.map((link) => (
                <PageLink key={link.href} link={link} />
              ))}
            </ul>
          </section>
        );
      })}
      {sections.length > 0 ? <h3>{t.navigation.general}</h3> : null}
      <ul className="link-row">
        {general.map((link) => (
          <PageLink key={link.href} link={link} />
        ))}
      </ul>
    </nav>
  );
}
