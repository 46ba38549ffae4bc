import { z } from "zod";
import { optionalText } from "~/forms";
import type { TenantDb } from "~/db/accessors.server";
import { offeringKinds } from "~/db/tables";
import { accentColourSchema } from "./theme";

const time = z.union([z.literal(""), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time_invalid")]).optional();

/**
 * The public profile form as submitted: plain fields, then per weekday `opens_<n>`/`closes_<n>`
 * (both empty: closed), then per offering `offer_<kind>` ("ja") with `offerText_<kind>`.
 */
export const profileFormSchema = z
  .object({
    tagline: optionalText(200),
    description: optionalText(2000),
    street: optionalText(200),
    postcode: optionalText(10),
    city: optionalText(100),
    phone: optionalText(30),
    email: z.union([z.literal(""), z.email("email_invalid")]).optional().transform((v) => v || null),
    website: z
      .union([z.literal(""), z.string().trim().regex(/^https?:\/\/\S+$/i, "website_invalid").max(300, "text_too_long")])
      .optional()
      .transform((v) => v || null),
    accent_colour: accentColourSchema,
    ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7].flatMap((d) => [[`opens_${d}`, time], [`closes_${d}`, time]])),
    ...Object.fromEntries(offeringKinds.flatMap((k) => [[`offer_${k}`, z.literal("ja").optional()], [`offerText_${k}`, optionalText(300)]])),
  })
  .superRefine((form, ctx) => {
    const values = form as Record<string, string | undefined>;
    for (let day = 1; day <= 7; day++) {
      const opens = values[`opens_${day}`] || "";
      const closes = values[`closes_${day}`] || "";
      if (Boolean(opens) !== Boolean(closes)) ctx.addIssue({ code: "custom", path: [opens ? `closes_${day}` : `opens_${day}`], message: "time_both" });
      else if (opens && closes <= opens) ctx.addIssue({ code: "custom", path: [`closes_${day}`], message: "time_order" });
    }
  });

type ProfileForm = z.output<typeof profileFormSchema>;
const profileFields = ["tagline", "description", "street", "postcode", "city", "phone", "email", "website", "accent_colour"] as const;

/** Saves the public profile, opening hours and offer in one transaction. */
export async function saveProfile(db: TenantDb, form: ProfileForm): Promise<void> {
  const values = form as Record<string, string | null | undefined>;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("profile")
      .set({
        ...(Object.fromEntries(profileFields.map((key) => [key, values[key] ?? null])) as Record<(typeof profileFields)[number], string | null>),
        updated_at: new Date(),
      })
      .execute();
    await trx.deleteFrom("opening_hours").execute();
    const hours = [1, 2, 3, 4, 5, 6, 7]
      .filter((d) => values[`opens_${d}`])
      .map((weekday) => ({ weekday, opens: values[`opens_${weekday}`]!, closes: values[`closes_${weekday}`]!, note: null }));
    if (hours.length > 0) await trx.insertInto("opening_hours").values(hours).execute();
    await trx.deleteFrom("offerings").execute();
    const offer = offeringKinds
      .filter((kind) => values[`offer_${kind}`] === "ja")
      .map((kind, position) => ({ kind, description: values[`offerText_${kind}`] ?? null, position }));
    if (offer.length > 0) await trx.insertInto("offerings").values(offer).execute();
  });
}

/** The saved profile as form values, to fill the form. */
export async function profileFormValues(db: TenantDb): Promise<Record<string, string>> {
  const [profile, hours, offer] = await Promise.all([
    db.selectFrom("profile").selectAll().executeTakeFirst(),
    db.selectFrom("opening_hours").selectAll().orderBy("opens").execute(),
    db.selectFrom("offerings").selectAll().execute(),
  ]);
  const values: Record<string, string> = {};
  for (const key of profileFields) values[key] = profile?.[key] ?? "";
  if (profile?.logo_key) values.logo = "ja";
  // One period per day in this form; the first of the day wins.
  for (const h of [...hours].reverse()) {
    values[`opens_${h.weekday}`] = h.opens.slice(0, 5);
    values[`closes_${h.weekday}`] = h.closes.slice(0, 5);
  }
  for (const o of offer) {
    values[`offer_${o.kind}`] = "ja";
    values[`offerText_${o.kind}`] = o.description ?? "";
  }
  return values;
}

/** This neighbourhood's accent colour, or null for the default; read from its own profile row. */
export async function accentColour(db: TenantDb): Promise<string | null> {
  const row = await db.selectFrom("profile").select("accent_colour").executeTakeFirst();
  return row?.accent_colour ?? null;
}
