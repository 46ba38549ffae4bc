import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { PostForm } from "~/components/PostForm";
import { formatDay } from "~/dates";
import { idParam, parseForm, searchText } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { DateStatus } from "~/modules/activities/AgendaList";
import { dateForDesk, mayRunDate } from "~/modules/activities/agenda.server";
import { addWalkIn, cancelDate, cancelDateSchema, deskSignUp, deskSignupSchema, mailContextOf, markAttendance, moveDate, moveDateSchema } from "~/modules/activities/activities.server";
import { deskSignUpForMeal, parseMealSignupForm } from "~/modules/kitchen/kitchen.server";
import { MealSignupFields } from "~/modules/kitchen/MealSignupFields";
import { personPicker } from "~/modules/members/members.server";
import { PersonPicker } from "~/modules/members/PersonPicker";
import { signedInMember } from "~/modules/accounts/guard.server";
import type { TenantDb } from "~/db/accessors.server";
import type { MemberRow } from "~/db/tables";
import { members, routeAccess } from "~/access";

// Hosts may be residents: the route admits every member and the loader and action let in only the
// desk, coordinators and the activity's own host.
export const access = routeAccess({ site: "neighbourhood", view: members, module: "activities" });

export const meta = titleMeta((t) => t.activities.desk.list);

async function dateFor(db: TenantDb, member: MemberRow, dateId: string) {
  const found = await dateForDesk(db, dateId);
  if (!found) throw new Response(null, { status: 404 });
  if (!mayRunDate({ memberId: member.id, role: member.role }, found.date.host_member_id)) throw new Response(null, { status: 403 });
  return found;
}

/** One date: who signed up, who came; the desk adds walk-ins and sign-ups, a coordinator calls it off or moves it. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, member } = signedInMember(context);
  const found = await dateFor(db, member, idParam(params.dateId));
  // A search without JavaScript comes back here as a GET with what was typed.
  const values = Object.fromEntries(new URL(request.url).searchParams);
  // A resident who hosts sees who comes, not their phone numbers, and cannot look people up:
  // they note walk-ins by name, as someone new.
  const isResident = member.role === "resident";
  return {
    ...found,
    people: isResident ? found.people.map((person) => ({ ...person, phone: null })) : found.people,
    picker: isResident ? null : await personPicker(db, searchText(100).parse(values.persoon), values.memberId),
    values,
    isCoordinator: member.role === "coordinator",
    backTo: isResident ? "/account/agenda" : "/balie/activiteiten",
  };
}

const attendanceSchema = z.object({ signupId: z.uuid(), attended: z.enum(["ja", "nee"]) });

type Intent = "attendance" | "walkin" | "signup" | "cancel" | "move";
interface Answer {
  intent: Intent;
  ok: boolean;
  errors: Record<string, string>;
  values: Record<string, string>;
  status?: "confirmed" | "waiting";
  toCall?: { name: string; phone: string | null }[];
}

export async function action({ request, context, params }: ActionFunctionArgs): Promise<Answer> {
  const { db, member, tenant } = signedInMember(context);
  const dateId = idParam(params.dateId);
  const found = await dateFor(db, member, dateId);
  const formData = await request.formData();
  const intent = String(formData.get("intent")) as Intent;
  const refused = (error: string, field: string, values: Record<string, string>): Answer => ({ intent, ok: false, errors: { [field]: error }, values });
  if (intent === "attendance") {
    const form = parseForm(attendanceSchema, formData);
    const ok = form.ok && (await markAttendance(db, { dateId, signupId: form.data.signupId, attended: form.data.attended === "ja" }));
    return { intent, ok, errors: {}, values: {} };
  }
  if (intent === "walkin" || intent === "signup") {
    const form = parseForm(deskSignupSchema, formData);
    if (!form.ok) return { intent, ok: false, errors: form.errors, values: form.values };
    if (member.role === "resident" && form.data.memberId) throw new Response(null, { status: 403 });
    if (intent === "walkin") {
      const result = await addWalkIn(db, { dateId, ...form.data }, member.id);
      return result.ok ? { intent, ok: true, errors: {}, values: {} } : refused(result.error, "memberId", form.raw);
    }
    // A meal also asks what each person eats, as the sign-up on the meal's own page does.
    const meal = found.date.kind === "meal" ? parseMealSignupForm(formData) : null;
    if (meal && !meal.ok) return { intent, ok: false, errors: meal.errors, values: { ...form.raw, ...meal.values } };
    const result = meal?.ok ? await deskSignUpForMeal(db, { dateId, ...form.data, ...meal.data }, member.id) : await deskSignUp(db, { dateId, ...form.data }, member.id);
    return result.ok ? { intent, ok: true, errors: {}, values: {}, status: result.status } : refused(result.error, "memberId", { ...form.raw, ...(meal?.values ?? {}) });
  }
  if (member.role !== "coordinator") throw new Response(null, { status: 403 });
  if (intent === "cancel") {
    const form = parseForm(cancelDateSchema, formData);
    if (!form.ok) return { intent, ok: false, errors: form.errors, values: form.values };
    const result = await cancelDate(db, { dateId, reason: form.data.reason }, mailContextOf(context, tenant));
    return result.ok ? { intent, ok: true, errors: {}, values: {}, toCall: result.toCall } : refused(result.error, "reason", form.raw);
  }
  const form = parseForm(moveDateSchema, formData);
  if (!form.ok) return { intent: "move", ok: false, errors: form.errors, values: form.values };
  const result = await moveDate(db, { dateId, ...form.data }, mailContextOf(context, tenant));
  return result.ok ? { intent: "move", ok: true, errors: {}, values: {}, toCall: result.toCall } : { ...refused(result.error, "day", form.raw), intent: "move" };
}

export default function DeskDate() {
  const { date, people, picker, values, isCoordinator, backTo } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, lang, explain } = useLanguage();
  const a = t.activities;
  const d = a.desk;
  const m = a.manage;
  const personAnswer = answer?.intent === "walkin" || answer?.intent === "signup" ? answer : undefined;
  const personValues = personAnswer && !personAnswer.ok ? personAnswer.values : values;
  const field = (intent: Intent, name: string) => ({
    name,
    defaultValue: answer?.intent === intent && !answer.ok ? (answer.values[name] ?? "") : "",
    error: answer?.intent === intent ? answer.errors[name] : undefined,
  });
  return (
    <div className="desk-page">
      <p>
        <Link to={backTo}>← {backTo === "/account/agenda" ? a.mine.title : d.back}</Link>
      </p>
      <h1>
        {date.title}: {a.when(formatDay(date.day, lang), date.start, date.end)}
      </h1>
      <p>
        <DateStatus date={date} />
      </p>
      {answer?.ok && answer.intent === "walkin" ? <p role="status" className="notice">{d.walkInAdded}</p> : null}
      {answer?.ok && answer.intent === "signup" ? <p role="status" className="notice">{answer.status === "waiting" ? d.signedUpWaiting : d.signedUpConfirmed}</p> : null}
      {answer?.ok && (answer.intent === "cancel" || answer.intent === "move") ? (
        <div role="status" className="notice">
          <p>{answer.intent === "cancel" ? d.dateCancelled : d.dateMoved}</p>
          {answer.toCall && answer.toCall.length > 0 ? (
            <>
              <p>{d.toCall}</p>
              <ul>
                {answer.toCall.map((person, index) => (
                  <li key={index}>
                    {person.name}
                    {person.phone ? <>: <a href={`tel:${person.phone.replace(/\s+/g, "")}`}>{person.phone}</a></> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}

      <h2>{d.list}</h2>
      {people.length === 0 ? (
        <p>{d.listNone}</p>
      ) : (
        <table className="cards">
          <thead>
            <tr>
              <th scope="col">{d.name}</th>
              <th scope="col">{d.guests}</th>
              <th scope="col">{d.status}</th>
              <th scope="col">{d.presence}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.id}>
                <td data-label={d.name}>{person.name}</td>
                <td data-label={d.guests}>{person.guests}</td>
                <td data-label={d.status}>{d.statuses[person.status]}</td>
                <td data-label={d.presence}>
                  {person.status === "waiting" ? null : (
                    <PostForm className="inline">
                      <input type="hidden" name="intent" value="attendance" />
                      <input type="hidden" name="signupId" value={person.id} />
                      <span>{person.attended === null ? d.unknown : person.attended ? d.came : d.notCame}</span>
                      {person.attended !== true ? (
                        <button type="submit" name="attended" value="ja" aria-label={d.cameFor(person.name)}>
                          {d.came}
                        </button>
                      ) : null}
                      {person.attended !== false ? (
                        <button type="submit" name="attended" value="nee" className="secondary" aria-label={d.notCameFor(person.name)}>
                          {d.notCame}
                        </button>
                      ) : null}
                    </PostForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {!date.cancelled ? (
        <PostForm noValidate aria-labelledby="iemand-toevoegen">
          <h2 id="iemand-toevoegen">{d.walkInTitle}</h2>
          {picker ? <PersonPicker legend={d.walkInLegend} initial={picker} error={personAnswer?.errors.memberId} noneLabel={t.people.picker.someoneNew} /> : null}
          <fieldset>
            <legend>{picker ? t.toolLibrary.desk.registerFirst : d.walkInLegend}</legend>
            {!picker && personAnswer?.errors.memberId ? (
              <p className="error" id="veld-memberId-fout">
                {explain(personAnswer.errors.memberId)}
              </p>
            ) : null}
            <Field name="newName" defaultValue={personValues.newName ?? ""} error={personAnswer?.errors.newName} label={t.manage.name} autoComplete="off" />
            <Field name="newPhone" defaultValue={personValues.newPhone ?? ""} error={personAnswer?.errors.newPhone} type="tel" label={t.home.phone} autoComplete="off" />
          </fieldset>
          <Field name="guests" defaultValue={personValues.guests ?? "0"} error={personAnswer?.errors.guests} label={d.guests} inputMode="numeric" />
          {date.kind === "meal" && date.signup_required ? <MealSignupFields values={personValues} errors={personAnswer?.errors} idPrefix="balie" /> : null}
          <div className="actions">
            <button type="submit" name="intent" value="walkin">
              {d.walkInAdd}
            </button>
            {date.signup_required ? (
              <button type="submit" name="intent" value="signup" className="secondary">
                {d.signUpAdd}
              </button>
            ) : null}
          </div>
        </PostForm>
      ) : null}

      {isCoordinator && !date.cancelled ? (
        <>
          <PostForm noValidate aria-labelledby="verplaatsen">
            <h2 id="verplaatsen">{d.moveTitle}</h2>
            <p>{d.moveHint}</p>
            <input type="hidden" name="intent" value="move" />
            <Field {...field("move", "day")} label={d.newDay} type="date" />
            <Field {...field("move", "start")} label={m.start} type="time" />
            <Field {...field("move", "end")} label={m.end} type="time" />
            <Field {...field("move", "moveReason")} label={d.reason} />
            <button type="submit" className="secondary">
              {d.moveDate}
            </button>
          </PostForm>
          <PostForm noValidate aria-labelledby="afzeggen">
            <h2 id="afzeggen">{d.cancelTitle}</h2>
            <p>{d.cancelHint}</p>
            <input type="hidden" name="intent" value="cancel" />
            <Field {...field("cancel", "reason")} label={d.reason} />
            <button type="submit" className="danger">
              {d.cancelDate}
            </button>
          </PostForm>
        </>
      ) : null}
    </div>
  );
}
