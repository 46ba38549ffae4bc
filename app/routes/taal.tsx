import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { localPathSchema } from "~/forms";
import { languageCookie } from "~/i18n/language.server";
import { languages } from "~/i18n/messages";
import { routeAccess } from "~/access";

const languageChoice = z.object({
  lang: z.enum(languages),
  redirectTo: localPathSchema,
});

export const access = routeAccess({ site: "both", view: "anyone" });

/** The language switch in the header posts here; works without JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = languageChoice.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return redirect("/", 303);
  return redirect(parsed.data.redirectTo, {
    status: 303,
    headers: { "Set-Cookie": await languageCookie.serialize(parsed.data.lang) },
  });
}

export async function loader() {
  return redirect("/", 303);
}
