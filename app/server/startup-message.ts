import type { Demo } from "~/modules/demo/demo-neighbourhoods.server";

/** How many neighbourhood addresses the start-up line names; the rest are counted. */
const NAMED_NEIGHBOURHOODS = 4;

const roleNames: Record<Demo["logins"][number]["role"], string> = {
  coordinator: "coordinator",
  volunteer: "volunteer",
  resident: "resident",
  platform_admin: "platform admin",
};

const withoutSlash = (url: string) => url.replace(/\/$/, "");

/**
 * What `npm start` prints for a person at the terminal, beside the JSON log: the addresses to open
 * and, in a demo, who to log in as. The demo neighbourhood comes first.
 */
export function startupMessage(input: { platformUrl: string; neighbourhoods: { slug: string; url: string }[]; demo: Demo | null }): string {
  const { platformUrl, demo } = input;
  const demoSlugs = new Set(demo?.logins.map((login) => login.slug));
  const neighbourhoods = [...input.neighbourhoods].sort((a, b) => Number(demoSlugs.has(b.slug)) - Number(demoSlugs.has(a.slug)));
  const named = neighbourhoods.slice(0, NAMED_NEIGHBOURHOODS).map((n) => withoutSlash(n.url));
  const more = neighbourhoods.length - named.length;
  const addresses =
    neighbourhoods.length === 0
      ? `${withoutSlash(platformUrl)} (platform; no neighbourhoods yet: npm run tenant:create)`
      : [`${withoutSlash(platformUrl)} (platform)`, ...named].join(", ") + (more > 0 ? ` and ${more} more` : "");
  const lines = [`Wijkplaats is running: ${addresses}`];
  if (demo) {
    const urlOf = (slug: string | null) => withoutSlash(neighbourhoods.find((n) => n.slug === slug)?.url ?? platformUrl);
    // Node 20 has no Map.groupBy.
    const slugs = [...new Set(demo.logins.map((login) => login.slug))];
    const sites = slugs.map((slug) => {
      const logins = demo.logins.filter((login) => login.slug === slug).map((login) => `${login.email} (${roleNames[login.role]})`);
      return `${logins.join(", ")} at ${urlOf(slug)}/inloggen`;
    });
    lines.push(`Demo logins, all with password "${demo.password}": ${sites.join("; ")}`);
  }
  return lines.join("\n");
}
