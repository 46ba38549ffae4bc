// The texts of this module, in plain Dutch (B1) and English; app/i18n/messages.ts includes the
// validation keys below in `t.validation`.
const validationNl = {
  activity_time_invalid: "Vul een tijd in, zoals 19:00.",
  activity_end_before_start: "De eindtijd moet na de begintijd zijn.",
  activity_frequency_invalid: "Kies hoe vaak de activiteit is.",
  activity_until_missing: "Vul in tot wanneer de activiteit herhaalt.",
  activity_until_before_first: "Deze datum is vóór de eerste keer. Kies een latere datum.",
  activity_too_many_dates: "Dit worden meer dan 104 keer. Kies een eerdere einddatum.",
};

const validationEn = {
  activity_time_invalid: "Fill in a time, like 19:00.",
  activity_end_before_start: "The end time must be after the start time.",
  activity_frequency_invalid: "Choose how often the activity takes place.",
  activity_until_missing: "Fill in until when the activity repeats.",
  activity_until_before_first: "This date is before the first time. Choose a later date.",
  activity_too_many_dates: "That makes more than 104 times. Choose an earlier end date.",
};

export const activitiesValidation = { nl: validationNl, en: validationEn satisfies Record<keyof typeof validationNl, string> };
