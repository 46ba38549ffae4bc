import type { CountKey } from "./registry";

// Texts of the header navigation and the area index pages, in plain Dutch (B1) and English.
// app/i18n/messages.ts includes them as `t.navigation`.

const nl = {
  mainMenu: "Hoofdmenu",
  menu: "Menu",
  groups: { mine: "Voor jou", work: "Werk en beheer" },
  signup: "Aanmelden",
  login: "Inloggen",
  desk: "Balie",
  manage: "Beheer",
  bookings: "Mijn afspraken bij het Repair Café",
  repairBoard: "Alle reparaties",
  jobBoard: "Alle klussen",
  repairData: "Reparaties downloaden (Open Repair Data)",
  staffPages: "Voor vrijwilligers en coördinatoren",
  deskPages: "Pagina's van de balie",
  managePages: "Pagina's van het beheer",
  general: "Algemeen",
  counts: {
    toHandOut: (n: number) => `${n} om uit te geven`,
    overdue: (n: number) => `${n} te laat`,
    repairsWaiting: (n: number) => (n === 1 ? "1 reparatie wacht op planning" : `${n} reparaties wachten op planning`),
    jobsToAssess: (n: number) => (n === 1 ? "1 klus te beoordelen" : `${n} klussen te beoordelen`),
  } satisfies Record<CountKey, (n: number) => string>,
  toNeighbourhood: (name: string) => `Naar de startpagina van ${name}`,
};

const en: typeof nl = {
  mainMenu: "Main menu",
  menu: "Menu",
  groups: { mine: "For you", work: "Work and management" },
  signup: "Sign up",
  login: "Log in",
  desk: "Desk",
  manage: "Manage",
  bookings: "My Repair Café appointments",
  repairBoard: "All repairs",
  jobBoard: "All jobs",
  repairData: "Download repairs (Open Repair Data)",
  staffPages: "For volunteers and coordinators",
  deskPages: "Pages of the desk",
  managePages: "Management pages",
  general: "General",
  counts: {
    toHandOut: (n) => `${n} to hand out`,
    overdue: (n) => `${n} late`,
    repairsWaiting: (n) => (n === 1 ? "1 repair waiting to be planned" : `${n} repairs waiting to be planned`),
    jobsToAssess: (n) => (n === 1 ? "1 job to assess" : `${n} jobs to assess`),
  },
  toNeighbourhood: (name) => `To the home page of ${name}`,
};

export const navigationMessages = { nl, en };
