import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";
import { defaultLanguage, messages, type Language } from "./messages";

/**
 * The visitor's language and its texts, as chosen by the root loader. `explain` turns a validation
 * message key (what the zod schemas and modules return) into the sentence to show; a message that
 * is already a sentence is shown as it is.
 */
export function useLanguage() {
  const lang: Language = useRouteLoaderData<typeof rootLoader>("root")?.lang ?? defaultLanguage;
  const t = messages[lang];
  const explain = (key: string | undefined) => (key === undefined ? "" : ((t.validation as Record<string, string>)[key] ?? key));
  return { lang, t, explain };
}
