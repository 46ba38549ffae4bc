import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SelectField } from "~/components/Field";
import { formatDay, localToday } from "~/dates";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { AgendaList } from "~/modules/activities/AgendaList";
import { agendaDates } from "~/modules/activities/agenda.server";
import { agendaPeriod, periods } from "~/modules/activities/period";
import { activityCategories } from "~/modules/activities/tables";
import { requireTenant } from "~/request-context.server";
import { routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: "anyone", module: "activities" });

export const meta = titleMeta((t) => t.activities.agenda.title);

// An address typed or shared by hand may hold anything; what does not fit falls back to this week.
const querySchema = z.object({
  periode: z.enum(periods).catch("week"),
  van: z.string().optional().catch(undefined),
  categorie: z.enum(activityCategories).optional().catch(undefined),
});

/** The neighbourhood's agenda for a week or a month, for everyone. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = requireTenant(context);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const period = agendaPeriod(query.periode, query.van, localToday());
  const dates = await agendaDates(db, { from: period.from, to: period.to, category: query.categorie });
  return { period, category: query.categorie ?? "", dates };
}

export default function Agenda() {
  const { period, category, dates } = useLoaderData<typeof loader>();
  const { t, lang } = useLanguage();
  const a = t.activities.agenda;
  const link = (changes: Record<string, string>) => `?${new URLSearchParams({ periode: period.kind, van: period.from, ...(category ? { categorie: category } : {}), ...changes })}`;
  return (
    <>
      <h1>{a.title}</h1>
      <p className="lead">{a.intro}</p>
      <ul className="link-row" aria-label={a.title}>
        <li>
          <Link to={link({ periode: "week", van: "" })} aria-current={period.kind === "week" && period.current ? "page" : undefined}>
            {a.thisWeek}
          </Link>
        </li>
        <li>
          <Link to={link({ periode: "maand", van: "" })} aria-current={period.kind === "maand" && period.current ? "page" : undefined}>
            {a.thisMonth}
          </Link>
        </li>
      </ul>
      <Form method="get" className="catalog-search">
        <input type="hidden" name="periode" value={period.kind} />
        <input type="hidden" name="van" value={period.from} />
        <SelectField
          name="categorie"
          label={a.category}
          defaultValue={category}
          options={[{ value: "", label: a.allCategories }, ...activityCategories.map((value) => ({ value, label: t.activities.categories[value] }))]}
        />
        <button type="submit">{a.show}</button>
      </Form>
      <h2>{a.period(formatDay(period.from, lang), formatDay(period.to, lang))}</h2>
      <p className="link-row">
        <Link to={link({ van: period.previous })}>← {a.previous}</Link>
        <Link to={link({ van: period.next })}>{a.next} →</Link>
      </p>
      {dates.length === 0 ? <p>{a.none}</p> : <AgendaList dates={dates} />}
      <p>
        <a href="/agenda.ics">{a.subscribe}</a>
      </p>
    </>
  );
}
