import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Field, SelectField } from "~/components/Field";
import { localToday } from "~/dates";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { AvailabilityText } from "~/modules/tool-library/AvailabilityText";
import { CATALOG_PAGE_SIZE, catalogCategories, catalogQuerySchema, searchCatalog } from "~/modules/tool-library/tools.server";
import { requireTenant } from "~/request-context.server";
import { formatEuro } from "~/money";
import { routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: "anyone", module: "tool_library" });

export const meta = titleMeta((t) => t.toolLibrary.catalog.title);

/** The public catalog: search, filter by kind, and see per tool whether it is free. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = requireTenant(context);
  const query = catalogQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const today = localToday();
  const [found, categories] = await Promise.all([searchCatalog(db, query, today), catalogCategories(db)]);
  // How many were found up to this page: computed here, the page size is a server value.
  const foundSoFar = (query.page - 1) * CATALOG_PAGE_SIZE + found.tools.length;
  return { query, categories, today, foundSoFar, ...found };
}

export default function Catalog() {
  const { query, categories, today, foundSoFar, tools, hasMore } = useLoaderData<typeof loader>();
  const { t, lang } = useLanguage();
  const c = t.toolLibrary.catalog;
  const searched = query.q !== "" || query.category !== "";
  const pageLink = (page: number) => new URLSearchParams({ q: query.q, category: query.category, page: String(page) });
  return (
    <>
      <h1>{c.title}</h1>
      <p className="lead">{c.intro}</p>
      <Form method="get" role="search" className="catalog-search">
        <Field name="q" type="search" label={c.search} hint={c.searchHint} defaultValue={query.q} maxLength={100} />
        <SelectField
          name="category"
          label={c.category}
          defaultValue={query.category}
          options={[{ value: "", label: c.allCategories }, ...categories.map((category) => ({ value: category, label: category }))]}
        />
        <button type="submit">{c.submit}</button>
      </Form>
      {searched ? (
        <p role="status">{tools.length === 0 ? c.nothingFound : c.results(foundSoFar, hasMore)}</p>
      ) : null}
      <ul className="tool-list">
        {tools.map((tool) => (
          <li key={tool.id} className="tool-card">
            {tool.photo_id ? <img src={`/gereedschap/${tool.id}/foto/${tool.photo_id}`} alt="" width={96} height={96} loading="lazy" /> : null}
            <div>
              <h2>
                <Link to={`/gereedschap/${tool.id}`}>{tool.name}</Link>
              </h2>
              <p className="muted">
                {tool.category} · {c.number(tool.number)}
              </p>
              <p>
                <AvailabilityText status={tool.status} busyStatus={tool.busy_status} busyUntil={tool.busy_until} today={today} />
              </p>
              <p>
                {tool.fee_cents ? c.fee(formatEuro(tool.fee_cents, lang)) : c.free}
                {tool.deposit_cents ? ` · ${c.deposit(formatEuro(tool.deposit_cents, lang))}` : null}
              </p>
            </div>
          </li>
        ))}
      </ul>
      <p className="link-row">
        {query.page > 1 ? <Link to={`?${pageLink(query.page - 1)}`}>{c.previous}</Link> : null}
        {hasMore ? <Link to={`?${pageLink(query.page + 1)}`}>{c.more}</Link> : null}
      </p>
    </>
  );
}
