import type { ActionFunctionArgs, LoaderFunctionArgs, ServerBuild } from "@remix-run/node";
import type { RouteAccess } from "~/access";
import { formDidNotArrive } from "~/forms";
import { admit } from "~/modules/accounts/guard.server";
import { oncePerSubmission } from "./form-submissions.server";

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

const formTypes = {
  form: /^application\/x-www-form-urlencoded\b/i,
  multipart: /^multipart\/form-data;.*\bboundary=/i,
  formOrMultipart: /^(application\/x-www-form-urlencoded\b|multipart\/form-data;.*\bboundary=)/i,
};

/**
 * A route's access declaration, or why the server refuses to start: a route nobody declared who may
 * use would otherwise be open to anyone.
 */
export function accessOf(id: string, module: object): RouteAccess {
  const access = (module as { access?: RouteAccess }).access;
  if (!access) throw new Error(`Route "${id}" declares no access: add export const access = routeAccess({ ... }) (see app/access.ts).`);
  return access;
}

/**
 * The build with every route's loader and action behind its declared access (app/access.ts): one
 * check for loaders and actions alike, so no page or form post can forget it. An action also gets
 * only the kind of body its forms send; anything else (JSON, text, no content type, multipart
 * without a boundary) is answered 415 with a plain sentence, never reaching the action; and a
 * form sent twice does its work once (./form-submissions.server.ts).
 */
export function guardRoutes(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const access = accessOf(id, route.module);
      const module: Record<string, unknown> = { ...route.module };
      const loader = route.module.loader as Handler | undefined;
      const action = route.module.action as Handler | undefined;
      // A page without a loader of its own still gets one, so opening it is checked too.
      module.loader = async (args: LoaderFunctionArgs) => {
        const admitted = await admit(args.request, args.context, access, access.view);
        return loader ? loader({ ...args, context: { ...args.context, admitted } }) : null;
      };
      if (action) {
        module.action = async (args: ActionFunctionArgs) => {
          const admitted = await admit(args.request, args.context, access, access.change ?? access.view);
          if (!formTypes[access.body ?? "form"].test(args.request.headers.get("Content-Type") ?? "")) {
            throw formDidNotArrive(415);
          }
          const site = args.context.site.kind === "tenant" ? args.context.site.tenant.id : "platform";
          return oncePerSubmission(args.context.platformDb, args.request, site, async () => action({ ...args, context: { ...args.context, admitted } }));
        };
      }
      return [id, { ...route, module: module as unknown as typeof route.module }];
    }),
  );
  return { ...build, routes };
}
