import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDay, localToday } from "~/dates";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { activitiesToManage } from "~/modules/activities/agenda.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: coordinators, module: "activities" });

export const meta = titleMeta((t) => t.activities.manage.title);

export async function loader({ context }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  return { activities: await activitiesToManage(db, localToday()) };
}

/** Every activity and meal, with when it is next, for coordinators. */
export default function ManageActivities() {
  const { activities } = useLoaderData<typeof loader>();
  const { t, lang } = useLanguage();
  const m = t.activities.manage;
  return (
    <div className="desk-page">
      <h1>{m.title}</h1>
      <p className="lead">{m.intro}</p>
      <p>
        <Link to="/beheer/activiteiten/nieuw" className="button">
          {m.new}
        </Link>
      </p>
      {activities.length === 0 ? (
        <p>{m.none}</p>
      ) : (
        <table className="cards">
          <thead>
            <tr>
              <th scope="col">{m.titleLabel}</th>
              <th scope="col">{m.category}</th>
              <th scope="col">{m.next}</th>
            </tr>
          </thead>
          <tbody>
            {activities.map((activity) => (
              <tr key={activity.id}>
                <td data-label={m.titleLabel}>
                  <Link to={`/beheer/activiteiten/${activity.id}`}>{activity.title}</Link>
                  {activity.kind === "meal" ? ` (${t.activities.kinds.meal})` : ""}
                </td>
                <td data-label={m.category}>{t.activities.categories[activity.category]}</td>
                <td data-label={m.next}>{activity.next_day ? formatDay(activity.next_day, lang) : m.noNext}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
