import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ChoiceField, Field, SelectField, TextAreaField } from "~/components/Field";
import { idParam, parseForm } from "~/forms";
import { useLanguage } from "~/i18n/use-messages";
import { centsToInput, formatEuro } from "~/money";
import { defaultOrdsCategory, ordsProductCategories, ordsRepairBarriers } from "~/modules/repairs/ords";
import { canMove, itemName, repairTransitions } from "~/modules/repairs/flow";
import { RepairFacts } from "~/modules/repairs/RepairFacts";
import {
  addPart,
  changeRepairStatus,
  closeRepair,
  closeSchema,
  settleContribution,
  settleContributionSchema,
  partSchema,
  personalDetailsForRepair,
  planRepair,
  planSchema,
  possibleFixers,
  removePart,
  repairForDesk,
  statusChangeSchema,
  type ChangeContext,
} from "~/modules/repairs/repairs.server";
import { repairOutcomes } from "~/modules/repairs/tables";
import { neighbourhoodUrl } from "~/modules/tenants/tenants.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { shareOf } from "~/modules/payments/tariff";
import { tariffOf } from "~/modules/payments/tariffs.server";
import { desk, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";
import { useEffect, useState } from "react";

export const access = routeAccess({ site: "neighbourhood", view: desk, module: "repairs" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `#${data.repair.number}` : ""} · Wijkplaats` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, member } = signedInMember(context);
  const repairId = idParam(params.repairId);
  const found = await repairForDesk(db, repairId);
  if (!found) throw new Response(null, { status: 404 });
  const [personal, fixers, tariff] = await Promise.all([personalDetailsForRepair(db, repairId, member), possibleFixers(db), tariffOf(db, found.repair.member_id)]);
  // A reduced tariff's share (never its reason): the desk asks only that part of the contribution.
  return { ...found, personal, possibleFixers: fixers, viewerIsVolunteer: member.role === "volunteer", paysPercent: tariff?.paysPercent ?? null };
}

type Answer = { intent: string; errors: Record<string, string>; values: Record<string, string>; done?: boolean };
const removePartSchema = z.object({ partId: z.string().regex(/^\d{1,18}$/) });

/** The desk plans a repair, moves it along, adds parts and closes it. */
export async function action({ request, context, params }: ActionFunctionArgs): Promise<Answer> {
  const { db, tenant, member } = signedInMember(context);
  const repairId = idParam(params.repairId);
  if (!(await repairForDesk(db, repairId))) throw new Response(null, { status: 404 });
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  const change: ChangeContext = { actor: member.id, tenant: { id: tenant.id, name: tenant.name }, siteUrl: neighbourhoodUrl(context.platformUrl, tenant) };
  const answer = (form: { raw: Record<string, string> }, result: { ok: true } | { ok: false; field: string; error: string }): Answer =>
    result.ok ? { intent, errors: {}, values: {}, done: true } : { intent, errors: { [result.field]: result.error }, values: form.raw };

  if (intent === "plan") {
    // The ticked boxes go back with an error too, so nothing ticked is lost.
    const ticked = { fixers: formData.getAll("fixer").map(String).join(",") };
    const form = parseForm(planSchema, formData);
    if (!form.ok) return { intent, errors: form.errors, values: { ...form.values, ...ticked } };
    const fixers = z.array(z.uuid()).safeParse(formData.getAll("fixer"));
    if (!fixers.success) return { intent, errors: { fixers: "repair_fixer_invalid" }, values: { ...form.raw, ...ticked } };
    const planned = answer(form, await planRepair(db, repairId, { ...form.data, fixers: fixers.data }, change));
    return planned.done ? planned : { ...planned, values: { ...planned.values, ...ticked } };
  }
  if (intent === "status") {
    const form = parseForm(statusChangeSchema, formData);
    if (!form.ok) return { intent, errors: { form: form.errors.to ?? form.errors.expected ?? "status_invalid" }, values: {} };
    return answer(form, await changeRepairStatus(db, repairId, form.data, change));
  }
  if (intent === "part") {
    const form = parseForm(partSchema, formData);
    if (!form.ok) return { intent, errors: form.errors, values: form.values };
    return answer(form, await addPart(db, repairId, form.data));
  }
  if (intent === "settle") {
    const form = parseForm(settleContributionSchema, formData);
    if (!form.ok) return { intent, errors: form.errors, values: form.values };
    return answer(form, await settleContribution(db, repairId, form.data, member.id));
  }
  if (intent === "removePart") {
    const form = parseForm(removePartSchema, formData);
    if (form.ok) await removePart(db, repairId, form.data.partId);
    return { intent, errors: {}, values: {}, done: form.ok };
  }
  const form = parseForm(closeSchema, formData);
  if (!form.ok) return { intent: "close", errors: form.errors, values: form.values };
  const result = await closeRepair(db, repairId, form.data, change);
  return result.ok ? { intent: "close", errors: {}, values: {}, done: true } : { intent: "close", errors: { [result.field]: result.error }, values: form.raw };
}

export default function DeskRepair() {
  const { repair, parts, photoIds, fixers, personal, possibleFixers, viewerIsVolunteer, paysPercent } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, lang, explain } = useLanguage();
  const d = t.repairs.desk;
  const mine = (intent: string) => (answer?.intent === intent ? answer : undefined);
  const open = repair.status !== "done" && repair.status !== "collected";
  const partsTotal = parts.reduce((sum, part) => sum + part.cost_cents, 0);
  const close = mine("close");
  // A new key after each part added gives an empty part form (with JavaScript the page is not reloaded).
  const [partsAdded, setPartsAdded] = useState(0);
  useEffect(() => {
    if (answer?.intent === "part" && answer.done) setPartsAdded((count) => count + 1);
  }, [answer]);
  const closeValues = close?.values ?? {};
  const assigned = new Set(fixers.map((f) => f.id));
  const tickedFixers = mine("plan")?.values.fixers?.split(",");
  const notice = (text: string) => (
    <p role="status" className="notice">
      {text}
    </p>
  );
  return (
    <>
      <p>
        <Link to="/balie/reparaties">← {d.back}</Link>
      </p>
      <h1>{d.heading(repair.number, itemName(repair.kind, repair.brand, lang))}</h1>
      {search.get("nieuw") && !answer ? notice(d.created) : null}
      {answer?.done ? notice(answer.intent === "plan" ? d.planned : answer.intent === "close" ? (repair.member_has_account ? d.closed : d.closedNoEmail) : answer.intent === "status" ? d.moved : answer.intent === "settle" ? d.settled : d.planned) : null}
      {answer?.errors.form ? (
        <p role="alert" className="error">
          {explain(answer.errors.form)}
        </p>
      ) : null}

      <dl>
        <dt>{d.owner}</dt>
        <dd>{repair.member_name ?? d.unknownPerson}</dd>
        {personal?.phone ? (
          <>
            <dt>{d.phone}</dt>
            <dd>{personal.phone}</dd>
          </>
        ) : null}
        {personal?.address ? (
          <>
            <dt>{d.address}</dt>
            <dd>{personal.address}</dd>
          </>
        ) : null}
        {personal?.notes ? (
          <>
            <dt>{d.notes}</dt>
            <dd className="pre-line">{personal.notes}</dd>
          </>
        ) : null}
        {fixers.length > 0 ? (
          <>
            <dt>{d.fixers}</dt>
            <dd>{fixers.map((f) => f.name).join(", ")}</dd>
          </>
        ) : null}
      </dl>
      {viewerIsVolunteer ? <p className="muted">{personal ? d.privacyLogged : d.privacyHidden}</p> : null}
      <RepairFacts repair={repair} parts={[]} photoIds={photoIds} forDesk />

      {open ? (
        <>
          <h2 id="inplannen">{d.plan}</h2>
          <PostForm noValidate aria-labelledby="inplannen">
            <input type="hidden" name="intent" value="plan" />
            <input type="hidden" name="expected" value={repair.status} />
            <fieldset className={mine("plan")?.errors.fixers ? "field field-error" : "field"} aria-describedby={mine("plan")?.errors.fixers ? "veld-fixers-fout" : undefined}>
              <legend>{d.fixersLegend}</legend>
              {mine("plan")?.errors.fixers ? (
                <p className="error" id="veld-fixers-fout">
                  {explain(mine("plan")?.errors.fixers)}
                </p>
              ) : null}
              {possibleFixers.map((fixer) => (
                <label key={fixer.id} className="choice">
                  <input type="checkbox" name="fixer" value={fixer.id} defaultChecked={tickedFixers ? tickedFixers.includes(fixer.id) : assigned.has(fixer.id)} /> {fixer.name}
                </label>
              ))}
            </fieldset>
            <Field
              name="plannedOn"
              type="date"
              label={d.plannedOnLabel}
              defaultValue={mine("plan")?.values.plannedOn ?? repair.planned_on ?? ""}
              error={mine("plan")?.errors.plannedOn}
            />
            <button type="submit">{d.planSubmit}</button>
          </PostForm>
        </>
      ) : null}

      {repairTransitions[repair.status].some((to) => to !== "done") ? (
        <>
          <h2 id="status">{d.statusTitle}</h2>
          <div className="actions">
            {repairTransitions[repair.status]
              .filter((to) => to !== "done")
              .map((to) => (
                <PostForm key={to}>
                  <input type="hidden" name="intent" value="status" />
                  <input type="hidden" name="expected" value={repair.status} />
                  <input type="hidden" name="to" value={to} />
                  <button type="submit" className={to === "cancelled" ? "danger" : to === "registered" || to === "planned" ? "secondary" : undefined}>
                    {d.moveTo(t.repairs.statuses[to])}
                  </button>
                </PostForm>
              ))}
          </div>
        </>
      ) : null}

      <h2 id="onderdelen">{d.parts}</h2>
      {parts.length === 0 ? (
        <p>{d.partsNone}</p>
      ) : (
        <>
          <ul>
            {parts.map((part) => (
              <li key={part.id}>
                {part.description}: {formatEuro(part.cost_cents, lang)}
                {repair.status !== "collected" ? (
                  <PostForm className="inline">
                    <input type="hidden" name="intent" value="removePart" />
                    <input type="hidden" name="partId" value={part.id} />
                    <button type="submit" className="secondary">
                      {d.partRemove(part.description)}
                    </button>
                  </PostForm>
                ) : null}
              </li>
            ))}
          </ul>
          <p>{d.partsTotal(formatEuro(partsTotal, lang))}</p>
        </>
      )}
      {repair.status !== "collected" ? (
        <PostForm key={partsAdded} noValidate aria-labelledby="onderdelen">
          <input type="hidden" name="intent" value="part" />
          <Field name="description" label={d.partDescription} defaultValue={mine("part")?.values.description} error={mine("part")?.errors.description} autoComplete="off" />
          <Field name="cost" label={d.partCost} hint={d.partCostHint} inputMode="decimal" defaultValue={mine("part")?.values.cost} error={mine("part")?.errors.cost} autoComplete="off" />
          <button type="submit" className="secondary">{d.partSubmit}</button>
        </PostForm>
      ) : null}

      {(repair.status === "done" || repair.status === "collected") && repair.contribution_cents && !repair.contribution_payment ? (
        <>
          <h2 id="bijdrage">{d.settleTitle}</h2>
          <p>{d.settleIntro(formatEuro(shareOf(repair.contribution_cents, paysPercent).pays, lang))}</p>
          <PostForm noValidate aria-labelledby="bijdrage">
            <input type="hidden" name="intent" value="settle" />
            <ChoiceField
              name="payment"
              label={d.payment}
              options={[
                { value: "cash", label: d.paidCash },
                { value: "waived", label: d.waived },
              ]}
              defaultValue={mine("settle")?.values.payment}
              error={mine("settle")?.errors.payment}
            />
            <TextAreaField name="waivedReason" label={d.waivedReason} defaultValue={mine("settle")?.values.waivedReason} error={mine("settle")?.errors.waivedReason} rows={2} />
            <button type="submit">{d.settleSubmit}</button>
          </PostForm>
        </>
      ) : null}

      {canMove(repair.status, "done") ? (
        <>
          <h2 id="afronden">{d.close}</h2>
          <p>{d.closeIntro}</p>
          <PostForm noValidate aria-labelledby="afronden">
            <input type="hidden" name="intent" value="close" />
            <input type="hidden" name="expected" value={repair.status} />
            <ChoiceField
              name="outcome"
              label={d.outcome}
              options={repairOutcomes.map((value) => ({ value, label: t.repairs.outcomes[value] }))}
              defaultValue={closeValues.outcome}
              error={close?.errors.outcome}
            />
            <SelectField
              name="productCategory"
              label={d.category}
              hint={d.categoryHint}
              defaultValue={closeValues.productCategory ?? defaultOrdsCategory[repair.kind]}
              error={close?.errors.productCategory}
              options={ordsProductCategories.map((value) => ({ value, label: d.productCategories[value] })).sort((a, b) => a.label.localeCompare(b.label, lang))}
            />
            <SelectField
              name="barrier"
              label={d.barrier}
              hint={d.barrierHint}
              defaultValue={closeValues.barrier ?? ""}
              error={close?.errors.barrier}
              options={[{ value: "", label: d.barrierNone }, ...ordsRepairBarriers.map((value) => ({ value, label: d.barriers[value] ?? value }))]}
            />
            <TextAreaField name="problem" label={d.problem} hint={d.problemHint} defaultValue={closeValues.problem} error={close?.errors.problem} rows={2} />
            <Field name="year" label={d.year} hint={d.yearHint} inputMode="numeric" defaultValue={closeValues.year} error={close?.errors.year} autoComplete="off" />
            <Field
              name="contribution"
              label={d.contribution}
              hint={paysPercent === null ? d.contributionHint : `${d.contributionHint} ${t.payments.tariffs.deskHint(paysPercent)}`}
              inputMode="decimal"
              defaultValue={closeValues.contribution ?? (partsTotal ? centsToInput(partsTotal) : "")}
              error={close?.errors.contribution}
              autoComplete="off"
            />
            <ChoiceField
              name="payment"
              label={d.payment}
              options={[
                { value: "cash", label: d.paidCash },
                { value: "waived", label: d.waived },
                { value: "later", label: d.payLater },
              ]}
              defaultValue={closeValues.payment}
              error={close?.errors.payment}
            />
            <TextAreaField name="waivedReason" label={d.waivedReason} defaultValue={closeValues.waivedReason} error={close?.errors.waivedReason} rows={2} />
            <button type="submit">{d.closeSubmit}</button>
          </PostForm>
        </>
      ) : null}
    </>
  );
}
