import type { OfferingKind, Role } from "~/db/tables";

export const languages = ["nl", "en"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "nl";

export function isLanguage(value: unknown): value is Language {
  return languages.includes(value as Language);
}

// Plain Dutch at B1 level: short sentences, common words, "je" rather than "u".
const nl = {
  languageName: "Nederlands",
  switchLanguage: "Read this in English",
  switchLanguageTo: "en" as Language,
  skipToContent: "Naar de inhoud",
  platformName: "Wijkplaats",
  landing: {
    title: "Wijkplaats: de werkplaats van je wijk",
    intro:
      "Op Wijkplaats vind je de wijkwerkplaats bij jou in de buurt. Je kunt er gereedschap lenen, spullen laten repareren, hulp krijgen bij klussen, samen eten en meedoen.",
    listTitle: "Wijken op Wijkplaats",
    empty: "Er zijn nog geen wijken.",
  },
  home: {
    whatWeOffer: "Wat je hier kunt doen",
    openingHours: "Openingstijden",
    noOpeningHours: "De openingstijden staan er nog niet op. Neem contact op om te vragen wanneer je kunt komen.",
    address: "Adres",
    contact: "Contact",
    phone: "Telefoon",
    email: "E-mail",
    website: "Website",
    hoursRange: (opens: string, closes: string) => `${opens} tot ${closes} uur`,
  },
  weekdays: ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
  offerings: {
    tool_library: "Gereedschap lenen",
    repairs: "Reparaties voor de kostprijs",
    home_jobs: "Hulp bij klussen in en om het huis",
    kitchen: "Samen koken en eten",
    activities: "Activiteiten en cursussen",
    learning_work: "Meedoen, leren en werken",
    advice: "Hulp bij formulieren en geldzaken",
  } satisfies Record<OfferingKind, string>,
  login: {
    title: "Inloggen",
    intro: (name: string) => `Log in bij ${name}.`,
    platformIntro: "Log in als beheerder van Wijkplaats.",
    email: "E-mailadres",
    password: "Wachtwoord",
    submit: "Inloggen",
    logout: "Uitloggen",
    loggedInAs: (email: string) => `Ingelogd als ${email}`,
  },
  account: {
    title: "Mijn account",
    sessions: "Waar je bent ingelogd",
    sessionsIntro: "Zie je een apparaat dat je niet kent, of ben je een telefoon kwijt? Log het daar dan uit.",
    unknownDevice: "Onbekend apparaat",
    lastUsed: "laatst gebruikt",
    thisDevice: "dit apparaat",
    endSession: "Hier uitloggen",
  },
  manage: {
    title: (name: string) => `Beheer van ${name}`,
    members: "Mensen",
    name: "Naam",
    role: "Rol",
  },
  roles: { coordinator: "Coördinator", volunteer: "Vrijwilliger", resident: "Bewoner" } satisfies Record<Role, string>,
  validation: {
    email_required: "Vul je e-mailadres in.",
    email_invalid: "Dit is geen geldig e-mailadres. Het ziet eruit als naam@voorbeeld.nl.",
    email_too_long: "Dit e-mailadres is te lang.",
    password_required: "Vul je wachtwoord in.",
    password_too_short: "Kies een wachtwoord van minstens 8 tekens. Een korte zin is makkelijk te onthouden.",
    password_too_long: "Dit wachtwoord is te lang (meer dan 200 tekens).",
    password_common: "Dit wachtwoord wordt heel vaak gebruikt en is makkelijk te raden. Kies een ander.",
    login_failed: "Dit e-mailadres en wachtwoord horen niet bij elkaar. Kijk of je ze goed hebt getypt.",
    login_not_member: "Je bent met dit account nog geen lid van deze wijk.",
    login_not_admin: "Dit account is geen beheerder van Wijkplaats.",
  },
  errors: {
    notFoundTitle: "Deze pagina bestaat niet",
    notFoundText: "We kunnen deze pagina niet vinden. Misschien is het adres verkeerd getypt.",
    unknownSiteTitle: "Deze wijk kennen we niet",
    unknownSiteText: "Er is geen wijk op Wijkplaats met dit adres. Kijk of het adres goed is getypt.",
    suspendedTitle: "Tijdelijk gesloten",
    suspendedText: (name: string) =>
      `De website van ${name} is tijdelijk gesloten. Probeer het later nog eens.`,
    forbiddenTitle: "Hier mag je niet komen",
    forbiddenText: "Deze pagina is alleen voor mensen met een andere rol in deze wijk.",
    genericTitle: "Er ging iets mis",
    genericText: "Er ging bij ons iets mis. Je hebt niets fout gedaan. Probeer het over een paar minuten nog eens.",
    toPlatform: "Naar alle wijken op Wijkplaats",
  },
};

export type Messages = typeof nl;

const en: Messages = {
  languageName: "English",
  switchLanguage: "Lees dit in het Nederlands",
  switchLanguageTo: "nl",
  skipToContent: "Skip to content",
  platformName: "Wijkplaats",
  landing: {
    title: "Wijkplaats: your neighbourhood's workshop",
    intro:
      "On Wijkplaats you find the neighbourhood workshop near you. You can borrow tools, get things repaired, get help with small jobs, eat together and join in.",
    listTitle: "Neighbourhoods on Wijkplaats",
    empty: "There are no neighbourhoods yet.",
  },
  home: {
    whatWeOffer: "What you can do here",
    openingHours: "Opening hours",
    noOpeningHours: "The opening hours are not listed yet. Get in touch to ask when you can come.",
    address: "Address",
    contact: "Contact",
    phone: "Phone",
    email: "Email",
    website: "Website",
    hoursRange: (opens, closes) => `${opens} to ${closes}`,
  },
  weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  offerings: {
    tool_library: "Borrow tools",
    repairs: "Repairs at cost price",
    home_jobs: "Help with small jobs in and around the house",
    kitchen: "Cook and eat together",
    activities: "Activities and courses",
    learning_work: "Join in, learn and work",
    advice: "Help with forms and money matters",
  },
  login: {
    title: "Log in",
    intro: (name) => `Log in to ${name}.`,
    platformIntro: "Log in as a Wijkplaats administrator.",
    email: "Email address",
    password: "Password",
    submit: "Log in",
    logout: "Log out",
    loggedInAs: (email) => `Logged in as ${email}`,
  },
  account: {
    title: "My account",
    sessions: "Where you are logged in",
    sessionsIntro: "Do you see a device you do not know, or did you lose a phone? Log it out there.",
    unknownDevice: "Unknown device",
    lastUsed: "last used",
    thisDevice: "this device",
    endSession: "Log out there",
  },
  manage: {
    title: (name) => `Managing ${name}`,
    members: "People",
    name: "Name",
    role: "Role",
  },
  roles: { coordinator: "Coordinator", volunteer: "Volunteer", resident: "Resident" },
  validation: {
    email_required: "Fill in your email address.",
    email_invalid: "This is not a valid email address. It looks like name@example.com.",
    email_too_long: "This email address is too long.",
    password_required: "Fill in your password.",
    password_too_short: "Choose a password of at least 8 characters. A short sentence is easy to remember.",
    password_too_long: "This password is too long (over 200 characters).",
    password_common: "This password is used very often and is easy to guess. Choose another one.",
    login_failed: "This email address and password do not match. Check that you typed them correctly.",
    login_not_member: "With this account you are not yet a member of this neighbourhood.",
    login_not_admin: "This account is not a Wijkplaats administrator.",
  },
  errors: {
    notFoundTitle: "This page does not exist",
    notFoundText: "We cannot find this page. Perhaps the address was mistyped.",
    unknownSiteTitle: "We do not know this neighbourhood",
    unknownSiteText: "There is no neighbourhood on Wijkplaats at this address. Check that the address is typed correctly.",
    suspendedTitle: "Temporarily closed",
    suspendedText: (name) => `The website of ${name} is temporarily closed. Please try again later.`,
    forbiddenTitle: "You cannot open this page",
    forbiddenText: "This page is only for people with a different role in this neighbourhood.",
    genericTitle: "Something went wrong",
    genericText: "Something went wrong on our side. You did nothing wrong. Please try again in a few minutes.",
    toPlatform: "To all neighbourhoods on Wijkplaats",
  },
};

export const messages: Record<Language, Messages> = { nl, en };
