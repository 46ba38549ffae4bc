import type { ColumnType, Generated } from "kysely";

/** Tables of the home jobs module inside every neighbourhood's schema (see db/migrations/tenant/0008_home_jobs.ts). */
export interface HomeJobTables {
  home_job_policy: HomeJobPolicyTable;
  home_job_partners: HomeJobPartnersTable;
  home_jobs: HomeJobsTable;
  home_job_photos: HomeJobPhotosTable;
  home_job_team: HomeJobTeamTable;
  home_job_hours: HomeJobHoursTable;
}

export const homeJobStatuses = ["requested", "assessed", "declined", "estimated", "estimate_declined", "estimate_accepted", "scheduled", "done", "closed", "cancelled"] as const;
export type HomeJobStatus = (typeof homeJobStatuses)[number];
export const urgencies = ["low", "normal", "urgent"] as const;
export type Urgency = (typeof urgencies)[number];

export interface HomeJobPolicyTable {
  id: ColumnType<1, 1 | undefined, never>;
  text: string;
  updated_at: ColumnType<Date, never, Date>;
  updated_by: string | null;
}

export interface HomeJobPartnersTable {
  id: Generated<string>;
  name: string;
  created_at: ColumnType<Date, never, never>;
}

export interface HomeJobsTable {
  id: Generated<string>;
  requester_id: string | null;
  partner_id: string | null;
  entered_by: string | null;
  description: string;
  address: string | null;
  urgency: Urgency;
  status: ColumnType<HomeJobStatus, HomeJobStatus | undefined, HomeJobStatus>;
  notes: string | null;
  can_do_self: boolean | null;
  can_pay_company: boolean | null;
  helping_hand: boolean | null;
  decision_reason: string | null;
  assessed_at: Date | null;
  assessed_by: string | null;
  estimate_cents: number | null;
  estimate_description: string | null;
  estimated_at: Date | null;
  estimate_accepted_at: Date | null;
  estimate_accepted_by: string | null;
  /** A calendar day, written as "YYYY-MM-DD"; read it with `scheduled_on::text` (the driver makes a Date of it otherwise). */
  scheduled_on: ColumnType<Date | string | null, string | null | undefined, string | null>;
  materials_cents: number | null;
  materials_description: string | null;
  done_at: Date | null;
  closed_at: Date | null;
  cancel_reason: string | null;
  cancelled_at: Date | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface HomeJobPhotosTable {
  id: Generated<string>;
  job_id: string;
  storage_key: string;
  created_at: ColumnType<Date, never, never>;
}

export interface HomeJobTeamTable {
  job_id: string;
  member_id: string;
}

export interface HomeJobHoursTable {
  id: Generated<string>;
  job_id: string;
  member_id: string | null;
  minutes: number;
  recorded_at: ColumnType<Date, never, Date>;
  recorded_by: string | null;
}
