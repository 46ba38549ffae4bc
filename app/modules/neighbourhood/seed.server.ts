import type { TenantDb } from "~/db/accessors.server";
import { offeringKinds, type OfferingKind } from "~/db/tables";

export interface NeighbourhoodSeed {
  tagline?: string;
  description?: string;
  street?: string;
  postcode?: string;
  city?: string;
  phone?: string;
  email?: string;
  website?: string;
  openingHours?: { weekday: number; opens: string; closes: string; note?: string }[];
  /** What the neighbourhood offers, which also switches its modules on; left out: everything. */
  offerings?: { kind: OfferingKind; description?: string }[];
}

/** Default data of a new neighbourhood: an empty public profile the coordinator fills in later. */
export function seedNeighbourhood(seed: NeighbourhoodSeed = {}) {
  return async (db: TenantDb): Promise<void> => {
    const { openingHours = [], offerings = offeringKinds.map((kind): { kind: OfferingKind; description?: string } => ({ kind })), ...profile } = seed;
    await db.insertInto("profile").values({ id: 1, ...profile }).execute();
    if (openingHours.length > 0) {
      await db
        .insertInto("opening_hours")
        .values(openingHours.map((h) => ({ ...h, note: h.note ?? null })))
        .execute();
    }
    if (offerings.length > 0) {
      await db
        .insertInto("offerings")
        .values(offerings.map((o, position) => ({ kind: o.kind, description: o.description ?? null, position })))
        .execute();
    }
  };
}
