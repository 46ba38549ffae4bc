import QRCode from "qrcode";
import { z } from "zod";
import type { TenantDb } from "~/db/accessors.server";

/**
 * Labels for the tools, each with a QR code that opens the tool's desk page when scanned with a
 * phone's camera. The address is the neighbourhood's own (its subdomain, or its own domain), built
 * like the links in emails, so a label keeps working whichever address it was printed from.
 */
export function toolDeskUrl(siteUrl: string, toolId: string): string {
  return new URL(`/balie/gereedschap/${toolId}`, siteUrl).href;
}

/** The QR code of a text as an SVG image: only attributes, no inline styles (the CSP forbids those). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

const number = z.coerce.number().int().min(1).max(999_999);

/** Which labels a sheet shows: one tool, or tools numbered from and up to (each may be left out). */
export const labelSheetSchema = z.object({
  gereedschap: z.uuid().optional().catch(undefined),
  van: number.optional().catch(undefined),
  tot: number.optional().catch(undefined),
});
export type LabelSheet = z.output<typeof labelSheetSchema>;

/** The tools on a label sheet (retired ones never), by number, each with the address its QR code opens. */
export async function toolLabels(db: TenantDb, siteUrl: string, sheet: LabelSheet) {
  let select = db.selectFrom("tools").select(["id", "number", "name"]).where("status", "<>", "retired");
  if (sheet.gereedschap) select = select.where("id", "=", sheet.gereedschap);
  if (sheet.van) select = select.where("number", ">=", sheet.van);
  if (sheet.tot) select = select.where("number", "<=", sheet.tot);
  const tools = await select.orderBy("number").execute();
  return tools.map((tool) => ({ ...tool, url: toolDeskUrl(siteUrl, tool.id) }));
}
