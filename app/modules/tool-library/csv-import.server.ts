import { parse, type InfoRecord } from "csv-parse/sync";
import type { TenantDb } from "~/db/accessors.server";
import { toolColumns, toolFormSchema, type ToolInput } from "./tools.server";

// A coordinator's existing list of tools (an Excel or spreadsheet export, or pasted text) read into
// the tools table. Every row is checked exactly like the tool form; one wrong row and nothing is
// imported, so a list is never half in.

/** Most data rows one import may have (messages: csv_too_big). */
export const MAX_CSV_ROWS = 5000;
/** Most row problems reported back; more would only bury the first ones. */
export const MAX_CSV_ERRORS = 50;
const INSERT_CHUNK = 500;

type ToolField = keyof typeof toolFormSchema.shape;

/** Column names people use, Dutch and English, after normalizeHeader. */
const headerNames: Record<string, ToolField> = {
  naam: "name",
  name: "name",
  soort: "category",
  categorie: "category",
  category: "category",
  omschrijving: "description",
  beschrijving: "description",
  description: "description",
  staat: "condition",
  conditie: "condition",
  condition: "condition",
  plek: "location",
  plaats: "location",
  locatie: "location",
  location: "location",
  borg: "deposit",
  deposit: "deposit",
  leenprijs: "fee",
  prijs: "fee",
  fee: "fee",
  dagen: "maxLoanDays",
  "max dagen": "maxLoanDays",
  "max loan days": "maxLoanDays",
  maxloandays: "maxLoanDays",
  veiligheid: "safetyNotes",
  safety: "safetyNotes",
  "safety notes": "safetyNotes",
  safetynotes: "safetyNotes",
  uitleg: "needsInstruction",
  instructie: "needsInstruction",
  "needs instruction": "needsInstruction",
  needsinstruction: "needsInstruction",
};

const conditionNames: Record<string, string> = { goed: "good", good: "good", redelijk: "fair", fair: "fair", matig: "poor", poor: "poor" };
const yes = new Set(["ja", "j", "yes", "y", "true", "waar", "1", "x"]);
const no = new Set(["", "nee", "n", "no", "false", "onwaar", "0", "-"]);

export type CsvFileError = "csv_missing" | "csv_too_big" | "csv_unreadable" | "csv_columns";

export interface CsvRowError {
  /** Line in the file, 1-based; the header is line 1. */
  line: number;
  /** The column's header as the person wrote it. */
  column: string;
  /** A message key of `t.validation`. */
  message: string;
}

export type CsvImportResult = { ok: true; count: number } | { ok: false; error: CsvFileError } | { ok: false; rows: CsvRowError[] };

/**
 * The text of an uploaded file: UTF-8 (with or without BOM), or else Windows-1252, which Excel on
 * Windows writes when saving "CSV (gescheiden door lijstscheidingsteken)".
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

function normalizeHeader(header: string): string {
  return header.trim().toLowerCase().replace(/[\s_-]+/g, " ");
}

/** ";" (Dutch Excel), "," or tab: whichever the header line has most of, outside quotes. */
function detectDelimiter(text: string): string {
  const header = text.split("\n", 1)[0]!.replace(/"[^"]*"/g, "");
  const candidates = [";", ",", "\t"];
  const counts = candidates.map((candidate) => header.split(candidate).length - 1);
  const best = counts.indexOf(Math.max(...counts));
  return counts[best]! > 0 ? candidates[best]! : ",";
}

/** The raw cell as the tool form would send it. */
function formValue(field: ToolField, cell: string | undefined): string {
  const value = (cell ?? "").trim();
  switch (field) {
    case "condition":
      // Empty is the form's default; an unknown word stays, so the schema says what is wrong.
      return value === "" ? "good" : (conditionNames[value.toLowerCase()] ?? value);
    case "maxLoanDays":
      return value === "" ? "7" : value;
    case "needsInstruction": {
      const word = value.toLowerCase();
      if (yes.has(word)) return "ja";
      if (no.has(word)) return "";
      // Neither: the schema says "fill in ja or nee".
      return value;
    }
    default:
      return value;
  }
}

type ParsedRecord = { record: string[]; info: InfoRecord };

function parseRecords(text: string, delimiter: string): ParsedRecord[] | null {
  try {
    // With `info`, each record comes as { record, info } (the types do not follow that option).
    return parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }) as unknown as ParsedRecord[];
  } catch {
    return null;
  }
}

/**
 * Reads a tool list (first line the column names) and adds every tool in it, in one transaction.
 * When any row is wrong nothing is added and the first problems are returned, by line and column.
 */
export async function importToolsCsv(db: TenantDb, input: string): Promise<CsvImportResult> {
  // One kind of line break (pasted text arrives with \r\n, old files may have \r alone), so line
  // numbers count the way a text editor does.
  const text = input.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (text.trim() === "") return { ok: false, error: "csv_missing" };
  // A spreadsheet (.xlsx, .ods) or other binary file is not a list we can read.
  if (text.includes("\u0000")) return { ok: false, error: "csv_unreadable" };
  const records = parseRecords(text, detectDelimiter(text.replace(/^\s+/, "")));
  if (!records || records.length === 0) return { ok: false, error: "csv_unreadable" };

  const [{ record: headers }, ...rest] = records as [ParsedRecord, ...ParsedRecord[]];
  const columns = new Map<ToolField, number>();
  headers.forEach((header, index) => {
    const field = headerNames[normalizeHeader(header)];
    if (field && !columns.has(field)) columns.set(field, index);
  });
  if (!columns.has("name") || !columns.has("category")) return { ok: false, error: "csv_columns" };

  // Lines with only empty cells (";;;" is how Excel saves an empty row) are skipped too.
  const rows = rest.filter(({ record }) => record.some((cell) => cell.trim() !== ""));
  if (rows.length > MAX_CSV_ROWS) return { ok: false, error: "csv_too_big" };

  const tools: ToolInput[] = [];
  const errors: CsvRowError[] = [];
  for (const { record, info } of rows) {
    // csv-parse counts to the end of the record; a quoted cell may span lines, so go back to its start.
    const line = info.lines - record.reduce((breaks, cell) => breaks + (cell.match(/\n/g)?.length ?? 0), 0);
    const raw: Record<string, string> = {};
    for (const field of Object.keys(toolFormSchema.shape) as ToolField[]) {
      const index = columns.get(field);
      raw[field] = formValue(field, index === undefined ? undefined : record[index]);
    }
    const result = toolFormSchema.safeParse(raw);
    if (result.success) {
      tools.push(result.data);
      continue;
    }
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      const field = String(issue.path[0]) as ToolField;
      if (seen.has(field) || errors.length >= MAX_CSV_ERRORS) continue;
      seen.add(field);
      const index = columns.get(field);
      errors.push({ line, column: index === undefined ? field : headers[index]!.trim(), message: issue.message });
    }
    if (errors.length >= MAX_CSV_ERRORS) break;
  }
  if (errors.length > 0) return { ok: false, rows: errors };

  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < tools.length; start += INSERT_CHUNK) {
      await trx.insertInto("tools").values(tools.slice(start, start + INSERT_CHUNK).map(toolColumns)).execute();
    }
  });
  return { ok: true, count: tools.length };
}
