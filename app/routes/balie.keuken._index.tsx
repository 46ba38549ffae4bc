import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { addDays, formatDay, localToday } from "~/dates";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { rotaGaps } from "~/modules/kitchen/kitchen.server";
import { mealsWithShifts } from "~/modules/kitchen/pages.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: desk, module: "kitchen" });

export const meta = titleMeta((t) => t.kitchen.desk.title);

/** How far ahead the desk sees meals, and the coordinator the shifts that still need people. */
const MEAL_DAYS = 14;
const ROTA_DAYS = 28;

/** The coming meals with their portions and shifts; for the coordinator also the rota's gaps. */
export async function loader({ context }: LoaderFunctionArgs) {
  const { db, member } = signedInMember(context);
  const today = localToday();
  const [meals, gaps] = await Promise.all([
    mealsWithShifts(db, { from: today, to: addDays(today, MEAL_DAYS) }),
    member.role === "coordinator" ? rotaGaps(db, { from: today, to: addDays(today, ROTA_DAYS) }) : null,
  ]);
  return { meals, gaps };
}

export default function KitchenDesk() {
  const { meals, gaps } = useLoaderData<typeof loader>();
  const { t, lang } = useLanguage();
  const d = t.kitchen.desk;
  const s = t.kitchen.shifts;
  const mealOf = (meal: { title: string; day: string; start: string; end: string }) => `${meal.title}: ${t.activities.when(formatDay(meal.day, lang), meal.start, meal.end)}`;
  return (
    <div className="desk-page">
      <h1>{d.title}</h1>
      <p className="lead">{d.intro}</p>
      <p>
        <Link to="/balie/keuken/diensten">{d.toRota}</Link>
      </p>
      {meals.length === 0 ? (
        <p>{d.none}</p>
      ) : (
        <table className="cards">
          <thead>
            <tr>
              <th scope="col">{d.meal}</th>
              <th scope="col">{d.portions}</th>
              <th scope="col">{d.shifts}</th>
            </tr>
          </thead>
          <tbody>
            {meals.map((meal) => (
              <tr key={meal.id}>
                <td data-label={d.meal}>
                  <Link to={`/balie/keuken/${meal.id}`}>{mealOf(meal)}</Link>
                </td>
                <td data-label={d.portions}>{meal.cancelled ? t.activities.cancelled : d.portionsTaken(meal.places_taken, meal.capacity)}</td>
                <td data-label={d.shifts}>{meal.shifts.length === 0 ? d.noShifts : d.peopleNeeded(meal.shifts.reduce((sum, shift) => sum + shift.gap, 0))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {gaps ? (
        <section aria-labelledby="niet-rond">
          <h2 id="niet-rond">{d.gapsTitle}</h2>
          <p>{d.gapsIntro}</p>
          {gaps.length === 0 ? (
            <p>{d.gapsNone}</p>
          ) : (
            <table className="cards">
              <thead>
                <tr>
                  <th scope="col">{d.meal}</th>
                  <th scope="col">{s.task}</th>
                  <th scope="col">{s.time}</th>
                  <th scope="col">{s.needed}</th>
                </tr>
              </thead>
              <tbody>
                {gaps.map((gap) => (
                  <tr key={gap.shiftId}>
                    <td data-label={d.meal}>
                      <Link to={`/balie/keuken/${gap.dateId}`}>{`${gap.title}: ${formatDay(gap.day, lang)}`}</Link>
                    </td>
                    <td data-label={s.task}>{t.kitchen.tasks[gap.task]}</td>
                    <td data-label={s.time}>{`${gap.start}–${gap.end}`}</td>
                    <td data-label={s.needed}>{s.gap(gap.gap)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </div>
  );
}
