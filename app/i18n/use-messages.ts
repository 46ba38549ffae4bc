import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";
import { defaultLanguage, messages, type Language } from "./messages";

/** The visitor's language and its texts, as chosen by the root loader. */
export function useLanguage(): { lang: Language; t: (typeof messages)[Language] } {
  const lang = useRouteLoaderData<typeof rootLoader>("root")?.lang ?? defaultLanguage;
  return { lang, t: messages[lang] };
}
