import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useState } from "react";
import { Field } from "~/components/Field";
import { addDays, localToday } from "~/dates";
import type { TenantDb } from "~/db/accessors.server";
import { parseForm, searchText } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { personPicker } from "~/modules/members/members.server";
import { PersonPicker } from "~/modules/members/PersonPicker";
import { shareOf } from "~/modules/payments/tariff";
import { HandOutFields } from "~/modules/tool-library/HandOutFields";
import { checkOutSchema, checkOutWalkIn, loanForDesk, walkInSchema } from "~/modules/tool-library/loans.server";
import { toolPicker } from "~/modules/tool-library/tools.server";
import { ToolPicker } from "~/modules/tool-library/ToolPicker";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: desk, module: "tool_library" });

export const meta = titleMeta((t) => t.toolLibrary.desk.walkInTitle);

/** The tool and person pickers for what was typed and chosen in the form. */
async function pickers(db: TenantDb, values: Record<string, string>) {
  const [tools, people] = await Promise.all([
    toolPicker(db, searchText(100).parse(values.gereedschap), values.toolNumber),
    personPicker(db, searchText(100).parse(values.persoon), values.memberId),
  ]);
  return { tools, people };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  const params = new URL(request.url).searchParams;
  // A search without JavaScript sends the whole form here as a GET: what was typed comes back from
  // the URL. The tool's desk page links here with its number (`?toolNumber=12`).
  const values = Object.fromEntries(params);
  const lentId = z.uuid().safeParse(params.get("uitgeleend"));
  const [found, lent] = await Promise.all([pickers(db, values), lentId.success ? loanForDesk(db, lentId.data) : null]);
  return {
    values,
    ...found,
    errors: {} as Record<string, string>,
    lent: lent ? { id: lent.id, tool: lent.tool_name, who: lent.member_name } : null,
    today: localToday(),
  };
}

/** The desk lends a tool on the spot, also to someone new; then the form starts afresh. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { db, member } = signedInMember(context);
  const formData = await request.formData();
  const walkIn = parseForm(walkInSchema, formData);
  const payments = parseForm(checkOutSchema, formData);
  if (!walkIn.ok || !payments.ok) {
    const values = walkIn.ok ? walkIn.raw : walkIn.values;
    return { errors: { ...(walkIn.ok ? {} : walkIn.errors), ...(payments.ok ? {} : payments.errors) }, values, ...(await pickers(db, values)) };
  }
  const result = await checkOutWalkIn(db, { ...walkIn.data, ...payments.data }, member.id, localToday());
  if (!result.ok) return { errors: { [result.field]: result.error }, values: walkIn.raw, ...(await pickers(db, walkIn.raw)) };
  throw redirect(`/balie/uitlenen?uitgeleend=${result.loanId}`, 303);
}

export default function WalkIn() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const location = useLocation();
  const { t, explain } = useLanguage();
  const d = t.toolLibrary.desk;
  const { lent } = loaded;
  return (
    <>
      <p>
        <Link to="/balie">← {d.title}</Link>
      </p>
      <h1>{d.walkInTitle}</h1>
      <p>{d.walkInIntro}</p>
      {lent && !answer ? (
        <p role="status" className="notice">
          {d.lent(lent.tool, lent.who ?? d.unknownPerson)} <Link to={`/balie/lening/${lent.id}`}>{d.openLoan(lent.tool, lent.who ?? d.unknownPerson)}</Link>
        </p>
      ) : null}
      {answer?.errors.form ? (
        <p role="alert" className="error">
          {explain(answer.errors.form)}
        </p>
      ) : null}
      {/* A new key for every address (after each loan, after a search without JavaScript): the form
          starts from what the page says, also with JavaScript (inputs keep what was typed otherwise). */}
      <WalkInForm key={location.search} shown={answer ?? loaded} today={loaded.today} />
    </>
  );
}

function WalkInForm({ shown, today }: { shown: Pick<ReturnType<typeof useLoaderData<typeof loader>>, "values" | "errors" | "tools" | "people">; today: string }) {
  const { t } = useLanguage();
  const d = t.toolLibrary.desk;
  const { values, errors } = shown;
  // What the chosen tool asks at hand-out (deposit, fee), and the chosen person's reduced tariff if
  // they have one, decide which payment questions are asked and for what amounts.
  const [tool, setTool] = useState(shown.tools.chosen);
  const [person, setPerson] = useState(shown.people.chosen);
  const due = (cents: number | null | undefined) => (cents ? shareOf(cents, person?.pays_percent ?? null).pays : null);
  const field = (name: string) => ({ name, defaultValue: values[name] ?? "", error: errors[name] });
  return (
    <PostForm noValidate>
      <ToolPicker initial={shown.tools} error={errors.toolNumber} onChoose={setTool} />
      <PersonPicker legend={d.borrower} initial={shown.people} error={errors.memberId} noneLabel={t.people.picker.someoneNew} onChoose={setPerson} />
      <fieldset>
        <legend>{d.registerFirst}</legend>
        <Field {...field("newName")} label={t.manage.name} autoComplete="off" />
        <Field {...field("newPhone")} type="tel" label={t.home.phone} autoComplete="off" />
      </fieldset>
      <Field {...field("due")} type="date" label={d.due} min={today} defaultValue={values.due || addDays(today, 6)} />
      <HandOutFields depositCents={due(tool?.deposit_cents)} feeCents={due(tool?.fee_cents)} errors={errors} values={values} />
      <button type="submit">{d.walkInSubmit}</button>
    </PostForm>
  );
}
