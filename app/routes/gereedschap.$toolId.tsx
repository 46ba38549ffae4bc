import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/Field";
import { addDays, formatDay, localToday } from "~/dates";
import { idParam, parseForm } from "~/forms";
import { useLanguage } from "~/i18n/use-messages";
import { formatEuro } from "~/money";
import { reservationSchema, reserveTool } from "~/modules/tool-library/loans.server";
import { toolDetails } from "~/modules/tool-library/tools.server";
import { requireTenant } from "~/request-context.server";
import { getSession, signedInMember } from "~/modules/accounts/guard.server";
import { members, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: "anyone", change: members, module: "tool_library" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.tool.name ?? ""} · Wijkplaats` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db } = requireTenant(context);
  const today = localToday();
  const details = await toolDetails(db, idParam(params.toolId), today);
  if (!details) throw new Response(null, { status: 404 });
  const signedIn = (await getSession(request, context)) !== null;
  return { ...details, today, signedIn };
}

/** A signed-in member reserves this tool. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { db, member } = signedInMember(context);
  const toolId = idParam(params.toolId);
  if (!(await toolDetails(db, toolId, localToday()))) throw new Response(null, { status: 404 });
  const form = parseForm(reservationSchema, await request.formData());
  if (!form.ok) return { errors: form.errors, values: form.values };
  const result = await reserveTool(db, { ...form.data, toolId, memberId: member.id, actor: member.id, today: localToday() });
  if (!result.ok) return { errors: { [result.field]: result.error }, values: form.raw };
  throw redirect("/account/leningen?gereserveerd=1", 303);
}

export default function ToolPage() {
  const { tool, photoIds, busy, today, signedIn } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, lang, explain } = useLanguage();
  const c = t.toolLibrary.tool;
  const day = (d: string) => formatDay(d, lang);
  const formError = answer?.errors.form ?? answer?.errors.tool;
  return (
    <>
      <p>
        <Link to="/gereedschap">← {c.back}</Link>
      </p>
      <h1>{tool.name}</h1>
      <p className="muted">
        {tool.category} · {t.toolLibrary.catalog.number(tool.number)}
      </p>
      {photoIds.length > 0 ? (
        <div className="tool-photos">
          {photoIds.map((id, index) => (
            <img key={id} src={`/gereedschap/${tool.id}/foto/${id}`} alt={`${t.toolLibrary.catalog.photoOf(tool.name)} (${index + 1})`} width={240} />
          ))}
        </div>
      ) : null}
      {tool.description ? (
        <>
          <h2>{c.description}</h2>
          <p className="pre-line">{tool.description}</p>
        </>
      ) : null}
      <dl>
        <dt>{c.condition}</dt>
        <dd>{t.toolLibrary.conditions[tool.condition]}</dd>
        {tool.location ? (
          <>
            <dt>{c.where}</dt>
            <dd>{tool.location}</dd>
          </>
        ) : null}
        <dt>{t.toolLibrary.manage.fee}</dt>
        <dd>{tool.fee_cents ? formatEuro(tool.fee_cents, lang) : t.toolLibrary.catalog.free}</dd>
        {tool.deposit_cents ? (
          <>
            <dt>{t.toolLibrary.manage.deposit}</dt>
            <dd>{formatEuro(tool.deposit_cents, lang)}</dd>
          </>
        ) : null}
      </dl>
      <p>{c.maxDays(tool.max_loan_days)}</p>
      {tool.needs_instruction ? <p className="notice">{c.instruction}</p> : null}
      {tool.safety_notes ? (
        <>
          <h2>{c.safety}</h2>
          <p className="pre-line">{tool.safety_notes}</p>
        </>
      ) : null}
      <h2>{c.whenFree}</h2>
      {busy.length === 0 ? (
        <p>{c.freeFromToday}</p>
      ) : (
        <ul>
          {busy.map((period) => (
            <li key={`${period.start}-${period.status}`}>
              {period.status === "on_loan" && period.until < today ? c.stillOut(day(period.until)) : c.busyFromTo(day(period.start), day(period.until))}
            </li>
          ))}
        </ul>
      )}
      <h2 id="reserveren">{c.reserve}</h2>
      {tool.status !== "available" ? (
        <p>{c.notLendable}</p>
      ) : signedIn ? (
        <PostForm noValidate aria-labelledby="reserveren">
          <p>{c.reserveIntro}</p>
          {formError ? (
            <p className="error" role="alert">
              {explain(formError)}
            </p>
          ) : null}
          <Field name="start" type="date" label={c.start} min={today} defaultValue={answer?.values.start ?? today} error={answer?.errors.start} required />
          <Field
            name="end"
            type="date"
            label={c.end}
            min={today}
            defaultValue={answer?.values.end ?? addDays(today, Math.min(tool.max_loan_days, 7) - 1)}
            error={answer?.errors.end}
            hint={c.maxDays(tool.max_loan_days)}
            required
          />
          <button type="submit">{c.reserveSubmit}</button>
        </PostForm>
      ) : (
        <p>
          <Link to={`/inloggen?terug=${encodeURIComponent(`/gereedschap/${tool.id}`)}`}>{c.loginToReserve}</Link>
        </p>
      )}
    </>
  );
}
