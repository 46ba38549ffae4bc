import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { formatDay } from "~/dates";
import { idParam } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { cancelSession, sessionForDesk } from "~/modules/repair-cafe/repair-cafe.server";
import { itemName } from "~/modules/repairs/flow";
import { signedInMember } from "~/modules/accounts/guard.server";
import { desk, coordinators, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: desk, change: coordinators, module: "repairs" });

export const meta = titleMeta((t) => t.repairCafe.desk.title);

/** One session, slot by slot, with the names of who is coming (coordinators and volunteers). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, member } = signedInMember(context);
  const found = await sessionForDesk(db, idParam(params.sessionId));
  if (!found) throw new Response(null, { status: 404 });
  return { ...found, canCancel: member.role === "coordinator" };
}

/** A coordinator cancels the session. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { db, member } = signedInMember(context);
  const sessionId = idParam(params.sessionId);
  if (!(await sessionForDesk(db, sessionId))) throw new Response(null, { status: 404 });
  return { cancelled: await cancelSession(db, sessionId, member.id) };
}

export default function RepairCafeSession() {
  const { session, slots, canCancel } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, lang } = useLanguage();
  const d = t.repairCafe.desk;
  return (
    <div className="desk-page">
      <p>
        <Link to="/balie/repaircafe">← {d.back}</Link>
      </p>
      <h1>{t.repairCafe.public.when(formatDay(session.day, lang), session.start, session.end)}</h1>
      {search.get("gepland") ? (
        <p role="status" className="notice">
          {d.planned}
        </p>
      ) : null}
      {session.cancelled_at ? (
        <p role={answer?.cancelled ? "status" : undefined} className="notice">
          {d.sessionCancelled}
        </p>
      ) : null}
      {session.location ? (
        <p>
          {d.location}: {session.location}
        </p>
      ) : null}
      {session.description ? <p className="pre-line">{session.description}</p> : null}
      <table className="cards">
        <thead>
          <tr>
            <th scope="col">{d.time}</th>
            <th scope="col">{d.booked}</th>
            <th scope="col">{d.who}</th>
          </tr>
        </thead>
        <tbody>
          {slots.map((slot) => (
            <tr key={slot.id}>
              <td data-label={d.time}>
                {`${slot.start}–${slot.end}`}
              </td>
              <td data-label={d.booked}>{d.of(slot.booked, slot.capacity)}</td>
              <td data-label={d.who}>
                {slot.bookings.length === 0 ? (
                  d.empty
                ) : (
                  <ul>
                    {slot.bookings.map((booking) => (
                      <li key={booking.id}>
                        {booking.name}
                        {booking.repair_id && booking.kind ? (
                          <>
                            {" · "}
                            <Link to={`/balie/reparaties/${booking.repair_id}`}>{d.repairOf(booking.repair_number!, itemName(booking.kind, booking.brand, lang))}</Link>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canCancel && !session.cancelled_at ? (
        <PostForm>
          <p>{d.cancelHint}</p>
          <button type="submit" className="danger">{d.cancelSession}</button>
        </PostForm>
      ) : null}
    </div>
  );
}
