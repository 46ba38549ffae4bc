import { z } from "zod";

/** Text on the accent colour is white or this near-black, whichever reads better. */
export const darkText = "#1a1a1a";
const white = "#ffffff";

/** WCAG 2.2 relative luminance of a "#rrggbb" colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const channel = parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The text colour for buttons in this accent colour: white or near-black, whichever contrasts more. */
export function accentTextColour(accent: string): string {
  return contrastRatio(accent, white) >= contrastRatio(accent, darkText) ? white : darkText;
}

/**
 * An accent colour is usable when its text reaches WCAG AA for text (4.5:1) and the colour itself
 * stands out from the white page and cards as a button (3:1, WCAG 1.4.11 non-text contrast).
 */
export function isUsableAccent(accent: string): boolean {
  return contrastRatio(accent, accentTextColour(accent)) >= 4.5 && contrastRatio(accent, white) >= 3;
}

/** The accent colour field: empty (the default green) or "#rrggbb", stored in lower case. */
const asColour = (value: string) => `#${value.replace("#", "").toLowerCase()}`;
export const accentColourSchema = z
  .string()
  .trim()
  .optional()
  .superRefine((value, ctx) => {
    if (!value) return;
    if (!/^#?[0-9a-f]{6}$/i.test(value)) ctx.addIssue({ code: "custom", message: "colour_invalid" });
    else if (!isUsableAccent(asColour(value))) ctx.addIssue({ code: "custom", message: "colour_too_light" });
  })
  .transform((value) => (value ? asColour(value) : null));

/** The neighbourhood's stylesheet: only the two custom properties that app.css reads. */
export function themeStylesheet(accent: string | null): string {
  if (!accent || !/^#[0-9a-f]{6}$/.test(accent)) return "/* The default colours of app.css. */\n";
  return `:root { --wijk-accent: ${accent}; --wijk-accent-text: ${accentTextColour(accent)}; }\n`;
}
