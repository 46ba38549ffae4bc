import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useLanguage } from "~/i18n/use-messages";
import { addDays, localToday } from "~/dates";
import { agendaDates } from "~/modules/activities/agenda.server";
import { getNeighbourhoodHome } from "~/modules/neighbourhood/home.server";
import { NeighbourhoodHomePage } from "~/modules/neighbourhood/NeighbourhoodHomePage";
import { listActiveTenants } from "~/modules/tenants/tenants.server";
import { PlatformLandingPage } from "~/modules/tenants/PlatformLandingPage";
import { requireTenant } from "~/request-context.server";
import { routeAccess } from "~/access";

// The bare platform domain lists the neighbourhoods; a neighbourhood's own host shows its home page.

export const access = routeAccess({ site: "both", view: "anyone" });

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.site.kind === "platform") {
    const neighbourhoods = await listActiveTenants(context.platformDb, context.platformUrl);
    const siteUrl = (slug: string | null) => neighbourhoods.find((n) => n.slug === slug)?.url ?? context.platformUrl;
    const demo = context.demo && {
      password: context.demo.password,
      logins: context.demo.logins.map(({ slug, ...login }) => ({ ...login, loginUrl: new URL("/inloggen", siteUrl(slug)).href })),
    };
    return { page: "platform" as const, neighbourhoods, demo };
  }
  const { tenant, db } = requireTenant(context);
  const home = await getNeighbourhoodHome(db);
  const today = localToday();
  // What is on in the coming seven days, when the neighbourhood keeps an agenda.
  const thisWeek = home.offerings.some((offer) => offer.kind === "activities") ? await agendaDates(db, { from: today, to: addDays(today, 6) }) : null;
  return { page: "neighbourhood" as const, name: tenant.name, home, thisWeek };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (data?.page !== "neighbourhood") return [{ title: "Wijkplaats" }];
  const tagline = data.home.profile?.tagline;
  return [{ title: data.name }, ...(tagline ? [{ name: "description", content: tagline }] : [])];
};

export default function Index() {
  const data = useLoaderData<typeof loader>();
  const { t } = useLanguage();
  return data.page === "platform" ? (
    <PlatformLandingPage neighbourhoods={data.neighbourhoods} demo={data.demo} t={t} />
  ) : (
    <NeighbourhoodHomePage name={data.name} home={data.home} thisWeek={data.thisWeek} t={t} />
  );
}
