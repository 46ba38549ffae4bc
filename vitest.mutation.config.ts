import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// Mutation runs (stryker.config.json) use every test except the browser tests: Chromium per mutant
// is too slow, and what they check in the browser the HTTP-level tests check on the server.
// MUTATION_TESTS (comma-separated globs) narrows a run to the tests aimed at the mutated module.
const narrowed = process.env.MUTATION_TESTS?.split(",").map((glob) => glob.trim()).filter(Boolean);

export default defineConfig({
  ...base,
  test: { ...base.test, include: narrowed ?? base.test?.include, exclude: ["tests/browser/**", "node_modules/**"] },
});
