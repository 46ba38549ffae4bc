import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/Field";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { addPartner, listPartners, partnerSchema } from "~/modules/home-jobs/jobs.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: coordinators, module: "home_jobs" });

export const meta = titleMeta((t) => t.homeJobs.partners.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  return { partners: await listPartners(db) };
}

/** Coordinators keep the list of partner organisations that jobs can be done for. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { db } = signedInMember(context);
  const form = parseForm(partnerSchema, await request.formData());
  if (!form.ok) return { errors: form.errors, values: form.values, done: false };
  const result = await addPartner(db, form.data.name);
  return result.ok ? { errors: {} as Record<string, string>, values: {} as Record<string, string>, done: true } : { errors: { [result.field]: result.error }, values: form.raw, done: false };
}

export default function HomeJobPartners() {
  const { partners } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useLanguage();
  const p = t.homeJobs.partners;
  return (
    <>
      <p>
        <Link to="/beheer/klussen">← {t.homeJobs.board.title}</Link>
      </p>
      <h1>{p.title}</h1>
      <p>{p.intro}</p>
      {partners.length === 0 ? (
        <p>{p.none}</p>
      ) : (
        <table className="cards">
          <thead>
            <tr>
              <th scope="col">{p.name}</th>
              <th scope="col">{p.jobs}</th>
            </tr>
          </thead>
          <tbody>
            {partners.map((partner) => (
              <tr key={partner.id}>
                <td data-label={p.name}>{partner.name}</td>
                <td data-label={p.jobs}>{partner.jobs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="toevoegen">{p.add}</h2>
      {answer?.done ? (
        <p role="status" className="notice">
          {p.added}
        </p>
      ) : null}
      <PostForm noValidate aria-labelledby="toevoegen">
        <Field name="name" label={p.name} defaultValue={answer?.values.name} error={answer?.errors.name} />
        <button type="submit">{p.add}</button>
      </PostForm>
    </>
  );
}
