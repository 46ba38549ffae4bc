import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ChoiceField, Field, TextAreaField } from "~/components/Field";
import { localToday } from "~/dates";
import { idParam, keepTyped, parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { formatEuro } from "~/money";
import {
  answerEstimate,
  allowedTransitions,
  assessJob,
  assessmentSchema,
  cancelJob,
  cancelSchema,
  closeJob,
  completeJob,
  completionSchema,
  estimateJob,
  estimateSchema,
  getJob,
  homeJobPolicy,
  notifyOf,
  possibleTeam,
  scheduleJob,
  scheduleSchema,
  teamHours,
} from "~/modules/home-jobs/jobs.server";
import { JobFacts } from "~/modules/home-jobs/JobFacts";
import { homeJobStatuses } from "~/modules/home-jobs/tables";
import { signedInMember } from "~/modules/accounts/guard.server";
import { tariffOf } from "~/modules/payments/tariffs.server";
import { coordinators, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: coordinators, module: "home_jobs" });

export const meta = titleMeta((t) => t.homeJobs.board.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  const job = await getJob(db, idParam(params.jobId));
  if (!job) throw new Response(null, { status: 404 });
  const [policy, team, tariff] = await Promise.all([homeJobPolicy(db), possibleTeam(db), tariffOf(db, job.requester_id)]);
  return {
    job,
    // A reduced tariff's share: the materials are asked at that share (coordinators also see why on the money pages).
    paysPercent: tariff?.paysPercent ?? null,
    policy,
    possibleTeam: team,
    today: localToday(),
    canCancel: allowedTransitions[job.status].includes("cancelled"),
    canEstimate: allowedTransitions[job.status].includes("estimated"),
  };
}

type Answer = { intent: string; errors: Record<string, string>; values: Record<string, string>; done?: boolean };
const seenSchema = z.object({ seen: z.enum(homeJobStatuses, { error: "job_transition_invalid" }) });

/** Every step of a job after the request: assess, estimate, plan, complete, close. */
export async function action({ request, context, params }: ActionFunctionArgs): Promise<Answer> {
  const { db, member, tenant } = signedInMember(context);
  const job = await getJob(db, idParam(params.jobId));
  if (!job) throw new Response(null, { status: 404 });
  const notify = notifyOf(context.platformUrl, tenant);
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  const answer = (result: { ok: true } | { ok: false; field: string; error: string }, raw: Record<string, string>): Answer =>
    result.ok ? { intent, errors: {}, values: {}, done: true } : { intent, errors: { [result.field]: result.error }, values: keepTyped(raw) };

  if (intent === "assess") {
    const form = parseForm(assessmentSchema, formData);
    if (!form.ok) return { intent, ...form };
    return answer(await assessJob(db, job.id, form.data, member.id, notify), form.raw);
  }
  if (intent === "estimate") {
    const form = parseForm(estimateSchema, formData);
    if (!form.ok) return { intent, ...form };
    return answer(await estimateJob(db, job.id, form.data, notify), form.raw);
  }
  if (intent === "acceptForPartner" || intent === "close") {
    const form = parseForm(seenSchema, formData);
    if (!form.ok) return { intent, ...form };
    return answer(intent === "close" ? await closeJob(db, job.id, form.data.seen) : await answerEstimate(db, job.id, form.data.seen, member, "accept"), form.raw);
  }
  if (intent === "cancel") {
    const form = parseForm(cancelSchema, formData);
    if (!form.ok) return { intent, ...form };
    return answer(await cancelJob(db, job.id, form.data), form.raw);
  }
  if (intent === "schedule") {
    // Several "team" boxes can be ticked; parseForm keeps one value per name, so they are read here.
    const form = parseForm(scheduleSchema.omit({ team: true }), formData);
    const team = scheduleSchema.shape.team.safeParse(formData.getAll("team").map(String));
    // The ticked boxes go back with an error too, so nothing ticked is lost.
    const ticked = { team: formData.getAll("team").map(String).join(",") };
    if (!form.ok || !team.success) {
      const errors = form.ok ? {} : form.errors;
      if (!team.success) errors.team = "job_team_required";
      return { intent, errors, values: { ...(form.ok ? keepTyped(form.raw) : form.values), ...ticked } };
    }
    return answer(await scheduleJob(db, job.id, { ...form.data, team: team.data }, notify), { ...form.raw, ...ticked });
  }
  if (intent === "complete") {
    const form = parseForm(completionSchema, formData);
    const hours = teamHours(formData, job.team);
    if (!form.ok || !hours.ok) {
      const raw = keepTyped(Object.fromEntries([...formData.entries()].flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : []))));
      return { intent, errors: { ...(form.ok ? {} : form.errors), ...(hours.ok ? {} : hours.errors) }, values: raw };
    }
    return answer(await completeJob(db, job.id, form.data, hours.hours, member.id), form.raw);
  }
  return { intent, errors: { form: "job_transition_invalid" }, values: {} };
}

export default function AssessHomeJob() {
  const { job, policy, possibleTeam, today, canCancel, canEstimate, paysPercent } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, lang, explain } = useLanguage();
  const a = t.homeJobs.assess;
  const mine = (intent: string) => (answer?.intent === intent ? answer : undefined);
  const yesNo = [
    { value: "ja", label: a.yes },
    { value: "nee", label: a.no },
  ];
  const answered = (value: boolean | null) => (value === null ? "–" : value ? a.yes : a.no);
  const seen = <input type="hidden" name="seen" value={job.status} />;
  const values = (intent: string) => mine(intent)?.values ?? {};
  const errors = (intent: string) => mine(intent)?.errors ?? {};
  return (
    <>
      <p>
        <Link to="/beheer/klussen">← {a.back}</Link> · <Link to={`/werk/klussen/${job.id}`}>{t.homeJobs.work.title}</Link>
      </p>
      <h1>{a.title(job.requester_name ?? job.partner_name ?? t.homeJobs.board.unknownPerson)}</h1>
      {answer?.done ? (
        <p role="status" className="notice">
          {a.saved}
        </p>
      ) : null}
      {answer?.errors.form || answer?.errors.seen ? (
        <p role="alert" className="error">
          {explain(answer.errors.form ?? answer.errors.seen)}
        </p>
      ) : null}
      <div className="columns">
        <section aria-labelledby="vraag">
          <h2 id="vraag">{a.request}</h2>
          <JobFacts job={job} showAddress phone={job.requester_phone} />
          {job.notes ? (
            <>
              <h3>{a.notes}</h3>
              <p className="pre-line">{job.notes}</p>
            </>
          ) : null}
          {job.status !== "requested" && job.can_do_self !== null ? (
            <>
              <h3>{a.answers}</h3>
              <dl>
                <dt>{a.canDoSelf}</dt>
                <dd>{answered(job.can_do_self)}</dd>
                <dt>{a.canPayCompany}</dt>
                <dd>{answered(job.can_pay_company)}</dd>
                <dt>{a.helpingHand}</dt>
                <dd>{answered(job.helping_hand)}</dd>
              </dl>
            </>
          ) : null}
          {job.hours.length ? (
            <>
              <h3>{a.hours}</h3>
              <ul>
                {job.hours.map((entry, index) => (
                  <li key={entry.member_id ?? index}>
                    {entry.name ?? t.homeJobs.board.unknownPerson}: {a.minutes(entry.minutes)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {job.materials_cents !== null ? (
            <p>
              {a.materials}: {formatEuro(job.materials_cents, lang)}
              {job.materials_description ? ` · ${job.materials_description}` : null} · {job.contribution_payment === "waived" ? `${a.waived}: ${job.waived_reason}` : job.contribution_payment === "online" ? a.online : a.cash}
            </p>
          ) : null}
        </section>
        <aside aria-labelledby="beleid">
          <h2 id="beleid">{a.policy}</h2>
          <p className="pre-line">{policy}</p>
        </aside>
      </div>

      {job.status === "requested" ? (
        <>
          <h2 id="beoordelen">{a.assessTitle}</h2>
          <PostForm noValidate aria-labelledby="beoordelen">
            <input type="hidden" name="intent" value="assess" />
            {seen}
            <ChoiceField name="canDoSelf" label={a.canDoSelf} options={yesNo} defaultValue={values("assess").canDoSelf} error={errors("assess").canDoSelf} />
            <ChoiceField name="canPayCompany" label={a.canPayCompany} options={yesNo} defaultValue={values("assess").canPayCompany} error={errors("assess").canPayCompany} />
            <ChoiceField name="helpingHand" label={a.helpingHand} options={yesNo} defaultValue={values("assess").helpingHand} error={errors("assess").helpingHand} />
            <ChoiceField
              name="decision"
              label={a.decision}
              options={[
                { value: "assessed", label: a.accept },
                { value: "declined", label: a.decline },
              ]}
              defaultValue={values("assess").decision}
              error={errors("assess").decision}
            />
            <TextAreaField name="reason" label={a.reason} hint={a.reasonHint} defaultValue={values("assess").reason} error={errors("assess").reason} />
            <button type="submit">{a.assessSubmit}</button>
          </PostForm>
        </>
      ) : null}

      {job.status === "estimate_declined" ? (
        <p role="status" className="notice">
          {a.estimateDeclined}
        </p>
      ) : null}

      {canEstimate ? (
        <>
          <h2 id="kosten">{a.estimateTitle}</h2>
          <PostForm noValidate aria-labelledby="kosten">
            <input type="hidden" name="intent" value="estimate" />
            {seen}
            <Field name="estimate" label={a.estimate} hint={a.estimateHint} inputMode="decimal" defaultValue={values("estimate").estimate} error={errors("estimate").estimate} />
            <TextAreaField
              name="estimateDescription"
              label={a.estimateDescription}
              defaultValue={values("estimate").estimateDescription}
              error={errors("estimate").estimateDescription}
            />
            <button type="submit">{a.estimateSubmit}</button>
          </PostForm>
        </>
      ) : null}

      {job.status === "estimated" ? (
        <>
          <p>{a.waiting}</p>
          {!job.requester_id && job.partner_id ? (
            <PostForm>
              <input type="hidden" name="intent" value="acceptForPartner" />
              {seen}
              <button type="submit">{a.acceptForPartner}</button>
            </PostForm>
          ) : null}
        </>
      ) : null}

      {job.status === "estimate_accepted" ? (
        <>
          <h2 id="plannen">{a.scheduleTitle}</h2>
          <PostForm noValidate aria-labelledby="plannen">
            <input type="hidden" name="intent" value="schedule" />
            {seen}
            <fieldset className={errors("schedule").team ? "field field-error" : "field"} aria-describedby={errors("schedule").team ? "veld-team-fout" : undefined}>
              <legend>{a.team}</legend>
              {errors("schedule").team ? (
                <p className="error" id="veld-team-fout">
                  {explain(errors("schedule").team)}
                </p>
              ) : null}
              {possibleTeam.map((person) => (
                <label key={person.id} className="choice">
                  <input type="checkbox" name="team" value={person.id} defaultChecked={values("schedule").team?.split(",").includes(person.id)} /> {person.name}
                </label>
              ))}
            </fieldset>
            <Field name="scheduledOn" label={a.scheduledOn} type="date" min={today} defaultValue={values("schedule").scheduledOn} error={errors("schedule").scheduledOn} />
            <TextAreaField name="notes" label={a.scheduleNotes} hint={a.scheduleNotesHint} defaultValue={values("schedule").notes} error={errors("schedule").notes} />
            <button type="submit">{a.scheduleSubmit}</button>
          </PostForm>
        </>
      ) : null}

      {job.status === "scheduled" ? (
        <>
          <h2 id="klaar">{a.completeTitle}</h2>
          <PostForm noValidate aria-labelledby="klaar">
            <input type="hidden" name="intent" value="complete" />
            {seen}
            {job.team.map((person) => {
              const field = `hours_${person.member_id}`;
              const recorded = job.hours.find((entry) => entry.member_id === person.member_id);
              return (
                <Field
                  key={field}
                  name={field}
                  label={a.hoursOf(person.name)}
                  hint={a.hoursHint}
                  inputMode="decimal"
                  defaultValue={values("complete")[field] ?? (recorded ? String(recorded.minutes / 60).replace(".", ",") : "")}
                  error={errors("complete")[field]}
                />
              );
            })}
            <Field
              name="materials"
              label={a.materials}
              hint={paysPercent === null ? undefined : t.payments.tariffs.deskHint(paysPercent)}
              inputMode="decimal"
              defaultValue={values("complete").materials}
              error={errors("complete").materials}
            />
            <TextAreaField name="materialsDescription" label={a.materialsDescription} defaultValue={values("complete").materialsDescription} error={errors("complete").materialsDescription} />
            <ChoiceField
              name="payment"
              label={a.payment}
              options={
                job.contribution_payment === "online"
                  ? [{ value: "online", label: a.online }]
                  : [
                      { value: "cash", label: a.cash },
                      { value: "waived", label: a.waived },
                    ]
              }
              defaultValue={values("complete").payment ?? (job.contribution_payment === "online" ? "online" : undefined)}
              error={errors("complete").payment}
            />
            <Field name="waivedReason" label={a.waivedReason} defaultValue={values("complete").waivedReason} error={errors("complete").waivedReason} />
            <button type="submit">{a.completeSubmit}</button>
          </PostForm>
        </>
      ) : null}

      {job.status === "done" || job.status === "declined" ? (
        <PostForm>
          <input type="hidden" name="intent" value="close" />
          {seen}
          <button type="submit">{a.closeSubmit}</button>
        </PostForm>
      ) : null}

      {canCancel ? (
        <>
          <h2 id="stoppen">{a.cancelTitle}</h2>
          <PostForm noValidate aria-labelledby="stoppen">
            <input type="hidden" name="intent" value="cancel" />
            {seen}
            <TextAreaField name="cancelReason" label={a.cancelReason} hint={a.cancelHint} defaultValue={values("cancel").cancelReason} error={errors("cancel").cancelReason} rows={2} />
            <button type="submit" className="danger">
              {a.cancelSubmit}
            </button>
          </PostForm>
        </>
      ) : null}
    </>
  );
}
