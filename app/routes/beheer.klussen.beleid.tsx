import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { TextAreaField } from "~/components/Field";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { homeJobPolicy, policySchema, saveHomeJobPolicy } from "~/modules/home-jobs/jobs.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: coordinators, module: "home_jobs" });

export const meta = titleMeta((t) => t.homeJobs.policy.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  return { text: await homeJobPolicy(db) };
}

/** Coordinators keep the neighbourhood's written policy for home jobs. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { db, member } = signedInMember(context);
  const form = parseForm(policySchema, await request.formData());
  if (!form.ok) return { errors: form.errors, values: form.values, done: false };
  await saveHomeJobPolicy(db, form.data.text, member.id);
  return { errors: {} as Record<string, string>, values: form.raw, done: true };
}

export default function HomeJobPolicy() {
  const { text } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useLanguage();
  const p = t.homeJobs.policy;
  return (
    <>
      <p>
        <Link to="/beheer/klussen">← {t.homeJobs.board.title}</Link>
      </p>
      <h1>{p.title}</h1>
      <p>{p.intro}</p>
      {answer?.done ? (
        <p role="status" className="notice">
          {p.saved}
        </p>
      ) : null}
      <PostForm noValidate>
        <TextAreaField name="text" label={p.text} rows={16} defaultValue={answer?.values.text ?? text} error={answer?.errors.text} />
        <button type="submit">{p.save}</button>
      </PostForm>
    </>
  );
}
