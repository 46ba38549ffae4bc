import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type * as Esbuild from "esbuild";

/**
 * Which `*.server` modules a route still needs in the browser, found the way the Remix classic
 * compiler builds the browser bundle: the route is reduced to its browser exports (default, meta,
 * links, ErrorBoundary, ...), every `*.server` module becomes an empty CommonJS module
 * (`module.exports = {}`), and esbuild tree-shakes the rest. Whatever of a server module survives
 * that is read in the browser as `undefined` (the "NaN stuks gereedschap" bug). The compiler builds
 * with `logLevel: "silent"` and gives no warning, so this check has to look at the output itself.
 */
export interface ServerValueInBrowser {
  route: string;
  /** The server module, as resolved from the import. */
  module: string;
  /** The names read from it in the browser bundle, e.g. `CATALOG_PAGE_SIZE`. */
  names: string[];
}

// The same list as browserSafeRouteExports in @remix-run/dev's browser route modules plugin.
const browserRouteExports = [
  "clientAction",
  "clientLoader",
  "ErrorBoundary",
  "HydrateFallback",
  "Layout",
  "default",
  "handle",
  "links",
  "meta",
  "shouldRevalidate",
];

const appDirectory = path.resolve("app");

/** The route files the Remix build turns into browser entry points (flat routes and root). */
export function appRouteFiles(): string[] {
  const routes = readdirSync(path.join(appDirectory, "routes"))
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join(appDirectory, "routes", file));
  return [path.join(appDirectory, "root.tsx"), ...routes];
}

// The esbuild the Remix compiler itself runs, so tree-shaking is the same as in `remix build`.
function remixEsbuild(): typeof Esbuild {
  const require = createRequire(import.meta.url);
  const remixDev = path.dirname(require.resolve("@remix-run/dev/package.json"));
  return require(require.resolve("esbuild", { paths: [remixDev] })) as typeof Esbuild;
}

const serverOnlyPlugin: Esbuild.Plugin = {
  name: "remix-browser-build",
  setup(build) {
    build.onResolve({ filter: /\?browser$/ }, (args) => ({ path: args.path.replace(/\?browser$/, ""), namespace: "route" }));
    build.onLoad({ filter: /.*/, namespace: "route" }, (args) => ({
      contents: `import * as route from ${JSON.stringify(args.path)};\nexport const browserExports = [${browserRouteExports.map((name) => `route.${name}`).join(", ")}];`,
      resolveDir: appDirectory,
      loader: "js",
    }));
    // sideEffects: false lets an import that nothing in the browser reads disappear entirely.
    build.onResolve({ filter: /\.server(\.[jt]sx?)?$/ }, (args) => ({
      path: args.path.startsWith("~/") ? path.join(appDirectory, args.path.slice(2)) : path.resolve(args.resolveDir, args.path),
      namespace: "server-only",
      sideEffects: false,
    }));
    build.onResolve({ filter: /^@remix-run\/(deno|cloudflare|node)(\/.*)?$/ }, (args) => ({ path: args.path, namespace: "platform-only", sideEffects: false }));
    build.onLoad({ filter: /.*/, namespace: "server-only" }, () => ({ contents: "module.exports = {};", loader: "js" }));
    build.onLoad({ filter: /.*/, namespace: "platform-only" }, () => ({ contents: "module.exports = {};", loader: "js" }));
    build.onResolve({ filter: /\.css$|^node:/ }, (args) => ({ path: args.path, external: true }));
  },
};

export async function serverValuesInBrowser(routeFiles: string[]): Promise<ServerValueInBrowser[]> {
  const result = await remixEsbuild().build({
    absWorkingDir: path.resolve("."),
    entryPoints: routeFiles.map((file, index) => ({ in: `${file}?browser`, out: `route-${index}` })),
    outdir: path.resolve("build/server-values-check"),
    write: false,
    bundle: true,
    format: "esm",
    platform: "browser",
    treeShaking: true,
    minify: false,
    jsx: "automatic",
    tsconfig: path.resolve("tsconfig.json"),
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    logLevel: "silent",
    plugins: [serverOnlyPlugin],
  });
  const found: ServerValueInBrowser[] = [];
  for (const output of result.outputFiles) {
    const route = routeFiles[Number(/route-(\d+)\.js$/.exec(output.path)?.[1])];
    if (route === undefined) continue;
    // esbuild names each kept CommonJS wrapper after the module: `var require_x = __commonJS({ "server-only:<path>"(...`
    for (const [, requireName, module] of output.text.matchAll(/var (require_\w+) = __commonJS\(\{\s*"server-only:([^"]+)"/g)) {
      const names = new Set<string>();
      for (const [, binding] of output.text.matchAll(new RegExp(`var (\\w+) = (?:__toESM\\()?${requireName}\\(\\)`, "g"))) {
        for (const [, name] of output.text.matchAll(new RegExp(`\\b${binding}\\.(\\w+)`, "g"))) names.add(name!);
      }
      found.push({ route: path.relative(path.resolve("."), route), module: path.relative(path.resolve("."), module!), names: [...names].sort() });
    }
  }
  return found;
}
