import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PostForm } from "~/components/PostForm";
import { addDays, formatDay, localToday } from "~/dates";
import { parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { DateStatus } from "~/modules/activities/AgendaList";
import { hasFeedLink, hostedDates, renewFeedLink, revokeFeedLink, signupsOf } from "~/modules/activities/agenda.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { amountsDue } from "~/modules/payments/checkout.server";
import { onlinePaymentsOpen } from "~/modules/payments/connect.server";
import { members, routeAccess } from "~/access";

export const access = routeAccess({ site: "neighbourhood", view: members, module: "activities" });

export const meta = titleMeta((t) => t.activities.mine.title);

/** How far ahead a host sees the dates they can take attendance for. */
const HOSTING_DAYS = 14;

/** A member's own sign-ups, the dates they host, and their secret calendar link. */
export async function loader({ context }: LoaderFunctionArgs) {
  const { db, member, tenant } = signedInMember(context);
  const today = localToday();
  const [signups, hosting, feed, online] = await Promise.all([
    signupsOf(db, { memberId: member.id, today }),
    hostedDates(db, { memberId: member.id, from: today, to: addDays(today, HOSTING_DAYS) }),
    hasFeedLink(db, member.id),
    onlinePaymentsOpen(context.payments, context.platformDb, tenant.id),
  ]);
  // A meal or activity with a price can be paid online, when the neighbourhood takes that.
  const dues = online ? await Promise.all(signups.map((signup) => amountsDue(db, "activity_signup", signup.signup_id, member.id))) : [];
  const payable = dues.flatMap((due) => (due ? [due.recordId] : []));
  return { signups, hosting, feed, payable };
}

const feedSchema = z.object({ intent: z.enum(["renew", "revoke"]) });

/** Makes a new secret feed link (shown once) or stops it. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { db, member } = signedInMember(context);
  const form = parseForm(feedSchema, await request.formData());
  if (!form.ok) return { link: null, revoked: false };
  if (form.data.intent === "revoke") {
    await revokeFeedLink(db, member.id);
    return { link: null, revoked: true };
  }
  const token = await renewFeedLink(db, member.id);
  return { link: new URL(`/agenda/feed/${token}`, request.url).href, revoked: false };
}

export default function MyAgenda() {
  const { signups, hosting, feed, payable } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, lang } = useLanguage();
  const a = t.activities;
  const m = a.mine;
  const when = (date: { day: string; start: string; end: string }) => a.when(formatDay(date.day, lang), date.start, date.end);
  return (
    <>
      <h1>{m.title}</h1>
      <p className="lead">{m.intro}</p>
      {signups.length === 0 ? (
        <p>{m.none}</p>
      ) : (
        <ul>
          {signups.map((signup) => (
            <li key={signup.id}>
              <Link to={`/agenda/${signup.activity_id}`}>{signup.title}</Link>: {when(signup)}
              <br />
              {signup.cancelled ? <DateStatus date={signup} /> : signup.status === "waiting" ? a.page.youAreWaiting : a.page.youAreComing(signup.guests)}
              {payable.includes(signup.signup_id) ? (
                <>
                  {" · "}
                  <Link to={`/betalen/activity_signup/${signup.signup_id}`} aria-label={`${t.payments.pay.link}: ${signup.title}`}>
                    {t.payments.pay.link}
                  </Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/agenda">{m.toAgenda}</Link>
      </p>

      {hosting.length > 0 ? (
        <section aria-labelledby="organiseren">
          <h2 id="organiseren">{m.hosting}</h2>
          <ul>
            {hosting.map((date) => (
              <li key={date.id}>
                {date.title}: {when(date)} · <Link to={`/balie/activiteiten/${date.id}`}>{m.attendance}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="eigen-agenda">
        <h2 id="eigen-agenda">{m.feedTitle}</h2>
        <p>{m.feedIntro}</p>
        {answer?.link ? (
          <div role="status" className="notice">
            <p>{m.feedNew}</p>
            <label htmlFor="geheime-link">{m.feedLinkLabel}</label>
            <input id="geheime-link" type="text" readOnly value={answer.link} />
          </div>
        ) : answer?.revoked ? (
          <p role="status" className="notice">
            {m.feedRevoked}
          </p>
        ) : feed ? (
          <p>{m.feedHas}</p>
        ) : null}
        <PostForm className="inline">
          <button type="submit" name="intent" value="renew" className={feed || answer?.link ? "secondary" : undefined}>
            {feed || answer?.link ? m.feedRenew : m.feedMake}
          </button>
          {feed || answer?.link ? (
            <button type="submit" name="intent" value="revoke" className="danger">
              {m.feedRevoke}
            </button>
          ) : null}
        </PostForm>
      </section>
    </>
  );
}
