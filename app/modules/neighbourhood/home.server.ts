import type { TenantDb } from "~/db/accessors.server";
import type { OfferingKind } from "~/db/tables";

export interface NeighbourhoodHome {
  profile: {
    tagline: string | null;
    description: string | null;
    street: string | null;
    postcode: string | null;
    city: string | null;
    phone: string | null;
    email: string | null;
    website: string | null;
  } | null;
  openingHours: { weekday: number; opens: string; closes: string; note: string | null }[];
  offerings: { kind: OfferingKind; description: string | null }[];
}

/** Everything the public home page of a neighbourhood shows, read from that tenant's own schema. */
export async function getNeighbourhoodHome(db: TenantDb): Promise<NeighbourhoodHome> {
  const [profile, openingHours, offerings] = await Promise.all([
    db
      .selectFrom("profile")
      .select(["tagline", "description", "street", "postcode", "city", "phone", "email", "website"])
      .executeTakeFirst(),
    db
      .selectFrom("opening_hours")
      .select(["weekday", "opens", "closes", "note"])
      .orderBy("weekday")
      .orderBy("opens")
      .execute(),
    db.selectFrom("offerings").select(["kind", "description"]).orderBy("position").orderBy("kind").execute(),
  ]);
  // The logo is in the header (root.tsx) on every page, not repeated on the home page.
  return {
    profile: profile ?? null,
    openingHours: openingHours.map((h) => ({ ...h, opens: h.opens.slice(0, 5), closes: h.closes.slice(0, 5) })),
    offerings,
  };
}
