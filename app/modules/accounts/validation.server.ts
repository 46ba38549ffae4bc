import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";

// About 30,000 passwords that show up in leaks most often (the list behind zxcvbn).
const commonPasswords = new Set<string>(dictionary["passwords-common"] as string[]);

// Messages are keys of `messages.validation`, shown in the visitor's language next to the field.
const emailAddress = (required: "email_required" | "other_email_required") =>
  z.string({ error: required }).trim().toLowerCase().min(1, required).max(254, "email_too_long").pipe(z.email("email_invalid"));

/** The person's own email address (sign-up, login). */
export const emailSchema = emailAddress("email_required");

/** Someone else's address, in an invitation: "Vul het e-mailadres in", not "je e-mailadres". */
export const otherPersonEmailSchema = emailAddress("other_email_required");

/**
 * Long and not well known beats complicated (NIST 800-63B): at least 8 characters, not one of the
 * passwords everybody tries first. No rules about digits or symbols, which mostly make people write
 * passwords down.
 */
export const newPasswordSchema = z
  .string({ error: "password_required" })
  .min(8, "password_too_short")
  .max(200, "password_too_long")
  .refine((password) => !commonPasswords.has(password.toLowerCase()), "password_common");

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "password_required" }).min(1, "password_required").max(200, "password_too_long"),
  terug: z.string().optional(),
});
