import { z } from "zod";
import { offeringKinds, type OfferingKind } from "~/db/tables";

/** Words that name parts of the platform itself and can never be a neighbourhood's subdomain. */
export const reservedSlugs = new Set([
  "www", "admin", "api", "app", "mail", "smtp", "imap", "pop", "ftp", "static", "assets", "cdn",
  "platform", "wijkplaats", "status", "help", "support", "docs", "blog", "login", "auth", "account",
  "billing", "stripe", "test", "dev", "staging", "demo-admin", "root", "postgres", "public",
]);

export const slugSchema = z
  .string({ error: "Vul een korte naam voor het webadres in." })
  .trim()
  .min(3, "Het webadres moet minstens 3 tekens hebben.")
  .max(40, "Het webadres mag hoogstens 40 tekens hebben.")
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    "Gebruik alleen kleine letters (a-z), cijfers en streepjes. Geen spaties, geen streepje aan het begin of eind.",
  )
  .refine((slug) => !reservedSlugs.has(slug), "Dit woord is gereserveerd. Kies een ander webadres.");

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Hoogstens ${max} tekens.`)
    .nullish()
    .transform((value) => (value ? value : null));

export const newTenantSchema = z.object({
  slug: slugSchema,
  name: z
    .string({ error: "Vul de naam van de wijk in." })
    .trim()
    .min(2, "De naam moet minstens 2 tekens hebben.")
    .max(100, "De naam mag hoogstens 100 tekens hebben."),
  municipality: optionalText(100),
  province: optionalText(100),
  customDomain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "Dit is geen geldige domeinnaam.")
    .nullish()
    .transform((value) => value ?? null),
});

export type NewTenant = z.input<typeof newTenantSchema>;

/**
 * The modules a new neighbourhood starts with (its offer, which switches them on), at least one: from
 * the onboarding form's checkboxes `module_<kind>` ("ja").
 */
export const moduleCheckboxesSchema = z.looseObject({}).transform((form, ctx): OfferingKind[] => {
  const chosen = offeringKinds.filter((kind) => form[`module_${kind}`] === "ja");
  if (chosen.length === 0) ctx.addIssue({ code: "custom", path: ["modules"], message: "modules_required" });
  return chosen;
});

/** The same from the command line: `--modules tool_library,repairs`. */
export const moduleListSchema = z
  .string()
  .transform((list) => list.split(",").map((kind) => kind.trim()).filter(Boolean))
  .pipe(z.array(z.enum(offeringKinds, `Kies uit ${offeringKinds.join(", ")}.`)).min(1, "Kies minstens één onderdeel."));
