import type { MetaFunction } from "@remix-run/node";
import { defaultLanguage, isLanguage, messages, type Messages } from "./messages";

/** A route's <title> in the visitor's language (chosen by the root loader). */
export function titleMeta(pick: (t: Messages) => string): MetaFunction {
  return ({ matches }) => {
    const lang = (matches.find((match) => match.id === "root")?.data as { lang?: unknown } | undefined)?.lang;
    const t = messages[isLanguage(lang) ? lang : defaultLanguage];
    return [{ title: `${pick(t)} · ${t.platformName}` }];
  };
}
