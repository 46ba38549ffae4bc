import { useLanguage } from "~/i18n/use-messages";
import { allergens, diets } from "./allergens";

const codeLists = { allergens, diets };

/**
 * A fieldset of checkboxes for the 14 allergens or the diets, sent as `name` once per ticked box
 * (`allergens_0`, `diets_2`, …), with its message next to it. `ticked` is the form's value as the
 * kitchen's parsers keep it: the codes joined with commas.
 */
export function CodeCheckboxes(props: { name: string; codes: keyof typeof codeLists; legend: string; ticked: string | undefined; error?: string; idPrefix: string }) {
  const { t, explain } = useLanguage();
  const ticked = (props.ticked ?? "").split(",");
  const errorId = `${props.idPrefix}-${props.name}-fout`;
  return (
    <fieldset className={props.error ? "field field-error" : "field"} aria-describedby={props.error ? errorId : undefined}>
      <legend>{props.legend}</legend>
      {props.error ? (
        <p className="error" id={errorId}>
          {explain(props.error)}
        </p>
      ) : null}
      <div className="checkbox-grid">
        {codeLists[props.codes].map((code) => (
          <label key={code} className="choice">
            <input type="checkbox" name={props.name} value={code} defaultChecked={ticked.includes(code)} /> {(t.kitchen[props.codes] as Record<string, string>)[code]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
