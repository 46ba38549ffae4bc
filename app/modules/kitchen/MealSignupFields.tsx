import { ChoiceField } from "~/components/Field";
import { useLanguage } from "~/i18n/use-messages";
import { CodeCheckboxes } from "./CodeCheckboxes";

/** As many guests as mealSignupSchema (and the activity page's guest count) allows. */
const MAX_GUESTS = 10;

interface Props {
  /** What was typed, as parseMealSignupForm returns it (checkbox groups joined with commas). */
  values: Record<string, string>;
  /** The messages parseMealSignupForm returns; `guests` is the form's own guest count's to show. */
  errors?: Record<string, string>;
  /** Starts every id, so two sign-up forms on one page never share one. */
  idPrefix: string;
}

/**
 * The fields a meal adds to a sign-up form, as parseMealSignupForm reads them: eat in or take away,
 * and per person allergies, diets and a note. Person 0 is the one signing up; each of up to 10
 * guests has a part that opens (without JavaScript too). Guests beyond the form's `guests` count
 * must be left empty, so a closed, empty guest is always fine.
 */
export function MealSignupFields({ values, errors = {}, idPrefix }: Props) {
  const { t } = useLanguage();
  const s = t.kitchen.signup;
  const filledIn = (person: number) => ["allergens", "diets", "note"].some((field) => values[`${field}_${person}`] || errors[`${field}_${person}`]);
  const guests = Array.from({ length: MAX_GUESTS }, (_, index) => index + 1);
  return (
    <>
      <ChoiceField
        name="takeaway"
        label={s.where}
        options={[
          { value: "", label: s.eatIn },
          { value: "ja", label: s.takeaway },
        ]}
        defaultValue={values.takeaway ?? ""}
        error={errors.takeaway}
      />
      <p className="hint">{s.privacy}</p>
      <PersonFields person={0} legend={s.you} values={values} errors={errors} idPrefix={idPrefix} />
      <fieldset className="field">
        <legend>{s.guests}</legend>
        <p className="hint">{s.guestsHint}</p>
        {guests.map((person) => (
          <details key={person} className="guest" open={filledIn(person)}>
            <summary>{s.guest(person)}</summary>
            <PersonFields person={person} legend={s.guest(person)} hideLegend values={values} errors={errors} idPrefix={idPrefix} />
          </details>
        ))}
      </fieldset>
    </>
  );
}

function PersonFields({ person, legend, hideLegend, values, errors, idPrefix }: { person: number; legend: string; hideLegend?: boolean } & Required<Props>) {
  const { t, explain } = useLanguage();
  const s = t.kitchen.signup;
  const note = `note_${person}`;
  // Not the Field component: its id comes from the name alone, and these ids carry the prefix.
  const noteId = `${idPrefix}-${note}`;
  const describedBy = [`${noteId}-uitleg`, errors[note] ? `${noteId}-fout` : null].filter(Boolean).join(" ");
  return (
    <fieldset className="person">
      <legend className={hideLegend ? "visually-hidden" : undefined}>{legend}</legend>
      <CodeCheckboxes name={`allergens_${person}`} codes="allergens" legend={s.allergens} ticked={values[`allergens_${person}`]} error={errors[`allergens_${person}`]} idPrefix={idPrefix} />
      <CodeCheckboxes name={`diets_${person}`} codes="diets" legend={person === 0 ? s.diets : s.guestDiets} ticked={values[`diets_${person}`]} error={errors[`diets_${person}`]} idPrefix={idPrefix} />
      <div className={errors[note] ? "field field-error" : "field"}>
        <label htmlFor={noteId}>{s.note}</label>
        <p className="hint" id={`${noteId}-uitleg`}>
          {s.noteHint}
        </p>
        {errors[note] ? (
          <p className="error" id={`${noteId}-fout`}>
            {explain(errors[note])}
          </p>
        ) : null}
        <input id={noteId} name={note} maxLength={200} defaultValue={values[note] ?? ""} aria-invalid={errors[note] ? true : undefined} aria-describedby={describedBy} />
      </div>
    </fieldset>
  );
}
