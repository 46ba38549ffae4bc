import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/Field";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { labelSheetSchema, toolLabels } from "~/modules/tool-library/labels.server";
import { neighbourhoodUrl } from "~/modules/tenants/tenants.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";
import labelStyles from "~/styles/labels.css";

export const access = routeAccess({ site: "neighbourhood", view: coordinators, module: "tool_library" });

export const links: LinksFunction = () => [{ rel: "stylesheet", href: labelStyles }];

export const meta = titleMeta((t) => t.toolLibrary.labels.title);

/** Labels for all tools, for tools numbered from and up to, or for one tool (`?gereedschap=<id>`). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, tenant } = signedInMember(context);
  const sheet = labelSheetSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const labels = await toolLabels(db, neighbourhoodUrl(context.platformUrl, tenant), sheet);
  if (sheet.gereedschap && labels.length === 0) throw new Response(null, { status: 404 });
  return { sheet, labels, one: Boolean(sheet.gereedschap), neighbourhood: tenant.name };
}

/** A printable sheet of labels: sticker number, name and a QR code that opens the tool's desk page. */
export default function LabelSheet() {
  const { sheet, labels, one, neighbourhood } = useLoaderData<typeof loader>();
  const { t } = useLanguage();
  const l = t.toolLibrary.labels;
  return (
    <>
      <div className="no-print">
        <p>
          {one ? <Link to={`/beheer/gereedschap/${labels[0]!.id}`}>← {labels[0]!.name}</Link> : <Link to="/beheer/gereedschap">← {t.toolLibrary.manage.title}</Link>}
        </p>
        <h1>{one ? l.titleOne(labels[0]!.name) : l.title}</h1>
        <p>{l.intro}</p>
        <p>{l.print}</p>
        {one ? (
          <p>
            <Link to="/beheer/gereedschap/labels">{l.all}</Link>
          </p>
        ) : (
          <Form method="get" className="label-range">
            <Field name="van" label={l.from} inputMode="numeric" defaultValue={sheet.van ? String(sheet.van) : ""} />
            <Field name="tot" label={l.to} inputMode="numeric" defaultValue={sheet.tot ? String(sheet.tot) : ""} />
            <div className="field">
              <button type="submit">{l.show}</button>
            </div>
          </Form>
        )}
        {labels.length === 0 ? <p role="status">{l.none}</p> : null}
      </div>
      <ul className="label-sheet">
        {labels.map((label) => (
          <li key={label.id} className="label">
            <img src={`/beheer/gereedschap/${label.id}/qr.svg`} alt={l.qrAlt(label.name)} width={96} height={96} />
            <div>
              <p className="label-number">{t.toolLibrary.catalog.number(label.number)}</p>
              <p>{label.name}</p>
              <p className="label-site">{neighbourhood}</p>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
