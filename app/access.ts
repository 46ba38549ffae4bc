import type { OfferingKind, Role } from "~/db/tables";

/**
 * Who may use a route, declared once per route file as `export const access = ...` and enforced for
 * its loader and its action alike by app/server/route-access.server.ts. A route without a
 * declaration stops the server at start-up, so a new page can never be open by accident.
 */
export type Audience =
  /** Everyone, signed in or not. */
  | "anyone"
  /** Any signed-in person on this host (their own account pages), also on the platform's domain. */
  | "signedIn"
  /** Members of this neighbourhood with one of these roles. */
  | readonly Role[]
  /** Platform admins, only on the platform's own domain. */
  | "platformAdmin";

export interface RouteAccess {
  /**
   * Where the route lives: a neighbourhood's host, the platform's own domain, or both; "any" also
   * answers on unknown and suspended hosts (the root layout, which renders their error pages, and
   * the stylesheet it links).
   */
  site: "neighbourhood" | "platform" | "both" | "any";
  /** Who may load the page. */
  view: Audience;
  /** Who may post its forms (the action); the same as `view` when left out. */
  change?: Audience;
  /** The neighbourhood module the route belongs to: 404 while the neighbourhood has it switched off. */
  module?: OfferingKind;
  /**
   * What the action's forms send: "form" (urlencoded, the default) or "multipart" (file uploads).
   * Any other body gets 415 with a plain sentence before the action runs.
   */
  body?: "form" | "multipart" | "formOrMultipart";
}

/** Every role of a neighbourhood. */
export const members = ["resident", "volunteer", "coordinator"] as const satisfies readonly Role[];
/** The people who work the desk. */
export const desk = ["volunteer", "coordinator"] as const satisfies readonly Role[];
export const coordinators = ["coordinator"] as const satisfies readonly Role[];

/** Identity helper so a route's declaration is checked against RouteAccess where it is written. */
export const routeAccess = (access: RouteAccess): RouteAccess => access;
