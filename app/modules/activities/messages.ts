// The texts of this module, in plain Dutch (B1) and English; app/i18n/messages.ts includes them
// as `t.activities`, and the validation keys below in `t.validation`.
const nl = {
  emails: {
    dateCancelled: {
      subject: (title: string, day: string) => `Gaat niet door: ${title} op ${day}`,
      body: (name: string, title: string, day: string, reason: string, neighbourhood: string, link: string) =>
        `Hallo ${name},\n\nJe had je aangemeld voor ${title} op ${day}. Dit gaat helaas niet door.\nReden: ${reason}\n\nKijk hier wat er nog meer is:\n${link}\n\nGroeten,\n${neighbourhood}`,
    },
  },
};

const en: typeof nl = {
  emails: nl.emails,
};

const validationNl = {
  activity_time_invalid: "Vul een tijd in, zoals 19:00.",
  activity_end_before_start: "De eindtijd moet na de begintijd zijn.",
  activity_frequency_invalid: "Kies hoe vaak de activiteit is.",
  activity_until_missing: "Vul in tot wanneer de activiteit herhaalt.",
  activity_until_before_first: "Deze datum is vóór de eerste keer. Kies een latere datum.",
  activity_too_many_dates: "Dit worden meer dan 104 keer. Kies een eerdere einddatum.",
  activity_cancel_reason_required: "Schrijf op waarom het niet doorgaat. Dat lezen de mensen in hun e-mail.",
};

const validationEn = {
  activity_time_invalid: "Fill in a time, like 19:00.",
  activity_end_before_start: "The end time must be after the start time.",
  activity_frequency_invalid: "Choose how often the activity takes place.",
  activity_until_missing: "Fill in until when the activity repeats.",
  activity_until_before_first: "This date is before the first time. Choose a later date.",
  activity_too_many_dates: "That makes more than 104 times. Choose an earlier end date.",
  activity_cancel_reason_required: "Write down why it is not going ahead. People read this in their email.",
};

export const activitiesMessages = { nl, en };
export const activitiesValidation = { nl: validationNl, en: validationEn satisfies Record<keyof typeof validationNl, string> };
