import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { coordinators, routeAccess } from "~/access";
import { ChoiceField, Field } from "~/components/Field";
import { PostForm } from "~/components/PostForm";
import type { TenantDb } from "~/db/accessors.server";
import { addDays, formatDay, localToday } from "~/dates";
import { parseForm, searchText } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { signedInMember } from "~/modules/accounts/guard.server";
import { personPicker } from "~/modules/members/members.server";
import { PersonPicker } from "~/modules/members/PersonPicker";
import { tariffShares } from "~/modules/payments/tariff";
import { activeTariffs, endTariff, setTariff, tariffSchema } from "~/modules/payments/tariffs.server";

export const access = routeAccess({ site: "neighbourhood", view: coordinators });

export const meta = titleMeta((t) => t.payments.tariffs.title);

/** The person picker, for what was typed and chosen in the form. */
const peopleFor = (db: TenantDb, values: Record<string, string>) => personPicker(db, searchText(100).parse(values.persoon), values.memberId);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  // A search for a person without JavaScript sends the form here as a GET.
  const values = Object.fromEntries(new URL(request.url).searchParams);
  const today = localToday();
  const [tariffs, people] = await Promise.all([activeTariffs(db, today), peopleFor(db, values)]);
  return { tariffs, people, values, today };
}

type Answer = { intent: string; errors: Record<string, string>; values: Record<string, string>; done?: boolean; people?: Awaited<ReturnType<typeof peopleFor>> };
const endSchema = z.object({ memberId: z.uuid() });

/** Coordinators give a person a reduced tariff (a share, a reason, an end date) or end it. */
export async function action({ request, context }: ActionFunctionArgs): Promise<Answer> {
  const { db, member } = signedInMember(context);
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  if (intent === "end") {
    const form = parseForm(endSchema, formData);
    if (form.ok) await endTariff(db, form.data.memberId);
    return { intent, errors: {}, values: {}, done: form.ok };
  }
  const form = parseForm(tariffSchema(localToday()), formData);
  if (!form.ok) return { intent: "set", errors: form.errors, values: form.values, people: await peopleFor(db, form.values) };
  if (!(await setTariff(db, form.data, member.id))) return { intent: "set", errors: { memberId: "member_unknown" }, values: form.raw, people: await peopleFor(db, form.raw) };
  return { intent: "set", errors: {}, values: {}, done: true };
}

export default function Tariffs() {
  const { tariffs, people, values, today } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const location = useLocation();
  const { t, lang } = useLanguage();
  const r = t.payments.tariffs;
  const set = answer?.intent === "set" ? answer : undefined;
  const typed = set?.values ?? values;
  return (
    <div className="desk-page">
      <p>
        <Link to="/beheer/geld">← {t.payments.money.title}</Link>
      </p>
      <h1>{r.title}</h1>
      <p>{r.intro}</p>
      {answer?.done ? (
        <p role="status" className="notice">
          {answer.intent === "end" ? r.ended : r.saved}
        </p>
      ) : null}
      <h2 id="tarieven">{r.current}</h2>
      {tariffs.length === 0 ? (
        <p>{r.none}</p>
      ) : (
        <table className="cards" aria-labelledby="tarieven">
          <thead>
            <tr>
              <th scope="col">{r.person}</th>
              <th scope="col">{r.pays}</th>
              <th scope="col">{r.reason}</th>
              <th scope="col">{r.until}</th>
              <th scope="col">
                <span className="visually-hidden">{r.end}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tariffs.map((tariff) => (
              <tr key={tariff.member_id}>
                <td data-label={r.person}>{tariff.name}</td>
                <td data-label={r.pays}>{r.shares[String(tariff.pays_percent) as (typeof tariffShares)[number]] ?? `${tariff.pays_percent}%`}</td>
                <td data-label={r.reason}>{tariff.reason}</td>
                <td data-label={r.until}>{formatDay(tariff.ends_on, lang)}</td>
                <td>
                  <PostForm>
                    <input type="hidden" name="intent" value="end" />
                    <input type="hidden" name="memberId" value={tariff.member_id} />
                    <button type="submit" className="secondary" aria-label={r.endFor(tariff.name)}>
                      {r.end}
                    </button>
                  </PostForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="nieuw-tarief">{r.give}</h2>
      {/* A new key after a search without JavaScript: the form starts from what the address says. */}
      <PostForm noValidate key={location.search} aria-labelledby="nieuw-tarief">
        <input type="hidden" name="intent" value="set" />
        <PersonPicker legend={r.person} initial={set?.people ?? people} error={set?.errors.memberId} />
        <ChoiceField
          name="paysPercent"
          label={r.pays}
          options={tariffShares.map((share) => ({ value: share, label: r.shares[share] }))}
          defaultValue={typed.paysPercent}
          error={set?.errors.paysPercent}
        />
        <Field name="reason" label={r.reason} hint={r.reasonHint} defaultValue={typed.reason} error={set?.errors.reason} maxLength={300} />
        <Field name="endsOn" type="date" label={r.until} min={today} defaultValue={typed.endsOn ?? addDays(today, 182)} error={set?.errors.endsOn} />
        <button type="submit">{r.save}</button>
      </PostForm>
    </div>
  );
}
