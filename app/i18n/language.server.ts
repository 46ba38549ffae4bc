import { createCookie } from "@remix-run/node";
import { defaultLanguage, isLanguage, type Language } from "./messages";

/** Remembers the chosen language for a year; nothing personal, so no consent needed. */
export const languageCookie = createCookie("lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

export async function languageOf(request: Request): Promise<Language> {
  const chosen: unknown = await languageCookie.parse(request.headers.get("Cookie"));
  return isLanguage(chosen) ? chosen : defaultLanguage;
}
