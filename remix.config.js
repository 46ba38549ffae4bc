/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Not yet: lazy route discovery fetches /__manifest from every host, and single fetch changes
    // how loaders answer; both need their own look at the CSP and the route guard first. Saying so
    // here also keeps the build from warning about them on every start.
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: false,
  },
};
