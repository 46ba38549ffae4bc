import { z } from "zod";

/**
 * The hidden field PostForm (app/components/PostForm.tsx) puts in every form: a token new with every
 * page, so the server does each submission once (app/server/form-submissions.server.ts).
 */
export const FORM_TOKEN_FIELD = "formToken";

/**
 * The answer to a post whose body is not the form the page sends (JSON, text, broken multipart):
 * a plain sentence the error page shows, never a 500.
 */
export const formDidNotArrive = (status: 400 | 415) =>
  new Response("Dit formulier kwam niet goed aan. Ga terug naar de pagina en probeer het opnieuw.", {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });

export type FieldErrors = Record<string, string>;

/** What a form action answers when input is wrong: one message per field, and what was typed. */
export interface FormProblem {
  errors: FieldErrors;
  values: Record<string, string>;
}

// Never sent back to the page, not even to refill the form.
const secretFields = new Set(["password", "newPassword", "currentPassword"]);

/**
 * Validates a submitted form with zod. On failure it returns the first message of each field and
 * the typed values (without passwords), so the page can show the message next to the field and keep
 * what the person typed.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
): { ok: true; data: z.output<S>; raw: Record<string, string> } | ({ ok: false } & FormProblem) {
  // A NUL character is never typed on purpose, and Postgres refuses it in text: drop it here.
  const raw = Object.fromEntries(
    [...formData.entries()].flatMap(([key, value]) => (typeof value === "string" ? [[key, value.replaceAll("\0", "")]] : [])),
  ) as Record<string, string>;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data, raw };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: keepTyped(raw) };
}

/** An optional text field: trimmed, at most `max` characters, empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "text_too_long")
    .optional()
    .transform((value) => value || null);

/** A text field that must be filled in; `missing` is the message key when it is empty. */
export const requiredText = (max: number, missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, "text_too_long");

/** A checkbox that sends "ja" when ticked and nothing otherwise; any other value is refused. */
export const checkbox = z
  .enum(["ja", ""], { error: "yes_no_invalid" })
  .optional()
  .transform((value) => value === "ja");

export function keepTyped(raw: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !secretFields.has(key)));
}

/**
 * What someone typed into a search box: trimmed and cut to `max` characters. Never an error, and
 * without NUL characters (Postgres refuses them in text; nobody searches for one).
 */
export const searchText = (max: number) =>
  z
    .string()
    .transform((value) => value.replaceAll("\0", "").trim().slice(0, max))
    .catch("");

/**
 * A path on this same site to send someone back to; anything else becomes "/". Printable ASCII
 * only, no backslash: browsers drop tabs and newlines from URLs, so "/\t/evil.example" would
 * otherwise lead to another site, and other characters cannot go into a Location header.
 */
export const localPathSchema = z
  .string()
  .regex(/^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/)
  .catch("/");

/**
 * A route parameter that names a row by id. Anything that is not a uuid is a 404 here, so it never
 * reaches Postgres as a malformed value (which would be a 500).
 */
export function idParam(value: string | undefined): string {
  const parsed = z.uuid().safeParse(value);
  if (!parsed.success) throw new Response(null, { status: 404 });
  return parsed.data;
}
