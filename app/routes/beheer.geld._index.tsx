import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { coordinators, routeAccess } from "~/access";
import { Field } from "~/components/Field";
import { formatDay, localToday } from "~/dates";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { formatEuro } from "~/money";
import { signedInMember } from "~/modules/accounts/guard.server";
import { entriesOf, monthParam, moduleTotals, monthTotals } from "~/modules/payments/money.server";

export const access = routeAccess({ site: "neighbourhood", view: coordinators });

export const meta = titleMeta((t) => t.payments.money.title);

/** One month of the ledger (?maand=YYYY-MM, this month by default) and the totals of its year. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  const month = monthParam(new URL(request.url).searchParams.get("maand"), localToday().slice(0, 7));
  const year = Number(month.slice(0, 4));
  const [perModule, perMonth, entries] = await Promise.all([moduleTotals(db, month), monthTotals(db, year), entriesOf(db, month)]);
  // Online payments are only mentioned when the platform has Stripe set up.
  return { month, year, perModule, perMonth, stripe: context.payments !== null, entries: entries.map(({ occurred_at, ...entry }) => ({ ...entry, at: occurred_at.toISOString() })) };
}

type Totals = { cash: number; online: number; refunded: number; waived: number; fees: number };

export default function Money() {
  const { month, year, perModule, perMonth, entries, stripe } = useLoaderData<typeof loader>();
  const { t, lang } = useLanguage();
  const m = t.payments.money;
  const euro = (cents: number) => formatEuro(cents, lang);
  const totalCells = (row: Totals) => (
    <>
      <td data-label={m.cash}>{euro(row.cash)}</td>
      {stripe ? <td data-label={m.online}>{euro(row.online)}</td> : null}
      <td data-label={m.refunded}>{euro(row.refunded)}</td>
      {stripe ? <td data-label={m.fees}>{euro(row.fees)}</td> : null}
      <td data-label={m.total}>{euro(row.cash + row.online - row.refunded - row.fees)}</td>
      <td data-label={m.waived}>{euro(row.waived)}</td>
    </>
  );
  const totalHeads = (
    <>
      <th scope="col">{m.cash}</th>
      {stripe ? <th scope="col">{m.online}</th> : null}
      <th scope="col">{m.refunded}</th>
      {stripe ? <th scope="col">{m.fees}</th> : null}
      <th scope="col">{m.total}</th>
      <th scope="col">{m.waived}</th>
    </>
  );
  const monthName = m.monthName(month, lang);
  return (
    <div className="desk-page">
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      <Form method="get" className="inline">
        <Field name="maand" type="month" label={m.month} defaultValue={month} />
        <button type="submit" className="secondary">
          {m.show}
        </button>
      </Form>
      <p>
        <a href={`/beheer/geld.csv?maand=${month}`} download>
          {m.download}
        </a>
        <br />
        <span className="hint">{m.downloadHint}</span>
      </p>

      <ul className="link-row">
        <li>
          <Link to="/beheer/geld/tarieven">{t.payments.tariffs.title}</Link>
        </li>
        {stripe ? (
          <li>
            <Link to="/beheer/geld/stripe">{t.payments.connect.title}</Link>
          </li>
        ) : null}
      </ul>

      <h2 id="per-onderdeel">{m.perModule(monthName)}</h2>
      {perModule.length === 0 ? (
        <p>{m.nothing}</p>
      ) : (
        <table className="cards" aria-labelledby="per-onderdeel">
          <thead>
            <tr>
              <th scope="col">{m.module}</th>
              {totalHeads}
            </tr>
          </thead>
          <tbody>
            {perModule.map((row) => (
              <tr key={row.module}>
                <th scope="row">{t.payments.modules[row.module]}</th>
                {totalCells(row)}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="alles">{m.entries}</h2>
      {entries.length === 0 ? (
        <p>{m.nothing}</p>
      ) : (
        <table className="cards" aria-labelledby="alles">
          <thead>
            <tr>
              <th scope="col">{m.when}</th>
              <th scope="col">{m.what}</th>
              <th scope="col">{m.how}</th>
              <th scope="col">{m.amount}</th>
              <th scope="col">{m.reason}</th>
              <th scope="col">{m.by}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td data-label={m.when}>{formatDay(entry.day, lang)}</td>
                <td data-label={m.what}>{`${entry.description} (${t.payments.purposes[entry.purpose]})`}</td>
                <td data-label={m.how}>
                  {t.payments.kinds[entry.kind]}
                  {entry.method ? `, ${t.payments.methods[entry.method]}` : null}
                </td>
                <td data-label={m.amount}>{euro(entry.amount_cents)}</td>
                <td data-label={m.reason}>
                  {entry.reason}
                  {entry.kind === "payment" && entry.amount_cents > (entry.refunded_of_record ?? 0) ? (
                    <Link to={`/beheer/geld/terugbetalen/${entry.id}`}>{m.refund}</Link>
                  ) : null}
                </td>
                <td data-label={m.by}>{entry.recorded_by_name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="per-maand">{m.perMonth(year)}</h2>
      {perMonth.length === 0 ? (
        <p>{m.nothing}</p>
      ) : (
        <table className="cards" aria-labelledby="per-maand">
          <thead>
            <tr>
              <th scope="col">{m.month}</th>
              {totalHeads}
            </tr>
          </thead>
          <tbody>
            {perMonth.map((row) => (
              <tr key={row.month}>
                <th scope="row">
                  <Link to={`/beheer/geld?maand=${row.month}`}>{m.monthName(row.month, lang)}</Link>
                </th>
                {totalCells(row)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
