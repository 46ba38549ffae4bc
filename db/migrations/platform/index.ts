import type { Migration } from "kysely";
import * as tenants from "./0001_tenants";
import * as accountsAndSessions from "./0002_accounts_and_sessions";
import * as outbox from "./0003_outbox";
import * as rateLimits from "./0004_rate_limits";
import * as accountTokens from "./0005_account_tokens";
import * as accountNeighbourhoods from "./0006_account_neighbourhoods";
import * as extensions from "./0007_extensions";
import * as formSubmissions from "./0008_form_submissions";
import * as stripe from "./0009_stripe";

// Every platform migration, by name; names sort in the order they run. Add new files here.
export const platformMigrations: Record<string, Migration> = {
  "0001_tenants": tenants,
  "0002_accounts_and_sessions": accountsAndSessions,
  "0003_outbox": outbox,
  "0004_rate_limits": rateLimits,
  "0005_account_tokens": accountTokens,
  "0006_account_neighbourhoods": accountNeighbourhoods,
  "0007_extensions": extensions,
  "0008_form_submissions": formSubmissions,
  "0009_stripe": stripe,
};
