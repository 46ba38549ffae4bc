import { z } from "zod";

/**
 * An amount in euro as people type it ("2,50", "2.50", "€ 3", "3") into whole cents. Empty means
 * no amount (null). Anything else gets the message key "money_invalid".
 */
export const euroCentsSchema = z
  .string()
  .optional()
  .transform((value, context) => {
    const typed = (value ?? "").replace(/€|\s/g, "");
    if (typed === "") return null;
    const match = /^(\d{1,5})(?:[.,](\d{1,2}))?$/.exec(typed);
    if (!match) {
      context.addIssue({ code: "custom", message: "money_invalid" });
      return z.NEVER;
    }
    return Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
  });

/** Cents back into the form's way of writing them: 250 → "2,50". */
export function centsToInput(cents: number | null): string {
  return cents === null ? "" : (cents / 100).toFixed(2).replace(".", ",");
}

// Made once: an Intl formatter costs about 0.1 ms to create, and a catalog page shows dozens of amounts.
const euroFormats = {
  nl: new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" }),
  en: new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }),
};

/** "€ 2,50" / "€2.50" for showing an amount. */
export function formatEuro(cents: number, lang: "nl" | "en"): string {
  return euroFormats[lang].format(cents / 100);
}
