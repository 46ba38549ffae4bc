import type { OfferingKind, Role } from "~/db/tables";
import type { Messages } from "~/i18n/messages";

// Client-safe: the header, /account, /balie and /beheer all read this list. The counts behind the
// badges are worked out in registry.server.ts.

/** A page a module (or the core) adds to the navigation. */
export interface NavLink {
  href: string;
  label: (t: Messages) => string;
  /** Only these roles see it (within its area); left out: everyone the area is for. */
  roles?: readonly Role[];
  /** These roles also get it straight in the header, not only on the area's index page. */
  inHeader?: readonly Role[];
  /** A file to download rather than a page (a plain link with `download`). */
  download?: boolean;
}

/** Something waiting for the desk or the coordinators, counted by registry.server.ts. */
export const countKeys = ["toHandOut", "overdue", "repairsWaiting", "jobsToAssess"] as const;
export type CountKey = (typeof countKeys)[number];
export type Counts = Partial<Record<CountKey, number>>;

/** A module's part of one area (the desk or manage index page): its links and what it counts there. */
export interface ModuleArea {
  links: NavLink[];
  counts?: readonly CountKey[];
}

/** One neighbourhood module: switched on when the neighbourhood offers its kind (table `offerings`). */
export interface NeighbourhoodModule {
  kind: OfferingKind;
  /** Pages for everyone, also visitors (in the header). */
  public?: NavLink[];
  /** A member's own pages (in the header and on /account). */
  resident?: NavLink[];
  /** Pages for the desk, volunteers and coordinators (on /balie). */
  desk?: ModuleArea;
  /** Pages for coordinators (on /beheer). */
  manage?: ModuleArea;
}

const staff = ["volunteer", "coordinator"] as const satisfies readonly Role[];
const coordinator = ["coordinator"] as const satisfies readonly Role[];

/**
 * Every neighbourhood module with pages. A new module (a kitchen, activities) adds one entry here and,
 * if it counts work waiting, one counter in registry.server.ts; the header and the index pages
 * follow. The repair café is part of "repairs": its routes declare that module.
 */
export const neighbourhoodModules: readonly NeighbourhoodModule[] = [
  {
    kind: "tool_library",
    public: [{ href: "/gereedschap", label: (t) => t.toolLibrary.catalog.title }],
    resident: [{ href: "/account/leningen", label: (t) => t.toolLibrary.myLoans.title }],
    desk: {
      links: [
        { href: "/balie/uitlenen", label: (t) => t.toolLibrary.desk.walkInTitle },
        { href: "/balie/gereedschap", label: (t) => t.toolLibrary.toolDesk.searchTitle },
      ],
      counts: ["toHandOut", "overdue"],
    },
    manage: {
      links: [
        { href: "/beheer/gereedschap", label: (t) => t.toolLibrary.manage.title },
        { href: "/beheer/gereedschap/nieuw", label: (t) => t.toolLibrary.manage.newTitle },
        { href: "/beheer/gereedschap/import", label: (t) => t.toolLibrary.csv.title },
        { href: "/beheer/gereedschap/labels", label: (t) => t.toolLibrary.labels.title },
        { href: "/beheer/uitleenregels", label: (t) => t.toolLibrary.rules.title },
        { href: "/beheer/gereedschap/cijfers", label: (t) => t.toolLibrary.numbers.title, inHeader: coordinator },
      ],
    },
  },
  {
    kind: "repairs",
    public: [{ href: "/repaircafe", label: (t) => t.repairCafe.public.title }],
    resident: [
      { href: "/reparaties", label: (t) => t.repairs.mine.title },
      { href: "/repaircafe#mijn-afspraken", label: (t) => t.navigation.bookings },
    ],
    desk: {
      links: [
        { href: "/balie/reparaties", label: (t) => t.navigation.repairBoard, inHeader: coordinator },
        { href: "/balie/reparaties/nieuw", label: (t) => t.repairs.intake.deskTitle },
        { href: "/balie/repaircafe", label: (t) => t.repairCafe.desk.title },
        { href: "/balie/reparaties/ords.csv", label: (t) => t.navigation.repairData, roles: coordinator, download: true },
      ],
      counts: ["repairsWaiting"],
    },
  },
  {
    kind: "home_jobs",
    resident: [{ href: "/klussen", label: (t) => t.homeJobs.mine.title }],
    manage: {
      links: [
        { href: "/beheer/klussen", label: (t) => t.navigation.jobBoard, inHeader: coordinator },
        { href: "/klussen/nieuw", label: (t) => t.homeJobs.board.new },
        { href: "/beheer/klussen/beleid", label: (t) => t.homeJobs.policy.title },
        { href: "/beheer/klussen/partners", label: (t) => t.homeJobs.partners.title },
      ],
      counts: ["jobsToAssess"],
    },
  },
  {
    kind: "activities",
    public: [{ href: "/agenda", label: (t) => t.activities.agenda.title }],
    resident: [{ href: "/account/agenda", label: (t) => t.activities.mine.title }],
    desk: { links: [{ href: "/balie/activiteiten", label: (t) => t.activities.desk.title }] },
    manage: {
      links: [
        { href: "/beheer/activiteiten", label: (t) => t.activities.manage.title },
        { href: "/beheer/activiteiten/nieuw", label: (t) => t.activities.manage.new },
      ],
    },
  },
  {
    kind: "kitchen",
    desk: {
      links: [
        { href: "/balie/keuken", label: (t) => t.kitchen.desk.title },
        { href: "/balie/keuken/diensten", label: (t) => t.kitchen.rota.title },
      ],
    },
  },
];

/** The pages of each area that belong to no module. */
export const corePages = {
  desk: { href: "/balie", label: (t: Messages) => t.navigation.desk },
  myWork: { href: "/mijn-werk", label: (t: Messages) => t.myWork.title },
  cashCount: { href: "/balie/kas", label: (t: Messages) => t.payments.cash.title },
  manage: { href: "/beheer", label: (t: Messages) => t.navigation.manage },
  account: { href: "/account", label: (t: Messages) => t.account.title },
  manageLinks: [
    { href: "/beheer#mensen", label: (t: Messages) => t.manage.members },
    { href: "/beheer/geld", label: (t: Messages) => t.payments.money.title },
    { href: "/beheer/profiel", label: (t: Messages) => t.profileForm.title },
    { href: "/beheer/logboek", label: (t: Messages) => t.audit.title },
  ] satisfies NavLink[],
} as const;

/** Who sees an area's pages. */
const areaRoles = { desk: staff, manage: coordinator } as const;

const switchedOn = (enabled: readonly OfferingKind[]) => neighbourhoodModules.filter((module) => enabled.includes(module.kind));
const forRole = (links: NavLink[] | undefined, role: Role) => (links ?? []).filter((link) => !link.roles || link.roles.includes(role));

/** The switched-on modules' public pages. */
export function publicLinks(enabled: readonly OfferingKind[]): NavLink[] {
  return switchedOn(enabled).flatMap((module) => module.public ?? []);
}

/** The switched-on modules' pages of a member's own. */
export function residentLinks(enabled: readonly OfferingKind[], role: Role): NavLink[] {
  return switchedOn(enabled).flatMap((module) => forRole(module.resident, role));
}

/** One module's part of the desk or manage area, for the index page's section. */
export interface AreaSection {
  kind: OfferingKind;
  links: NavLink[];
  counts: readonly CountKey[];
}

/** The desk's or the coordinators' sections for this role: one per switched-on module with pages there. */
export function areaSections(area: "desk" | "manage", enabled: readonly OfferingKind[], role: Role): AreaSection[] {
  if (!(areaRoles[area] as readonly Role[]).includes(role)) return [];
  return switchedOn(enabled).flatMap((module) => {
    const part = module[area];
    const links = forRole(part?.links, role);
    return part && links.length > 0 ? [{ kind: module.kind, links, counts: part.counts ?? [] }] : [];
  });
}

/** What is counted for this role: the counts of every area section it sees. */
export function countsFor(area: "desk" | "manage", enabled: readonly OfferingKind[], role: Role): CountKey[] {
  return areaSections(area, enabled, role).flatMap((section) => section.counts);
}

/** A link in the header, with the counts its badge shows. */
export interface HeaderLink {
  href: string;
  label: (t: Messages) => string;
  counts?: readonly CountKey[];
}

export type MenuGroupId = "mine" | "work";

/**
 * The header for this role: the public pages (always in view) and the menu's groups, a member's own
 * pages and, for the desk and coordinators, their work. A visitor (no role) gets no menu.
 */
export function headerLinks(enabled: readonly OfferingKind[], role: Role | null): { public: HeaderLink[]; menu: { id: MenuGroupId; links: HeaderLink[] }[] } {
  if (!role) return { public: publicLinks(enabled), menu: [] };
  const work: HeaderLink[] = [];
  if ((areaRoles.manage as readonly Role[]).includes(role)) work.push({ ...corePages.manage, counts: countsFor("manage", enabled, role) });
  if ((areaRoles.desk as readonly Role[]).includes(role)) work.push({ ...corePages.desk, counts: countsFor("desk", enabled, role) }, corePages.myWork);
  work.push(
    ...(["manage", "desk"] as const)
      .flatMap((area) => areaSections(area, enabled, role).flatMap((section) => section.links))
      .filter((link) => link.inHeader?.includes(role)),
  );
  const menu = [
    { id: "mine" as const, links: residentLinks(enabled, role) },
    { id: "work" as const, links: work },
  ];
  return { public: publicLinks(enabled), menu: menu.filter((group) => group.links.length > 0) };
}

/**
 * Which header link the page at `pathname` belongs to: its own link ("page"), or else the longest
 * link it lies under ("true", e.g. a tool's page under the catalog).
 */
export function currentLink(hrefs: readonly string[], pathname: string): { href: string; current: "page" | "true" } | null {
  const paths = hrefs.map((href) => href.split("#")[0]!);
  if (paths.includes(pathname)) return { href: hrefs[paths.indexOf(pathname)]!, current: "page" };
  const under = paths
    .map((path, index) => ({ path, href: hrefs[index]! }))
    .filter(({ path }) => path !== "/" && pathname.startsWith(`${path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return under ? { href: under.href, current: "true" } : null;
}
