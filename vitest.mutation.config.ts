import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config";

// Mutation runs (stryker.config.json) use every test except the browser tests: Chromium per mutant
// is too slow, and what they check in the browser the HTTP-level tests check on the server.
export default mergeConfig(base, defineConfig({ test: { exclude: ["tests/browser/**", "node_modules/**"] } }));
