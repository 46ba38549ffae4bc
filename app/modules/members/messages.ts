// Texts about the people of a neighbourhood, in plain Dutch (B1) and English. app/i18n/messages.ts
// includes them as `t.people`.

const nl = {
  picker: {
    search: "Zoek op naam of telefoonnummer",
    searchHint: "Typ een deel van de naam of van het nummer, bijvoorbeeld Jansen of 0612.",
    submit: "Zoeken",
    found: (count: number) =>
      count === 0 ? "Niemand gevonden. Probeer een ander deel van de naam of van het nummer." : count === 1 ? "1 persoon gevonden." : `${count} mensen gevonden. Kies hieronder.`,
    noLogin: "zonder account",
    someoneNew: "Iemand nieuw (vul hieronder de naam in)",
  },
};

const en: typeof nl = {
  picker: {
    search: "Search by name or phone number",
    searchHint: "Type part of the name or of the number, for example Jansen or 0612.",
    submit: "Search",
    found: (count) => (count === 0 ? "Nobody found. Try another part of the name or the number." : count === 1 ? "1 person found." : `${count} people found. Choose below.`),
    noLogin: "no account",
    someoneNew: "Someone new (fill in the name below)",
  },
};

export const peopleMessages = { nl, en };
