import path from "node:path";
import { describe, expect, it } from "vitest";
import { appRouteFiles, serverValuesInBrowser } from "./support/browser-bundle";

const fixture = (name: string) => path.resolve("tests/fixtures/server-values", name);

describe("no value of a .server module reaches the browser", () => {
  it("finds a planted server value read by a component or at the top of a route, not one read by the loader", async () => {
    const found = await serverValuesInBrowser([
      fixture("value-in-component.tsx"),
      fixture("value-at-top-level.tsx"),
      fixture("value-in-loader-only.tsx"),
    ]);
    expect(found).toEqual([
      { route: "tests/fixtures/server-values/value-in-component.tsx", module: "tests/fixtures/server-values/page-size.server", names: ["PAGE_SIZE"] },
      { route: "tests/fixtures/server-values/value-at-top-level.tsx", module: "tests/fixtures/server-values/schema.server", names: ["emailSchema"] },
    ]);
  });

  it("no route of the app reads a value from a .server module in the browser (it would be undefined there)", async () => {
    expect(await serverValuesInBrowser(appRouteFiles())).toEqual([]);
  });
});
