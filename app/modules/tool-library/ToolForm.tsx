
import { CheckboxField, Field, SelectField, TextAreaField } from "~/components/Field";
import { toolConditions } from "~/db/tables";
import { useLanguage } from "~/i18n/use-messages";
import { PostForm } from "~/components/PostForm";

/** The coordinator's form for a new or existing tool. */
export function ToolForm(props: { values: Record<string, string>; errors?: Record<string, string>; categories: string[] }) {
  const { t } = useLanguage();
  const m = t.toolLibrary.manage;
  const field = (name: string) => ({ name, defaultValue: props.values[name] ?? "", error: props.errors?.[name] });
  const hasErrors = props.errors && Object.keys(props.errors).length > 0;
  return (
    <PostForm noValidate>
      <input type="hidden" name="intent" value="tool" />
      {hasErrors ? (
        <p role="alert" className="error">
          {m.fix}
        </p>
      ) : null}
      <Field {...field("name")} label={m.name} required maxLength={100} />
      <Field {...field("category")} label={m.category} required maxLength={60} list="soorten" />
      <datalist id="soorten">
        {props.categories.map((category) => (
          <option key={category} value={category} />
        ))}
      </datalist>
      <TextAreaField {...field("description")} label={m.description} rows={4} />
      <SelectField {...field("condition")} label={m.condition} options={toolConditions.map((value) => ({ value, label: t.toolLibrary.conditions[value] }))} />
      <Field {...field("location")} label={m.location} hint={m.locationHint} />
      <Field {...field("fee")} label={m.fee} hint={m.moneyHint} inputMode="decimal" />
      <Field {...field("deposit")} label={m.deposit} hint={m.moneyHint} inputMode="decimal" />
      <Field {...field("maxLoanDays")} label={m.maxLoanDays} inputMode="numeric" />
      <TextAreaField {...field("safetyNotes")} label={m.safetyNotes} hint={m.safetyNotesHint} rows={2} />
      <CheckboxField name="needsInstruction" label={m.needsInstruction} defaultChecked={props.values.needsInstruction === "ja"} />
      <button type="submit">{m.save}</button>
    </PostForm>
  );
}
