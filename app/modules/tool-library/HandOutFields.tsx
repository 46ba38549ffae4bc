import { ChoiceField, TextAreaField } from "~/components/Field";
import { useLanguage } from "~/i18n/use-messages";
import { formatEuro } from "~/money";

/**
 * What the desk records when a tool goes out: its condition, and for the deposit and the fee
 * whether it was paid in cash or waived (with a reason). Online payment comes later.
 */
export function HandOutFields(props: { depositCents: number | null; feeCents: number | null; errors?: Record<string, string>; values?: Record<string, string> }) {
  const { t, lang } = useLanguage();
  const d = t.toolLibrary.desk;
  const options = [
    { value: "cash", label: d.paidCash },
    { value: "waived", label: d.waived },
  ];
  return (
    <>
      <TextAreaField name="conditionOut" label={d.conditionOut} defaultValue={props.values?.conditionOut} error={props.errors?.conditionOut} />
      {props.depositCents ? (
        <ChoiceField name="deposit" label={d.deposit(formatEuro(props.depositCents, lang))} options={options} defaultValue={props.values?.deposit} error={props.errors?.deposit} />
      ) : null}
      {props.feeCents ? (
        <ChoiceField name="fee" label={d.fee(formatEuro(props.feeCents, lang))} options={options} defaultValue={props.values?.fee} error={props.errors?.fee} />
      ) : null}
      {props.depositCents || props.feeCents ? (
        <TextAreaField name="waivedReason" label={d.waivedReason} hint={d.waivedReasonHint} defaultValue={props.values?.waivedReason} error={props.errors?.waivedReason} rows={2} />
      ) : null}
    </>
  );
}
