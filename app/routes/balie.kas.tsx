import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { desk, routeAccess } from "~/access";
import { Field, TextAreaField } from "~/components/Field";
import { PostForm } from "~/components/PostForm";
import { formatDay, isIsoDay, localToday } from "~/dates";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { formatEuro } from "~/money";
import { signedInMember } from "~/modules/accounts/guard.server";
import { cashCounts, cashCountSchema, closeDay, expectedCash } from "~/modules/payments/money.server";

export const access = routeAccess({ site: "neighbourhood", view: desk });

export const meta = titleMeta((t) => t.payments.cash.title);

/** The day to close (?dag=YYYY-MM-DD, today by default), what the ledger expects of it, and the last counts. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  const today = localToday();
  const asked = new URL(request.url).searchParams.get("dag") ?? "";
  const day = isIsoDay(asked) && asked <= today ? asked : today;
  const [expected, counts] = await Promise.all([expectedCash(db, day), cashCounts(db)]);
  return { day, today, expected, counts, closed: counts.some((count) => count.day === day) };
}

type Answer = { errors: Record<string, string>; values: Record<string, string>; differenceCents?: number };

export async function action({ request, context }: ActionFunctionArgs): Promise<Answer> {
  const { db, member } = signedInMember(context);
  const form = parseForm(cashCountSchema, await request.formData());
  if (!form.ok) return { errors: form.errors, values: form.values };
  const result = await closeDay(db, form.data, member.id, localToday());
  if (!result.ok) return { errors: { [result.field]: result.error }, values: form.raw };
  return { errors: {}, values: {}, differenceCents: result.differenceCents };
}

export default function CashCount() {
  const { day, today, expected, counts, closed } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, lang, explain } = useLanguage();
  const c = t.payments.cash;
  const values = answer?.values ?? {};
  const signed = (cents: number) => (cents > 0 ? `+${formatEuro(cents, lang)}` : formatEuro(cents, lang));
  return (
    <div className="desk-page">
      <h1>{c.title}</h1>
      <p>{c.intro}</p>
      {answer?.differenceCents !== undefined ? (
        <p role="status" className="notice">
          {c.closed(answer.differenceCents === 0 ? null : signed(answer.differenceCents))}
        </p>
      ) : null}
      <Form method="get" className="inline">
        <Field name="dag" type="date" label={c.day} defaultValue={day} max={today} />
        <button type="submit" className="secondary">
          {c.show}
        </button>
      </Form>
      {answer?.errors.day ? <p className="error">{explain(answer.errors.day)}</p> : null}
      {closed ? (
        <p>{c.alreadyClosed(formatDay(day, lang))}</p>
      ) : (
        <PostForm>
          <input type="hidden" name="day" value={day} />
          <p>
            {`${c.expected}: `}
            <strong>{formatEuro(expected, lang)}</strong>
          </p>
          <Field name="counted" label={c.counted} inputMode="decimal" defaultValue={values.counted} error={answer?.errors.counted} />
          <TextAreaField name="note" label={c.note} defaultValue={values.note} error={answer?.errors.note} maxLength={500} />
          <button type="submit">{c.close}</button>
        </PostForm>
      )}
      <h2 id="eerder">{c.history}</h2>
      {counts.length === 0 ? (
        <p>{c.none}</p>
      ) : (
        <table className="cards" aria-labelledby="eerder">
          <thead>
            <tr>
              <th scope="col">{c.dayColumn}</th>
              <th scope="col">{c.expected}</th>
              <th scope="col">{c.counted}</th>
              <th scope="col">{c.difference}</th>
              <th scope="col">{c.note}</th>
              <th scope="col">{c.by}</th>
            </tr>
          </thead>
          <tbody>
            {counts.map((count) => (
              <tr key={count.id}>
                <td data-label={c.dayColumn}>{formatDay(count.day, lang)}</td>
                <td data-label={c.expected}>{formatEuro(count.expected_cents, lang)}</td>
                <td data-label={c.counted}>{formatEuro(count.counted_cents, lang)}</td>
                <td data-label={c.difference}>{signed(count.counted_cents - count.expected_cents)}</td>
                <td data-label={c.note}>{count.note}</td>
                <td data-label={c.by}>{count.counted_by_name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
