import { CheckboxField, ChoiceField, Field, TextAreaField } from "~/components/Field";
import { useLanguage } from "~/i18n/use-messages";
import { repairKinds } from "./tables";

/** What someone tells about the broken item, online or at the desk. The form must be multipart. */
export function IntakeFields(props: { errors?: Record<string, string>; values?: Record<string, string> }) {
  const { t } = useLanguage();
  const i = t.repairs.intake;
  const { errors = {}, values = {} } = props;
  return (
    <>
      <ChoiceField name="kind" label={i.kind} options={repairKinds.map((kind) => ({ value: kind, label: t.repairs.kinds[kind] }))} defaultValue={values.kind} error={errors.kind} />
      <Field name="brand" label={i.brand} hint={i.brandHint} defaultValue={values.brand} error={errors.brand} autoComplete="off" />
      <TextAreaField name="fault" label={i.fault} hint={i.faultHint} defaultValue={values.fault} error={errors.fault} rows={4} required />
      <Field name="photos" type="file" label={i.photos} hint={i.photosHint} error={errors.photos} accept="image/png,image/jpeg,image/webp" multiple />
      <CheckboxField name="learnMyself" label={i.learnMyself} defaultChecked={values.learnMyself === "ja"} />
    </>
  );
}
