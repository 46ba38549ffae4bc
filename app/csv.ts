// Writing CSV files for spreadsheets (the repair data standard, the bookkeeper's ledger).

/** One CSV field: quoted when it holds a comma, quote or line break, with quotes doubled. */
export function csvField(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Free text that a spreadsheet would read as a formula gets a leading apostrophe. */
export const plainText = (value: string | null) => (value && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

export const csvLine = (fields: (string | number | null)[]) => fields.map(csvField).join(",") + "\r\n";
