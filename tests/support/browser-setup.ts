import { afterEach, expect } from "vitest";
import { takePageErrors } from "./browser";

// Every browser test fails on a console or uncaught error in any page it opened (see newContext).
afterEach(() => {
  expect(takePageErrors(), "errors in the browser's console").toEqual([]);
});
