import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SelectField } from "~/components/Field";
import { PostForm } from "~/components/PostForm";
import { formatDay, localToday } from "~/dates";
import { idParam, parseForm } from "~/forms";
import { useLanguage } from "~/i18n/use-messages";
import { formatEuro } from "~/money";
import { DateStatus } from "~/modules/activities/AgendaList";
import { activityPage } from "~/modules/activities/agenda.server";
import { cancelSignup, mailContextOf, seriesSignupSchema, signUp, signUpForSeries, signupSchema } from "~/modules/activities/activities.server";
import { activityEvents } from "~/modules/activities/structured-data";
import { menuOf, parseMealSignupForm, signUpForMeal } from "~/modules/kitchen/kitchen.server";
import { MealSignupFields } from "~/modules/kitchen/MealSignupFields";
import { getMember, signedInMember } from "~/modules/accounts/guard.server";
import { requireTenant } from "~/request-context.server";
import { members, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: "anyone", change: members, module: "activities" });

export const meta = ({ data }: { data?: { activity: { title: string } } }) => [{ title: data ? `${data.activity.title} · Wijkplaats` : "Wijkplaats" }];

/** One activity with its next dates and places left; a signed-in member sees and changes their own sign-ups. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, tenant } = requireTenant(context);
  const member = await getMember(request, context);
  const found = await activityPage(db, { activityId: idParam(params.activityId), today: localToday(), memberId: member?.id });
  if (!found) throw new Response(null, { status: 404 });
  // A meal shows what is cooked on each date, with its allergens.
  const menus = found.activity.kind === "meal" ? Object.fromEntries(await Promise.all(found.dates.map(async (date) => [date.id, await menuOf(db, date.id)] as const))) : {};
  // A host may be a resident: their name is for the neighbourhood's members, not the whole internet.
  const activity = { ...found.activity, host_name: member ? found.activity.host_name : null };
  return { ...found, activity, menus, signedIn: member !== null, neighbourhood: tenant.name, url: request.url };
}

const cancelSchema = z.object({ dateId: z.uuid() });

type Answer =
  | { intent: "signup" | "series"; errors: Record<string, string>; values: Record<string, string>; status?: "confirmed" | "waiting"; series?: { confirmed: number; waiting: number } }
  | { intent: "cancel"; errors: Record<string, string>; values: Record<string, string>; cancelled: boolean };

/** A member signs up for one date or for all, or takes themselves off a date. */
export async function action({ request, context, params }: ActionFunctionArgs): Promise<Answer> {
  const { db, member, tenant } = signedInMember(context);
  const activityId = idParam(params.activityId);
  const found = await activityPage(db, { activityId, today: localToday() });
  if (!found) throw new Response(null, { status: 404 });
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "cancel") {
    const form = parseForm(cancelSchema, formData);
    const result = form.ok ? await cancelSignup(db, { dateId: form.data.dateId, memberId: member.id }, mailContextOf(context, tenant)) : null;
    return { intent: "cancel", errors: result && !result.ok ? { dateId: result.error } : {}, values: {}, cancelled: result?.ok ?? false };
  }
  // A meal asks what each person eats, date by date: no sign-up for all its dates at once.
  if (intent === "series" && found.activity.kind !== "meal") {
    const form = parseForm(seriesSignupSchema, formData);
    if (!form.ok) return { intent: "series", errors: form.errors, values: form.values };
    return { intent: "series", errors: {}, values: {}, series: await signUpForSeries(db, { activityId, memberId: member.id, guests: form.data.guestsEach }) };
  }
  const form = parseForm(signupSchema, formData);
  // A meal also asks, per person, what they eat: checked together, so every message shows at once.
  const meal = found.activity.kind === "meal" ? parseMealSignupForm(formData) : null;
  // Every ticked box comes back: a form field keeps only the last of a group.
  const values = { ...(form.ok ? form.raw : form.values), ...(meal?.values ?? {}) };
  if (!form.ok || (meal && !meal.ok)) return { intent: "signup", errors: { ...(form.ok ? {} : form.errors), ...(meal && !meal.ok ? meal.errors : {}) }, values };
  // Only a date of this activity: the form names the date, the address names the activity.
  if (!found.dates.some((date) => date.id === form.data.dateId)) return { intent: "signup", errors: { dateId: "activity_date_unknown" }, values };
  const result = meal?.ok
    ? await signUpForMeal(db, { ...meal.data, dateId: form.data.dateId, memberId: member.id })
    : await signUp(db, { dateId: form.data.dateId, memberId: member.id, guests: form.data.guests });
  if (!result.ok) return { intent: "signup", errors: { dateId: result.error }, values };
  return { intent: "signup", errors: {}, values: {}, status: result.status };
}

const guestOptions = Array.from({ length: 11 }, (_, n) => ({ value: String(n), label: String(n) }));

export default function ActivityPage() {
  const { activity, dates, menus, signedIn, neighbourhood, url } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, lang, explain } = useLanguage();
  const a = t.activities;
  const p = a.page;
  const when = (date: { day: string; start: string; end: string }) => a.when(formatDay(date.day, lang), date.start, date.end);
  const open = dates.filter((date) => !date.cancelled && !date.closed && !date.mine);
  const mine = dates.filter((date) => date.mine);
  const signupAnswer = answer?.intent === "signup" ? answer : undefined;
  const seriesAnswer = answer?.intent === "series" ? answer : undefined;
  return (
    <>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: activityEvents({ activity, dates, neighbourhood, url }) }} />
      <p>
        <Link to="/agenda">← {p.back}</Link>
      </p>
      <h1>{activity.title}</h1>
      {activity.description ? <p className="pre-line lead">{activity.description}</p> : null}
      <dl>
        <div>
          <dt>{t.activities.manage.category}</dt>
          <dd>{a.categories[activity.category]}</dd>
        </div>
        {activity.location ? (
          <div>
            <dt>{p.where}</dt>
            <dd>{activity.location}</dd>
          </div>
        ) : null}
        {activity.audience ? (
          <div>
            <dt>{p.forWhom}</dt>
            <dd>{activity.audience}</dd>
          </div>
        ) : null}
        {activity.accessibility ? (
          <div>
            <dt>{p.accessibility}</dt>
            <dd>{activity.accessibility}</dd>
          </div>
        ) : null}
        {activity.host_name ? (
          <div>
            <dt>{p.host}</dt>
            <dd>{activity.host_name}</dd>
          </div>
        ) : null}
        <div>
          <dt>{p.cost}</dt>
          <dd>{activity.price_cents === 0 ? a.free : a.price(formatEuro(activity.price_cents, lang))}</dd>
        </div>
      </dl>

      {signupAnswer?.status ? (
        <p role="status" className="notice">
          {signupAnswer.status === "confirmed" ? p.signedUp : p.onWaitingList}
        </p>
      ) : null}
      {seriesAnswer?.series ? (
        <p role="status" className="notice">
          {p.seriesDone(seriesAnswer.series.confirmed, seriesAnswer.series.waiting)}
        </p>
      ) : null}
      {answer?.intent === "cancel" ? (
        <p role="status" className={answer.cancelled ? "notice" : "error"}>
          {answer.cancelled ? p.cancelledSignup : explain(answer.errors.dateId ?? "activity_not_signed_up")}
        </p>
      ) : null}

      {mine.length > 0 ? (
        <section aria-labelledby="mijn-aanmeldingen">
          <h2 id="mijn-aanmeldingen">{t.activities.mine.title}</h2>
          <ul>
            {mine.map((date) => (
              <li key={date.id}>
                {when(date)}: {date.mine!.status === "waiting" ? p.youAreWaiting : p.youAreComing(date.mine!.guests)}
                {date.cancelled ? <strong> · {a.cancelled}</strong> : null}
                {!date.cancelled ? (
                  <PostForm className="inline">
                    <input type="hidden" name="intent" value="cancel" />
                    <input type="hidden" name="dateId" value={date.id} />
                    <button type="submit" className="danger" aria-label={p.cancelFor(when(date))}>
                      {p.cancel}
                    </button>
                  </PostForm>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="datums">
        <h2 id="datums">{p.dates}</h2>
        {dates.length === 0 ? (
          <p>{p.noDates}</p>
        ) : (
          <ul>
            {dates.map((date) => (
              <li key={date.id}>
                <strong>{when(date)}</strong>
                <br />
                <DateStatus date={date} />
                {!date.cancelled && date.signup_required && date.closed ? <span className="muted"> · {p.closed}</span> : null}
                {menus[date.id]?.length ? (
                  <ul className="dishes">
                    {menus[date.id]!.map((dish, index) => (
                      <li key={index}>
                        {dish.name}
                        {dish.allergens.length > 0 ? <span className="muted"> · {p.contains(dish.allergens.map((code) => t.kitchen.allergens[code]).join(", "))}</span> : null}
                        {dish.diets.length > 0 ? <span className="muted"> · {dish.diets.map((code) => t.kitchen.diets[code]).join(", ")}</span> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {activity.signup_required && open.length > 0 ? (
        signedIn ? (
          <>
            <PostForm noValidate aria-labelledby="aanmelden">
              <h2 id="aanmelden">{p.signUp}</h2>
              <input type="hidden" name="intent" value="signup" />
              <fieldset className={signupAnswer?.errors.dateId ? "field field-error" : "field"} aria-describedby={signupAnswer?.errors.dateId ? "veld-dateId-fout" : undefined}>
                <legend>{p.dates}</legend>
                {signupAnswer?.errors.dateId ? (
                  <p className="error" id="veld-dateId-fout">
                    {explain(signupAnswer.errors.dateId)}
                  </p>
                ) : null}
                {open.map((date) => (
                  <label key={date.id} className="choice">
                    <input type="radio" name="dateId" value={date.id} defaultChecked={signupAnswer?.values.dateId === date.id || open.length === 1} /> {when(date)}
                  </label>
                ))}
              </fieldset>
              <SelectField name="guests" label={p.guests} hint={p.guestsHint} options={guestOptions} defaultValue={signupAnswer?.values.guests ?? "0"} error={signupAnswer?.errors.guests} />
              {activity.kind === "meal" ? <MealSignupFields values={signupAnswer?.values ?? {}} errors={signupAnswer?.errors} idPrefix="maaltijd" /> : null}
              <button type="submit">{p.signUp}</button>
            </PostForm>
            {open.length > 1 && activity.kind !== "meal" ? (
              <PostForm noValidate aria-labelledby="alle-datums">
                <h2 id="alle-datums">{p.signUpSeries}</h2>
                <p>{p.seriesHint}</p>
                <input type="hidden" name="intent" value="series" />
                <SelectField name="guestsEach" label={p.guests} hint={p.guestsHint} options={guestOptions} defaultValue={seriesAnswer?.values.guestsEach ?? "0"} error={seriesAnswer?.errors.guestsEach} />
                <button type="submit" className="secondary">
                  {p.signUpSeries}
                </button>
              </PostForm>
            ) : null}
          </>
        ) : (
          <p>
            {p.logInToSignUp} <Link to={`/inloggen?terug=${encodeURIComponent(`/agenda/${activity.id}`)}`}>{p.logIn}</Link>
          </p>
        )
      ) : null}
    </>
  );
}
