import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { PostForm } from "~/components/PostForm";
import { formatDay, localToday } from "~/dates";
import { idParam, parseForm, searchText } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { centsToInput } from "~/money";
import { ActivityForm } from "~/modules/activities/ActivityForm";
import { DateStatus } from "~/modules/activities/AgendaList";
import { activityPage } from "~/modules/activities/agenda.server";
import { activityDetailsSchema, hostSchema, kindsOffered, mailContextOf, setHost, updateActivity } from "~/modules/activities/activities.server";
import { personPicker } from "~/modules/members/members.server";
import { PersonPicker } from "~/modules/members/PersonPicker";
import { enabledModules, signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: coordinators, module: "activities" });

export const meta = titleMeta((t) => t.activities.manage.edit);

/** How many dates ahead the coordinator sees here; each links to its own page at the desk. */
const DATES_SHOWN = 52;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  const found = await activityPage(db, { activityId: idParam(params.activityId), today: localToday(), limit: DATES_SHOWN });
  if (!found) throw new Response(null, { status: 404 });
  // A search for a host without JavaScript comes back here as a GET with what was typed.
  const search = new URL(request.url).searchParams;
  const picker = await personPicker(db, searchText(100).parse(search.get("persoon") ?? ""), search.get("memberId") ?? found.activity.host_member_id ?? undefined);
  return { ...found, picker, kinds: kindsOffered(await enabledModules(context)) };
}

/** Changes the activity's details, or who hosts it. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { db, tenant } = signedInMember(context);
  const activityId = idParam(params.activityId);
  const formData = await request.formData();
  if (formData.get("intent") === "host") {
    const form = parseForm(hostSchema, formData);
    if (!form.ok) return { intent: "host" as const, errors: form.errors, values: form.values, saved: false };
    if (!(await setHost(db, activityId, form.data.memberId || null))) throw new Response(null, { status: 404 });
    return { intent: "host" as const, errors: {}, values: {}, saved: true };
  }
  const form = parseForm(activityDetailsSchema, formData);
  if (!form.ok) return { intent: "details" as const, errors: form.errors, values: form.values, saved: false };
  if (!(await updateActivity(db, activityId, form.data, localToday(), mailContextOf(context, tenant)))) throw new Response(null, { status: 404 });
  return { intent: "details" as const, errors: {}, values: {}, saved: true };
}

export default function ManageActivity() {
  const { activity, dates, picker, kinds } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, lang } = useLanguage();
  const a = t.activities;
  const m = a.manage;
  const stored = {
    title: activity.title,
    description: activity.description ?? "",
    kind: activity.kind,
    category: activity.category,
    location: activity.location ?? "",
    accessibility: activity.accessibility ?? "",
    audience: activity.audience ?? "",
    price: centsToInput(activity.price_cents),
    capacity: String(activity.capacity),
    signupRequired: activity.signup_required ? "ja" : "",
    signupClosesHours: String(activity.signup_closes_hours),
  };
  const details = answer?.intent === "details" ? answer : undefined;
  const host = answer?.intent === "host" ? answer : undefined;
  return (
    <div className="desk-page">
      <h1>{activity.title}</h1>
      {search.get("nieuw") ? (
        <p role="status" className="notice">
          {m.created}
        </p>
      ) : null}
      {answer?.saved ? (
        <p role="status" className="notice">
          {host ? m.hostSaved : m.saved}
        </p>
      ) : null}
      <p className="link-row">
        <Link to={`/agenda/${activity.id}`}>{m.show}</Link>
        <Link to="/beheer/activiteiten">{m.title}</Link>
      </p>

      <section aria-labelledby="datums">
        <h2 id="datums">{m.dates}</h2>
        {dates.length === 0 ? (
          <p>{m.noNext}</p>
        ) : (
          <ul className="agenda-day">
            {dates.map((date) => (
              <li key={date.id} className="agenda-item">
                <Link to={`/balie/activiteiten/${date.id}`}>{a.when(formatDay(date.day, lang), date.start, date.end)}</Link>
                <br />
                <DateStatus date={date} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="organisator">
        <h2 id="organisator">{m.host}</h2>
        <p>{m.hostHint}</p>
        <PostForm noValidate>
          <input type="hidden" name="intent" value="host" />
          <PersonPicker legend={m.host} initial={picker} error={host?.errors.memberId} noneLabel={m.noHost} />
          <button type="submit">{m.setHost}</button>
        </PostForm>
      </section>

      <section aria-labelledby="over">
        <h2 id="over">{m.details}</h2>
        <ActivityForm values={details && !details.saved ? details.values : stored} errors={details?.errors} kinds={kinds} withSchedule={false} />
      </section>
    </div>
  );
}
