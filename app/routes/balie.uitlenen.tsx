import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, SelectField } from "~/components/Field";
import { addDays, localToday } from "~/dates";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { listMembers } from "~/modules/members/members.server";
import { HandOutFields } from "~/modules/tool-library/HandOutFields";
import { checkOutSchema, checkOutWalkIn, loanForDesk, toolAmountsByNumber, walkInSchema } from "~/modules/tool-library/loans.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: desk, module: "tool_library" });

export const meta = titleMeta((t) => t.toolLibrary.desk.walkInTitle);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  const lentId = z.uuid().safeParse(new URL(request.url).searchParams.get("uitgeleend"));
  const [members, lent] = await Promise.all([listMembers(db), lentId.success ? loanForDesk(db, lentId.data) : null]);
  return {
    members: members.map((m) => ({ id: m.id, name: m.name, noLogin: m.account_id === null })),
    lent: lent ? { id: lent.id, tool: lent.tool_name, who: lent.member_name } : null,
    today: localToday(),
  };
}

type Answer = {
  errors: Record<string, string>;
  values: Record<string, string>;
  amounts: { deposit_cents: number | null; fee_cents: number | null } | null;
};

/** The desk lends a tool on the spot, also to someone new; then the form starts afresh. */
export async function action({ request, context }: ActionFunctionArgs): Promise<Answer> {
  const { db, member } = signedInMember(context);
  const formData = await request.formData();
  const walkIn = parseForm(walkInSchema, formData);
  const payments = parseForm(checkOutSchema, formData);
  const amounts = walkIn.ok ? await toolAmountsByNumber(db, walkIn.data.toolNumber) : null;
  if (!walkIn.ok || !payments.ok) {
    return { errors: { ...(walkIn.ok ? {} : walkIn.errors), ...(payments.ok ? {} : payments.errors) }, values: walkIn.ok ? walkIn.raw : walkIn.values, amounts };
  }
  const result = await checkOutWalkIn(db, { ...walkIn.data, ...payments.data }, member.id, localToday());
  if (!result.ok) return { errors: { [result.field]: result.error }, values: walkIn.raw, amounts };
  throw redirect(`/balie/uitlenen?uitgeleend=${result.loanId}`, 303);
}

export default function WalkIn() {
  const { members, lent, today } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, explain } = useLanguage();
  const d = t.toolLibrary.desk;
  const values = answer?.values ?? {};
  const field = (name: string) => ({ name, defaultValue: values[name] ?? "", error: answer?.errors[name] });
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
      {/* A new key after each loan: the form starts empty, also with JavaScript (inputs keep what was typed otherwise). */}
      <PostForm noValidate key={lent?.id ?? "nieuw"}>
        <Field {...field("toolNumber")} label={d.toolNumber} hint={d.toolNumberHint} inputMode="numeric" autoComplete="off" />
        <SelectField
          {...field("memberId")}
          label={d.borrower}
          options={[{ value: "", label: d.chooseBorrower }, ...members.map((m) => ({ value: m.id, label: m.noLogin ? `${m.name} (${t.manage.noLogin})` : m.name }))]}
        />
        <fieldset>
          <legend>{d.registerFirst}</legend>
          <Field {...field("newName")} label={t.manage.name} autoComplete="off" />
          <Field {...field("newPhone")} type="tel" label={t.home.phone} autoComplete="off" />
        </fieldset>
        <Field {...field("due")} type="date" label={d.due} min={today} defaultValue={values.due ?? addDays(today, 6)} />
        <HandOutFields depositCents={answer?.amounts?.deposit_cents ?? null} feeCents={answer?.amounts?.fee_cents ?? null} errors={answer?.errors} values={values} />
        <button type="submit">{d.walkInSubmit}</button>
      </PostForm>
    </>
  );
}
