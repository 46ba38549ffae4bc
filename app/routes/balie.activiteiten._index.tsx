import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PostForm } from "~/components/PostForm";
import { addDays, formatDay, localToday } from "~/dates";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { DateStatus } from "~/modules/activities/AgendaList";
import { callList, deskDates } from "~/modules/activities/agenda.server";
import { markCalled } from "~/modules/activities/activities.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: desk, module: "activities" });

export const meta = titleMeta((t) => t.activities.desk.title);

/** How far ahead the desk sees dates. */
const DESK_DAYS = 7;

/** The dates of today and the coming week, and the people to phone. */
export async function loader({ context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  const today = localToday();
  const [dates, toCall] = await Promise.all([deskDates(db, { from: today, to: addDays(today, DESK_DAYS) }), callList(db, today)]);
  return { dates, toCall };
}

const calledSchema = z.object({ signupId: z.uuid() });

/** The desk phoned someone on the list. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { db } = signedInMember(context);
  const form = parseForm(calledSchema, await request.formData());
  return { called: form.ok && (await markCalled(db, form.data.signupId)) };
}

export default function DeskActivities() {
  const { dates, toCall } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, lang } = useLanguage();
  const a = t.activities;
  const d = a.desk;
  const dateOf = (row: { title: string; day: string; start: string; end: string }) => `${row.title}: ${a.when(formatDay(row.day, lang), row.start, row.end)}`;
  return (
    <div className="desk-page">
      <h1>{d.title}</h1>
      <p className="lead">{d.intro}</p>
      {dates.length === 0 ? (
        <p>{d.none}</p>
      ) : (
        <ul className="agenda-day">
          {dates.map((date) => (
            <li key={date.id} className="agenda-item">
              <Link to={`/balie/activiteiten/${date.id}`}>
                {dateOf(date)}
              </Link>
              <br />
              {date.signup_required && !date.cancelled ? d.signedUp(date.places_taken, date.capacity) : <DateStatus date={date} />}
              {date.waiting ? ` · ${d.waiting(date.waiting)}` : ""}
              {date.came ? ` · ${d.cameCount(date.came)}` : ""}
            </li>
          ))}
        </ul>
      )}

      <section aria-labelledby="bellen">
        <h2 id="bellen">{d.callTitle}</h2>
        {answer?.called ? (
          <p role="status" className="notice">
            {d.called}
          </p>
        ) : null}
        {toCall.length === 0 ? (
          <p>{d.callNone}</p>
        ) : (
          <>
            <p>{d.callIntro}</p>
            <ul className="agenda-day">
              {toCall.map((person) => (
                <li key={person.signup_id} className="agenda-item">
                  <strong>{person.person}</strong>
                  {person.phone ? (
                    <>
                      {" · "}
                      <a href={`tel:${person.phone.replace(/\s+/g, "")}`}>{person.phone}</a>
                    </>
                  ) : null}
                  <br />
                  {dateOf(person)} · {person.cancelled || person.move_reason ? d.callChanged : d.callPromoted}
                  <PostForm className="inline">
                    <input type="hidden" name="signupId" value={person.signup_id} />
                    <button type="submit" className="secondary" aria-label={d.calledFor(person.person)}>
                      {d.called}
                    </button>
                  </PostForm>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
