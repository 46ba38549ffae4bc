import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import type { TenantDb } from "~/db/accessors.server";
import { parseForm, searchText } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { personPicker } from "~/modules/members/members.server";
import { PersonPicker } from "~/modules/members/PersonPicker";
import { blockBorrower, blockFormSchema, lendingRules, listBlocks, rulesFormSchema, saveLendingRules, unblockBorrower } from "~/modules/tool-library/rules.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: coordinators, module: "tool_library" });

export const meta = titleMeta((t) => t.toolLibrary.rules.title);

/** The person picker of the block form, for what was typed and chosen in it. */
const peopleFor = (db: TenantDb, values: Record<string, string>) => personPicker(db, searchText(100).parse(values.persoon), values.memberId);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  // A search for a person without JavaScript sends the block form here as a GET.
  const params = new URL(request.url).searchParams;
  const blockValues = params.get("intent") === "block" ? Object.fromEntries(params) : {};
  const [rules, blocks, people] = await Promise.all([lendingRules(db), listBlocks(db), peopleFor(db, blockValues)]);
  return { rules, blocks, blockValues, people };
}

type Answer = { intent: string; errors: Record<string, string>; values: Record<string, string>; done?: boolean; people?: Awaited<ReturnType<typeof peopleFor>> };
const unblockSchema = z.object({ memberId: z.uuid() });

/** Coordinators set the maximum of open loans per person and block or unblock borrowers. */
export async function action({ request, context }: ActionFunctionArgs): Promise<Answer> {
  const { db, member } = signedInMember(context);
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  if (intent === "block") {
    const form = parseForm(blockFormSchema, formData);
    if (!form.ok) return { intent, errors: form.errors, values: form.values, people: await peopleFor(db, form.values) };
    if (!(await blockBorrower(db, form.data, member.id))) return { intent, errors: { memberId: "member_unknown" }, values: form.raw, people: await peopleFor(db, form.raw) };
    return { intent, errors: {}, values: {}, done: true };
  }
  if (intent === "unblock") {
    const form = parseForm(unblockSchema, formData);
    if (form.ok) await unblockBorrower(db, form.data.memberId);
    return { intent, errors: {}, values: {}, done: form.ok };
  }
  const form = parseForm(rulesFormSchema, formData);
  if (!form.ok) return { intent: "rules", errors: form.errors, values: form.values };
  await saveLendingRules(db, form.data);
  return { intent: "rules", errors: {}, values: form.raw, done: true };
}

export default function LendingRules() {
  const { rules, blocks, blockValues, people } = useLoaderData<typeof loader>();
  const location = useLocation();
  const answer = useActionData<typeof action>();
  const { t, lang } = useLanguage();
  const r = t.toolLibrary.rules;
  const mine = (intent: string) => (answer?.intent === intent ? answer : undefined);
  return (
    <>
      <p>
        <Link to="/beheer/gereedschap">← {t.toolLibrary.manage.title}</Link>
      </p>
      <h1>{r.title}</h1>
      {mine("rules")?.done ? (
        <p role="status" className="notice">
          {r.saved}
        </p>
      ) : null}
      <PostForm noValidate>
        <input type="hidden" name="intent" value="rules" />
        <Field
          name="maxOpenLoans"
          label={r.maxOpenLoans}
          inputMode="numeric"
          defaultValue={mine("rules")?.values.maxOpenLoans ?? String(rules.max_open_loans)}
          error={mine("rules")?.errors.maxOpenLoans}
        />
        <button type="submit">{r.save}</button>
      </PostForm>
      <h2 id="blokkades">{r.blocks}</h2>
      <p>{r.blocksIntro}</p>
      {mine("block")?.done || mine("unblock")?.done ? (
        <p role="status" className="notice">
          {mine("block")?.done ? r.blocked : r.unblocked}
        </p>
      ) : null}
      {blocks.length === 0 ? (
        <p>{r.blocksNone}</p>
      ) : (
        <table className="cards" aria-labelledby="blokkades">
          <thead>
            <tr>
              <th scope="col">{r.person}</th>
              <th scope="col">{r.reason}</th>
              <th scope="col">{r.since}</th>
              <th scope="col">
                <span className="visually-hidden">{r.unblock}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {blocks.map((block) => (
              <tr key={block.id}>
                <td data-label={r.person}>{block.name}</td>
                <td data-label={r.reason}>{block.reason}</td>
                <td data-label={r.since}>{new Date(block.blocked_at).toLocaleDateString(lang === "nl" ? "nl-NL" : "en-GB", { timeZone: "Europe/Amsterdam" })}</td>
                <td>
                  <PostForm>
                    <input type="hidden" name="intent" value="unblock" />
                    <input type="hidden" name="memberId" value={block.id} />
                    <button type="submit" className="secondary" aria-label={r.unblockFor(block.name)}>
                      {r.unblock}
                    </button>
                  </PostForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {/* A new key after a search without JavaScript: the form starts from what the address says. */}
      <PostForm noValidate key={location.search}>
        <input type="hidden" name="intent" value="block" />
        <PersonPicker legend={r.person} initial={mine("block")?.people ?? people} error={mine("block")?.errors.memberId} />
        <Field name="reason" label={r.reason} hint={r.reasonHint} defaultValue={mine("block")?.values.reason ?? blockValues.reason} error={mine("block")?.errors.reason} />
        <button type="submit" className="danger">{r.block}</button>
      </PostForm>
    </>
  );
}
