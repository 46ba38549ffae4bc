import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { idParam } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { RepairFacts } from "~/modules/repairs/RepairFacts";
import { itemName } from "~/modules/repairs/flow";
import { amountsDue } from "~/modules/payments/checkout.server";
import { onlinePaymentsOpen } from "~/modules/payments/connect.server";
import { repairForOwner } from "~/modules/repairs/repairs.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { members, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: members, module: "repairs" });

export const meta = titleMeta((t) => t.repairs.mine.title);

/** One of my own repairs; someone else's is a 404, whoever asks. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, member, tenant } = signedInMember(context);
  const repairId = idParam(params.repairId);
  const found = await repairForOwner(db, repairId, member.id);
  if (!found) throw new Response(null, { status: 404 });
  // Only when the neighbourhood takes payments online does the page mention it.
  const payable = (await onlinePaymentsOpen(context.payments, context.platformDb, tenant.id)) && (await amountsDue(db, "repair", repairId, member.id)) !== null;
  return { ...found, payable };
}

export default function MyRepair() {
  const { repair, parts, photoIds, payable } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const { t, lang } = useLanguage();
  const d = t.repairs.detail;
  return (
    <>
      <p>
        <Link to="/reparaties">← {d.back}</Link>
      </p>
      <h1>
        {d.title(repair.number)}: {itemName(repair.kind, repair.brand, lang)}
      </h1>
      {search.get("aangemeld") ? (
        <p role="status" className="notice">
          {t.repairs.mine.registered}
        </p>
      ) : null}
      {repair.status === "done" ? <p className="notice">{d.doneText}</p> : null}
      {repair.status === "collected" ? <p className="notice">{d.collectedText}</p> : null}
      <RepairFacts repair={repair} parts={parts} photoIds={photoIds} />
      {payable ? (
        <p>
          <Link to={`/betalen/repair/${repair.id}`}>{t.payments.pay.link}</Link>
        </p>
      ) : null}
    </>
  );
}
