import { CheckboxField, Field, SelectField, TextAreaField } from "~/components/Field";
import { PostForm } from "~/components/PostForm";
import { useLanguage } from "~/i18n/use-messages";
import { activityCategories, frequencies, type ActivityKind } from "./tables";

/**
 * The coordinator's form for a new activity (with its schedule) or for changing one (without: its
 * dates are changed one by one, on the desk's page of that date).
 */
export function ActivityForm(props: { values: Record<string, string>; errors?: Record<string, string>; kinds: readonly ActivityKind[]; withSchedule: boolean }) {
  const { t } = useLanguage();
  const m = t.activities.manage;
  const field = (name: string) => ({ name, defaultValue: props.values[name] ?? "", error: props.errors?.[name] });
  const hasErrors = props.errors && Object.keys(props.errors).length > 0;
  return (
    <PostForm noValidate>
      <input type="hidden" name="intent" value="details" />
      {hasErrors ? (
        <p role="alert" className="error">
          {m.fix}
        </p>
      ) : null}
      <Field {...field("title")} label={m.titleLabel} required maxLength={120} />
      <TextAreaField {...field("description")} label={m.description} rows={4} maxLength={2000} />
      {props.kinds.length > 1 ? (
        <SelectField {...field("kind")} label={m.kind} options={props.kinds.map((value) => ({ value, label: t.activities.kinds[value] }))} />
      ) : (
        <input type="hidden" name="kind" value={props.kinds[0]} />
      )}
      <SelectField {...field("category")} label={m.category} options={activityCategories.map((value) => ({ value, label: t.activities.categories[value] }))} />
      <Field {...field("location")} label={m.location} maxLength={200} />
      <TextAreaField {...field("accessibility")} label={m.accessibility} hint={m.accessibilityHint} rows={2} maxLength={500} />
      <Field {...field("audience")} label={m.audience} hint={m.audienceHint} maxLength={200} />
      <Field {...field("price")} label={m.price} hint={m.priceHint} inputMode="decimal" />
      <Field {...field("capacity")} label={m.capacity} inputMode="numeric" required />
      <CheckboxField name="signupRequired" label={m.signupRequired} defaultChecked={props.values.signupRequired === "ja"} />
      <p className="hint">{m.signupRequiredHint}</p>
      <Field {...field("signupClosesHours")} label={m.closesHours} hint={m.closesHoursHint} inputMode="numeric" />
      {props.withSchedule ? (
        <fieldset>
          <legend>{m.schedule}</legend>
          <Field {...field("firstDay")} label={m.firstDay} type="date" required />
          <Field {...field("start")} label={m.start} type="time" required />
          <Field {...field("end")} label={m.end} type="time" required />
          <SelectField {...field("frequency")} label={m.frequency} options={frequencies.map((value) => ({ value, label: m.frequencies[value] }))} />
          <Field {...field("untilDay")} label={m.untilDay} hint={m.untilDayHint} type="date" />
        </fieldset>
      ) : null}
      <button type="submit">{props.withSchedule ? m.create : m.save}</button>
    </PostForm>
  );
}
