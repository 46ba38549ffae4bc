import { useLanguage } from "~/i18n/use-messages";
import { formatEuro } from "~/money";
import type { CheckoutLine } from "./tables";

/** What is (or was) paid for one record, line by line with the total: on the pay page and the receipt. */
export function PaymentLines({ description, lines }: { description: string; lines: CheckoutLine[] }) {
  const { t, lang } = useLanguage();
  const p = t.payments.pay;
  return (
    <table className="cards">
      <thead>
        <tr>
          <th scope="col">{p.what}</th>
          <th scope="col">{p.amount}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.purpose}>
            <td data-label={p.what}>{`${description} (${t.payments.purposes[line.purpose]})`}</td>
            <td data-label={p.amount}>{formatEuro(line.amountCents, lang)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">{p.total}</th>
          <td data-label={p.total}>
            <strong>{formatEuro(lines.reduce((sum, line) => sum + line.amountCents, 0), lang)}</strong>
          </td>
        </tr>
      </tbody>
    </table>
  );
}
