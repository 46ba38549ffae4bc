import { createCookie } from "@remix-run/node";
import { SESSION_ABSOLUTE_MS } from "./sessions.server";

// Host-only: no Domain attribute, so a cookie set on one neighbourhood's host is never sent to
// another's. Over https the `__Host-` prefix makes the browser enforce that; plain http (localhost
// in development) cannot use the prefix.
const attributes = { httpOnly: true, sameSite: "lax", path: "/", maxAge: SESSION_ABSOLUTE_MS / 1000 } as const;
const secureCookie = createCookie("__Host-wijkplaats_session", { ...attributes, secure: true });
const plainCookie = createCookie("wijkplaats_session", attributes);

export const sessionCookieFor = (request: Request) => (new URL(request.url).protocol === "https:" ? secureCookie : plainCookie);

export async function readSessionToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookieFor(request).parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export const setSessionCookie = (request: Request, token: string) => sessionCookieFor(request).serialize(token);
export const clearSessionCookie = (request: Request) => sessionCookieFor(request).serialize("", { maxAge: 0 });
