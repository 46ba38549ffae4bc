import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { SelectField } from "~/components/Field";
import { formatDay, localToday } from "~/dates";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { bookingSchema, bookingsOf, bookSlot, cancelBooking, linkableRepairsOf, localTime, upcomingSessions } from "~/modules/repair-cafe/repair-cafe.server";
import { itemName } from "~/modules/repairs/flow";
import { requireTenant } from "~/request-context.server";
import { getSession, signedInMember } from "~/modules/accounts/guard.server";
import { members, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: "anyone", change: members, module: "repairs" });

export const meta = titleMeta((t) => t.repairCafe.public.title);

/** Upcoming sessions with free places, for everyone; a signed-in member also sees their own bookings. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = requireTenant(context);
  const today = localToday();
  const now = localTime();
  const sessions = (await upcomingSessions(db, today)).map((session) => ({
    ...session,
    slots: session.slots.map((slot) => ({ id: slot.id, start: slot.start, end: slot.end, free: session.day === today && slot.start <= now ? 0 : Math.max(0, slot.capacity - slot.booked) })),
  }));
  const valid = await getSession(request, context);
  const member = valid ? await db.selectFrom("members").select("id").where("account_id", "=", valid.account.id).executeTakeFirst() : undefined;
  const [bookings, repairs] = member ? await Promise.all([bookingsOf(db, member.id, today), linkableRepairsOf(db, member.id)]) : [[], []];
  return { sessions, signedIn: member !== undefined, bookings, repairs };
}

type Answer = { intent: "book" | "cancel"; errors: Record<string, string>; values: Record<string, string>; cancelled?: boolean };
const cancelSchema = z.object({ bookingId: z.uuid() });

/** A signed-in member books a time, or cancels one of their own bookings. */
export async function action({ request, context }: ActionFunctionArgs): Promise<Answer> {
  const { db, member } = signedInMember(context);
  const formData = await request.formData();
  if (formData.get("intent") === "cancel") {
    const form = parseForm(cancelSchema, formData);
    return { intent: "cancel", errors: {}, values: {}, cancelled: form.ok && (await cancelBooking(db, form.data.bookingId, member.id)) };
  }
  const form = parseForm(bookingSchema, formData);
  if (!form.ok) return { intent: "book", errors: form.errors, values: form.values };
  const result = await bookSlot(db, { slotId: form.data.slotId, repairId: form.data.repairId || null, memberId: member.id, today: localToday(), now: localTime() });
  if (!result.ok) return { intent: "book", errors: { [result.field]: result.error }, values: form.raw };
  throw redirect("/repaircafe?geboekt=1", 303);
}

export default function RepairCafe() {
  const { sessions, signedIn, bookings, repairs } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, lang, explain } = useLanguage();
  const c = t.repairCafe.public;
  const booked = answer?.intent === "book" ? answer : undefined;
  const bookedSessions = new Map(bookings.map((b) => [b.session_id, b]));
  const when = (s: { day: string; start: string; end: string }) => c.when(formatDay(s.day, lang), s.start, s.end);
  const bookable = sessions.filter((session) => !bookedSessions.has(session.id) && session.slots.some((slot) => slot.free > 0));
  return (
    <>
      <h1>{c.title}</h1>
      <p>{c.intro}</p>
      {search.get("geboekt") ? (
        <p role="status" className="notice">
          {c.booked}
        </p>
      ) : null}
      {answer?.intent === "cancel" ? (
        <p role="status" className={answer.cancelled ? "notice" : "error"}>
          {answer.cancelled ? c.cancelled : c.cancelFailed}
        </p>
      ) : null}
      {signedIn ? (
        <section aria-labelledby="mijn-afspraken">
          <h2 id="mijn-afspraken">{c.mine}</h2>
          {bookings.length === 0 ? (
            <p>{c.mineNone}</p>
          ) : (
            <ul>
              {bookings.map((booking) => (
                <li key={booking.id}>
                  {when(booking)}
                  {booking.location ? ` · ${booking.location}` : ""}
                  {booking.kind ? ` · ${itemName(booking.kind, booking.brand, lang)}` : ""}
                  {booking.cancelled_at ? <strong> · {c.sessionCancelled}</strong> : null}
                  <PostForm className="inline">
                    <input type="hidden" name="intent" value="cancel" />
                    <input type="hidden" name="bookingId" value={booking.id} />
                    <button type="submit" className="danger" aria-label={c.cancelFor(when(booking))}>
                      {c.cancel}
                    </button>
                  </PostForm>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {booked?.errors.slotId ? (
        <p className="error" role="alert" id="veld-slotId-fout">
          {explain(booked.errors.slotId)}
        </p>
      ) : null}
      {sessions.length === 0 ? (
        <p>{c.none}</p>
      ) : signedIn ? (
        <PostForm noValidate aria-labelledby="tijd-kiezen">
          <h2 id="tijd-kiezen">{c.chooseTime}</h2>
          <input type="hidden" name="intent" value="book" />
          {sessions.map((session) => (
            <fieldset key={session.id} className="field" aria-describedby={booked?.errors.slotId ? "veld-slotId-fout" : undefined}>
              <legend>{when(session)}</legend>
              {session.location ? (
                <p>
                  {c.where}: {session.location}
                </p>
              ) : null}
              {session.description ? <p className="pre-line">{session.description}</p> : null}
              {bookedSessions.has(session.id) ? (
                <p>{c.yourTime(bookedSessions.get(session.id)!.start)}</p>
              ) : (
                session.slots.map((slot) =>
                  slot.free > 0 ? (
                    <label key={slot.id} className="choice">
                      <input type="radio" name="slotId" value={slot.id} defaultChecked={booked?.values.slotId === slot.id} /> {`${slot.start}–${slot.end} (${c.placesLeft(slot.free)})`}
                    </label>
                  ) : (
                    <p key={slot.id} className="muted">
                      {`${slot.start}–${slot.end} (${c.full})`}
                    </p>
                  ),
                )
              )}
            </fieldset>
          ))}
          {bookable.length > 0 ? (
            <>
              <SelectField
                name="repairId"
                label={c.repair}
                hint={c.repairHint}
                defaultValue={booked?.values.repairId ?? ""}
                error={booked?.errors.repairId}
                options={[{ value: "", label: c.noRepair }, ...repairs.map((r) => ({ value: r.id, label: `${r.number}: ${itemName(r.kind, r.brand, lang)}` }))]}
              />
              <button type="submit">{c.submit}</button>
            </>
          ) : null}
        </PostForm>
      ) : (
        <>
          {sessions.map((session) => (
            <section key={session.id} aria-labelledby={`sessie-${session.id}`}>
              <h2 id={`sessie-${session.id}`}>{when(session)}</h2>
              {session.location ? (
                <p>
                  {c.where}: {session.location}
                </p>
              ) : null}
              {session.description ? <p className="pre-line">{session.description}</p> : null}
              <ul>
                {session.slots.map((slot) => (
                  <li key={slot.id}>
                    {`${slot.start}–${slot.end} (${slot.free > 0 ? c.placesLeft(slot.free) : c.full})`}
                  </li>
                ))}
              </ul>
            </section>
          ))}
          <p>
            <Link to={`/inloggen?terug=${encodeURIComponent("/repaircafe")}`}>{c.loginToBook}</Link>
          </p>
        </>
      )}
    </>
  );
}
