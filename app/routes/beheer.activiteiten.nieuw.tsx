import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { addDays, localToday } from "~/dates";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { ActivityForm } from "~/modules/activities/ActivityForm";
import { createActivity, kindsOffered, newActivitySchema } from "~/modules/activities/activities.server";
import { enabledModules, signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: coordinators, module: "activities" });

export const meta = titleMeta((t) => t.activities.manage.new);

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { kinds: kindsOffered(await enabledModules(context)), firstDay: addDays(localToday(), 7) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db, member } = signedInMember(context);
  const form = parseForm(newActivitySchema, await request.formData());
  if (!form.ok) return { errors: form.errors, values: form.values };
  const { firstDay, start, end, frequency, untilDay, ...details } = form.data;
  const { activityId } = await createActivity(db, { ...details, schedule: { firstDay, start, end, frequency, untilDay } }, member.id);
  throw redirect(`/beheer/activiteiten/${activityId}?nieuw=1`, 303);
}

export default function NewActivity() {
  const { kinds, firstDay } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useLanguage();
  const initial = { kind: kinds[0]!, category: "meeting", price: "0", capacity: "12", signupRequired: "ja", signupClosesHours: "0", firstDay, start: "10:00", end: "12:00", frequency: "once" };
  return (
    <div className="desk-page">
      <h1>{t.activities.manage.new}</h1>
      <ActivityForm values={answer?.values ?? initial} errors={answer?.errors} kinds={kinds} withSchedule />
    </div>
  );
}
