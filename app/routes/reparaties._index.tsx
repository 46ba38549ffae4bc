import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { itemName } from "~/modules/repairs/flow";
import { repairsOf } from "~/modules/repairs/repairs.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { members, routeAccess } from "~/access";
import { StatusBadge } from "~/components/StatusBadge";

export const access = routeAccess({ site: "neighbourhood", view: members, module: "repairs" });

export const meta = titleMeta((t) => t.repairs.mine.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, member } = signedInMember(context);
  const repairs = await repairsOf(db, member.id);
  return { repairs: repairs.map((r) => ({ id: r.id, number: r.number, kind: r.kind, brand: r.brand, status: r.status, created_at: r.created_at })) };
}

export default function MyRepairs() {
  const { repairs } = useLoaderData<typeof loader>();
  const { t, lang } = useLanguage();
  const m = t.repairs.mine;
  return (
    <>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      <p>
        <Link to="/reparaties/nieuw">{m.new}</Link> · <Link to="/repaircafe">{t.repairCafe.public.title}</Link>
      </p>
      {repairs.length === 0 ? (
        <p>{m.none}</p>
      ) : (
        <table className="cards">
          <thead>
            <tr>
              <th scope="col">{m.item}</th>
              <th scope="col">{m.since}</th>
              <th scope="col">{m.status}</th>
            </tr>
          </thead>
          <tbody>
            {repairs.map((repair) => (
              <tr key={repair.id}>
                <td data-label={m.item}>
                  <Link to={`/reparaties/${repair.id}`}>{itemName(repair.kind, repair.brand, lang)}</Link>
                </td>
                <td data-label={m.since}>{new Date(repair.created_at).toLocaleDateString(lang === "nl" ? "nl-NL" : "en-GB", { timeZone: "Europe/Amsterdam" })}</td>
                <td data-label={m.status}>
                  <StatusBadge status={repair.status}>{t.repairs.statuses[repair.status]}</StatusBadge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
