import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { ToolForm } from "~/modules/tool-library/ToolForm";
import { catalogCategories, createTool, toolFormSchema } from "~/modules/tool-library/tools.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: coordinators, module: "tool_library" });

export const meta = titleMeta((t) => t.toolLibrary.manage.newTitle);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  return { categories: await catalogCategories(db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db } = signedInMember(context);
  const form = parseForm(toolFormSchema, await request.formData());
  if (!form.ok) return { errors: form.errors, values: form.values };
  const id = await createTool(db, form.data);
  throw redirect(`/beheer/gereedschap/${id}?nieuw=1`, 303);
}

export default function NewTool() {
  const { categories } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useLanguage();
  return (
    <>
      <h1>{t.toolLibrary.manage.newTitle}</h1>
      <ToolForm values={answer?.values ?? { condition: "good", maxLoanDays: "7" }} errors={answer?.errors} categories={categories} />
    </>
  );
}
