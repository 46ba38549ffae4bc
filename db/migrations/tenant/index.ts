import type { Migration } from "kysely";
import * as neighbourhoodProfile from "./0001_neighbourhood_profile";
import * as members from "./0002_members";
import * as invitations from "./0003_invitations";
import * as auditLog from "./0004_audit_log";
import * as profileLogo from "./0005_profile_logo";
import * as toolLibrary from "./0006_tool_library";
import * as repairs from "./0007_repairs";
import * as homeJobs from "./0008_home_jobs";
import * as repairCafe from "./0009_repair_cafe";
import * as accentColour from "./0010_accent_colour";
import * as homeJobsEstimateDeclined from "./0011_home_jobs_estimate_declined";
import * as activities from "./0012_activities";
import * as activityDetails from "./0013_activity_details";
import * as kitchen from "./0014_kitchen";
import * as ledger from "./0015_ledger";
import * as cashCounts from "./0016_cash_counts";
import * as checkoutSessions from "./0017_checkout_sessions";
import * as stripeComparisons from "./0018_stripe_comparisons";
import * as tariffs from "./0019_tariffs";
import * as ledgerPayouts from "./0020_ledger_payouts";

// Every tenant migration, by name; names sort in the order they run. Add new files here.
export const tenantMigrations: Record<string, Migration> = {
  "0001_neighbourhood_profile": neighbourhoodProfile,
  "0002_members": members,
  "0003_invitations": invitations,
  "0004_audit_log": auditLog,
  "0005_profile_logo": profileLogo,
  "0006_tool_library": toolLibrary,
  "0007_repairs": repairs,
  "0008_home_jobs": homeJobs,
  "0009_repair_cafe": repairCafe,
  "0010_accent_colour": accentColour,
  "0011_home_jobs_estimate_declined": homeJobsEstimateDeclined,
  "0012_activities": activities,
  "0013_activity_details": activityDetails,
  "0014_kitchen": kitchen,
  "0015_ledger": ledger,
  "0016_cash_counts": cashCounts,
  "0017_checkout_sessions": checkoutSessions,
  "0018_stripe_comparisons": stripeComparisons,
  "0019_tariffs": tariffs,
  "0020_ledger_payouts": ledgerPayouts,
};
