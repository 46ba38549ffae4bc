import { ChoiceField, TextAreaField } from "~/components/Field";
import { useLanguage } from "~/i18n/use-messages";
import { formatEuro } from "~/money";

/**
 * What the desk records when a tool goes out: its condition, and for the deposit and the fee
 * whether it was paid in cash or waived (with a reason); what was paid online beforehand is only shown.
 */
export function HandOutFields(props: {
  depositCents: number | null;
  feeCents: number | null;
  paidOnline?: { deposit: boolean; fee: boolean };
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const { t, lang } = useLanguage();
  const d = t.toolLibrary.desk;
  const options = [
    { value: "cash", label: d.paidCash },
    { value: "waived", label: d.waived },
  ];
  const deposit = props.paidOnline?.deposit ? null : props.depositCents;
  const fee = props.paidOnline?.fee ? null : props.feeCents;
  const paid = (cents: number | null, label: (amount: string) => string) => (cents ? <p>{`${label(formatEuro(cents, lang))}: ${d.paidOnline}`}</p> : null);
  return (
    <>
      {props.paidOnline?.deposit ? paid(props.depositCents, d.deposit) : null}
      {props.paidOnline?.fee ? paid(props.feeCents, d.fee) : null}
      <TextAreaField name="conditionOut" label={d.conditionOut} defaultValue={props.values?.conditionOut} error={props.errors?.conditionOut} />
      {deposit ? (
        <ChoiceField name="deposit" label={d.deposit(formatEuro(deposit, lang))} options={options} defaultValue={props.values?.deposit} error={props.errors?.deposit} />
      ) : null}
      {fee ? (
        <ChoiceField name="fee" label={d.fee(formatEuro(fee, lang))} options={options} defaultValue={props.values?.fee} error={props.errors?.fee} />
      ) : null}
      {deposit || fee ? (
        <TextAreaField name="waivedReason" label={d.waivedReason} hint={d.waivedReasonHint} defaultValue={props.values?.waivedReason} error={props.errors?.waivedReason} rows={2} />
      ) : null}
    </>
  );
}
