import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import type { Audience, RouteAccess } from "~/access";
import type { Role } from "~/db/tables";
import { accessOf } from "~/server/route-access.server";

/** The real Remix build that `npm test` made (tests/support/server.ts serves the same). */
export async function loadBuild(): Promise<ServerBuild> {
  return (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
}

export interface AppRoute {
  id: string;
  /** The URL pattern, e.g. "/balie/lening/:loanId". */
  path: string;
  access: RouteAccess;
  hasAction: boolean;
  /** A page renders something; a resource route (an image, a CSV, a JSON search) does not. */
  isPage: boolean;
}

/** Every route of the build with what it declares, and its URL path pattern. */
export function routesOf(build: ServerBuild): AppRoute[] {
  const fullPath = (id: string): string => {
    const route = build.routes[id]!;
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return route.path ? `${parent}/${route.path}`.replace(/\/+/g, "/") : parent;
  };
  return Object.entries(build.routes).map(([id, route]) => ({
    id,
    path: fullPath(id) || "/",
    access: accessOf(id, route.module),
    hasAction: typeof route.module.action === "function",
    isPage: typeof route.module.default === "function",
  }));
}

/** Whether an audience of members names this role (not "anyone", "signedIn" or the platform admin). */
export const admits = (audience: Audience, role: Role) =>
  audience !== "anyone" && audience !== "signedIn" && audience !== "platformAdmin" && audience.includes(role);
