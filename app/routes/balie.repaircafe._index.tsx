import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, TextAreaField } from "~/components/Field";
import { formatDay, localToday } from "~/dates";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { planSession, sessionSchema, sessionsForDesk } from "~/modules/repair-cafe/repair-cafe.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, coordinators, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: desk, change: coordinators, module: "repairs" });

export const meta = titleMeta((t) => t.repairCafe.desk.title);

/** Coordinators and volunteers see the sessions; only coordinators plan them. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, member } = signedInMember(context);
  const today = localToday();
  return { sessions: await sessionsForDesk(db, today), canPlan: member.role === "coordinator", today };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db, member } = signedInMember(context);
  const form = parseForm(sessionSchema, await request.formData());
  if (!form.ok) return { errors: form.errors, values: form.values };
  const result = await planSession(db, form.data, member.id, localToday());
  if (!result.ok) return { errors: { [result.field]: result.error }, values: form.raw };
  throw redirect(`/balie/repaircafe/${result.sessionId}?gepland=1`, 303);
}

export default function RepairCafeDesk() {
  const { sessions, canPlan, today } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, lang } = useLanguage();
  const d = t.repairCafe.desk;
  const value = (name: string, fallback = "") => answer?.values[name] ?? fallback;
  return (
    <div className="desk-page">
      <h1>{d.title}</h1>
      <p>{d.intro}</p>
      <h2 id="gepland">{d.sessions}</h2>
      {sessions.length === 0 ? (
        <p>{d.none}</p>
      ) : (
        <table className="cards" aria-labelledby="gepland">
          <thead>
            <tr>
              <th scope="col">{d.when}</th>
              <th scope="col">{d.location}</th>
              <th scope="col">{d.booked}</th>
              <th scope="col">{d.status}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id}>
                <td data-label={d.when}>
                  <Link to={`/balie/repaircafe/${session.id}`}>{t.repairCafe.public.when(formatDay(session.day, lang), session.start, session.end)}</Link>
                </td>
                <td data-label={d.location}>{session.location ?? ""}</td>
                <td data-label={d.booked}>{d.of(session.booked, session.capacity)}</td>
                <td data-label={d.status}>{session.cancelled_at ? d.cancelled : d.going}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canPlan ? (
        <PostForm noValidate aria-labelledby="plannen">
          <h2 id="plannen">{d.plan}</h2>
          <Field name="day" type="date" label={d.day} min={today} defaultValue={value("day")} error={answer?.errors.day} required />
          <Field name="start" type="time" label={d.start} hint={d.timeHint} defaultValue={value("start", "13:00")} error={answer?.errors.start} required />
          <Field name="end" type="time" label={d.end} hint={d.timeHint} defaultValue={value("end", "16:00")} error={answer?.errors.end} required />
          <Field name="slotMinutes" inputMode="numeric" label={d.slotMinutes} hint={d.slotMinutesHint} defaultValue={value("slotMinutes", "20")} error={answer?.errors.slotMinutes} required />
          <Field name="places" inputMode="numeric" label={d.places} hint={d.placesHint} defaultValue={value("places", "2")} error={answer?.errors.places} required />
          <Field name="location" label={d.location} hint={d.locationHint} defaultValue={value("location")} error={answer?.errors.location} />
          <TextAreaField name="description" label={d.description} defaultValue={value("description")} error={answer?.errors.description} />
          <button type="submit">{d.submit}</button>
        </PostForm>
      ) : null}
    </div>
  );
}
