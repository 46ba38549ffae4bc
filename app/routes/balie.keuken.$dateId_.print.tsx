import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDay } from "~/dates";
import { idParam } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { kitchenList } from "~/modules/kitchen/kitchen.server";
import { AnswerTable, DishList, EaterTable } from "~/modules/kitchen/MealSheet";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: desk, module: "kitchen" });

export const meta = titleMeta((t) => t.kitchen.print.title);

/** The kitchen's list of one meal to print: the menu, who eats, and (for those who may) allergies. */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const { db, member } = signedInMember(context);
  const dateId = idParam(params.dateId);
  const sheet = await kitchenList(db, dateId, { memberId: member.id, role: member.role });
  if (!sheet.ok) throw new Response(null, { status: 404 });
  const { meal, dishes, eaters, answers, totals } = sheet;
  return { dateId, meal, dishes, eaters, answers, totals };
}

export default function KitchenPrint() {
  const { dateId, meal, dishes, eaters, answers, totals } = useLoaderData<typeof loader>();
  const { t, lang } = useLanguage();
  const m = t.kitchen.meal;
  const p = t.kitchen.print;
  return (
    <div className="kitchen-print">
      <p className="no-print">
        <Link to={`/balie/keuken/${dateId}`}>← {p.back}</Link>
      </p>
      <p className="no-print hint">{p.hint}</p>
      <h1>
        {p.title}: {meal.title}
      </h1>
      <p className="lead">{t.activities.when(formatDay(meal.day, lang), meal.start, meal.end)}</p>
      {meal.cancelled ? <p className="notice">{m.cancelled}</p> : null}
      <h2>{m.menu}</h2>
      <DishList dishes={dishes} />
      <h2>{m.eaters}</h2>
      <EaterTable eaters={eaters} totals={totals} />
      <h2>{m.answers}</h2>
      <AnswerTable answers={answers} />
    </div>
  );
}
