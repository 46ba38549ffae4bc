import type { OfferingKind } from "~/db/tables";

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
  errors: {
    notFoundTitle: "Deze pagina bestaat niet",
    notFoundText: "We kunnen deze pagina niet vinden. Misschien is het adres verkeerd getypt.",
    unknownSiteTitle: "Deze wijk kennen we niet",
    unknownSiteText: "Er is geen wijk op Wijkplaats met dit adres. Kijk of het adres goed is getypt.",
    suspendedTitle: "Tijdelijk gesloten",
    suspendedText: (name: string) =>
      `De website van ${name} is tijdelijk gesloten. Probeer het later nog eens.`,
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
  errors: {
    notFoundTitle: "This page does not exist",
    notFoundText: "We cannot find this page. Perhaps the address was mistyped.",
    unknownSiteTitle: "We do not know this neighbourhood",
    unknownSiteText: "There is no neighbourhood on Wijkplaats at this address. Check that the address is typed correctly.",
    suspendedTitle: "Temporarily closed",
    suspendedText: (name) => `The website of ${name} is temporarily closed. Please try again later.`,
    genericTitle: "Something went wrong",
    genericText: "Something went wrong on our side. You did nothing wrong. Please try again in a few minutes.",
    toPlatform: "To all neighbourhoods on Wijkplaats",
  },
};

export const messages: Record<Language, Messages> = { nl, en };
