import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { addDays, formatDay, localToday } from "~/dates";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { leaveShift, takeShift } from "~/modules/kitchen/kitchen.server";
import { mealsWithShifts, ownShiftSchema } from "~/modules/kitchen/pages.server";
import { ShiftTable } from "~/modules/kitchen/ShiftTable";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: desk, module: "kitchen" });

export const meta = titleMeta((t) => t.kitchen.rota.title);

/** How far ahead the rota goes. */
const ROTA_DAYS = 28;

/** The shifts of the coming meals (not those called off), with who is on them. */
export async function loader({ context }: LoaderFunctionArgs) {
  const { db, member } = signedInMember(context);
  const today = localToday();
  const meals = await mealsWithShifts(db, { from: today, to: addDays(today, ROTA_DAYS) });
  return { meals: meals.filter((meal) => !meal.cancelled && meal.shifts.length > 0), memberId: member.id };
}

/** A volunteer or coordinator takes a shift, or leaves it. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { db, member } = signedInMember(context);
  const form = parseForm(ownShiftSchema, await request.formData());
  if (!form.ok) return { ok: false as const, shiftId: "", error: "kitchen_shift_unknown" };
  const change = form.data.intent === "take" ? takeShift : leaveShift;
  const result = await change(db, { shiftId: form.data.shiftId, memberId: member.id });
  return result.ok ? { ok: true as const, intent: form.data.intent } : { ok: false as const, shiftId: form.data.shiftId, error: result.error };
}

export default function KitchenRota() {
  const { meals, memberId } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, lang, explain } = useLanguage();
  const r = t.kitchen.rota;
  const s = t.kitchen.shifts;
  return (
    <div className="desk-page">
      <h1>{r.title}</h1>
      <p className="lead">{r.intro}</p>
      {answer?.ok ? (
        <p role="status" className="notice">
          {answer.intent === "take" ? s.taken : s.left}
        </p>
      ) : null}
      {answer && !answer.ok ? (
        <p role="alert" className="error">
          {explain(answer.error)}
        </p>
      ) : null}
      {meals.length === 0 ? <p>{r.none}</p> : null}
      {meals.map((meal) => (
        <section key={meal.id} aria-labelledby={`maaltijd-${meal.id}`}>
          <h2 id={`maaltijd-${meal.id}`}>
            <Link to={`/balie/keuken/${meal.id}`}>
              {meal.title}: {t.activities.when(formatDay(meal.day, lang), meal.start, meal.end)}
            </Link>
          </h2>
          <ShiftTable shifts={meal.shifts} memberId={memberId} canTake canRemove={false} refused={answer && !answer.ok ? answer : undefined} day={formatDay(meal.day, lang)} />
        </section>
      ))}
    </div>
  );
}
