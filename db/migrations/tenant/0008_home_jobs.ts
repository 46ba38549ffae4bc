import { type Kysely, sql } from "kysely";

// Home jobs ("klussen"): small jobs at a resident's home by volunteers, for people who cannot do it
// themselves and cannot pay a company. A request is assessed against the neighbourhood's written
// policy, gets an estimate the resident accepts, a team and a date, and ends with hours and
// materials. Jobs can also be done for a partner organisation. The status only moves by conditional
// updates (see app/modules/home-jobs/jobs.server.ts).

const defaultPolicy = `Wij helpen met kleine klussen in huis en tuin. Het is een helpende hand, geen bedrijf.

We helpen als het antwoord op deze drie vragen "ja" is:
1. Kun je het niet zelf doen, ook niet met hulp van familie, buren of vrienden?
2. Kun je geen bedrijf betalen om het te doen?
3. Is het een kleine klus, die vrijwilligers veilig kunnen doen (een helpende hand)?

Voorbeelden: een lamp ophangen, een kraan vervangen, een kastje in elkaar zetten, een stukje tuin opruimen.
Niet: grote verbouwingen, werk aan gas of de meterkast, werk op het dak, of werk dat de verhuurder moet doen.

Je betaalt alleen de materialen, voor de kostprijs. Kun je dat niet betalen, dan kan de coördinator het kwijtschelden.`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("home_job_policy")
    .addColumn("id", "integer", (c) => c.primaryKey().defaultTo(1).check(sql`id = 1`))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_by", "uuid")
    .execute();
  await db.insertInto("home_job_policy").values({ id: 1, text: defaultPolicy }).execute();

  await db.schema
    .createTable("home_job_partners")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("home_jobs")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Null after the requester erased their data, or for a job only for a partner.
    .addColumn("requester_id", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("partner_id", "uuid", (c) => c.references("home_job_partners.id"))
    .addColumn("entered_by", "uuid")
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("urgency", "text", (c) => c.notNull().defaultTo("normal").check(sql`urgency in ('low', 'normal', 'urgent')`))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("requested").check(sql`status in ('requested', 'assessed', 'declined', 'estimated', 'estimate_accepted', 'scheduled', 'done', 'closed', 'cancelled')`),
    )
    // For the team only (e.g. "key with the neighbours"), like address and phone.
    .addColumn("notes", "text")
    .addColumn("can_do_self", "boolean")
    .addColumn("can_pay_company", "boolean")
    .addColumn("helping_hand", "boolean")
    .addColumn("decision_reason", "text")
    .addColumn("assessed_at", "timestamptz")
    .addColumn("assessed_by", "uuid")
    .addColumn("estimate_cents", "integer", (c) => c.check(sql`estimate_cents >= 0`))
    .addColumn("estimate_description", "text")
    .addColumn("estimated_at", "timestamptz")
    .addColumn("estimate_accepted_at", "timestamptz")
    .addColumn("estimate_accepted_by", "uuid")
    .addColumn("scheduled_on", "date")
    .addColumn("materials_cents", "integer", (c) => c.check(sql`materials_cents >= 0`))
    .addColumn("materials_description", "text")
    .addColumn("contribution_payment", "text", (c) => c.check(sql`contribution_payment in ('cash', 'waived')`))
    .addColumn("waived_reason", "text")
    .addColumn("done_at", "timestamptz")
    .addColumn("closed_at", "timestamptz")
    // Called off before it was done: the requester withdrew, or it could not go ahead.
    .addColumn("cancel_reason", "text")
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("home_jobs_decided", sql`status in ('requested', 'cancelled') or (decision_reason is not null and assessed_at is not null)`)
    .addCheckConstraint("home_jobs_cancel_reason", sql`status <> 'cancelled' or cancel_reason is not null`)
    .addCheckConstraint("home_jobs_waived_reason", sql`contribution_payment is distinct from 'waived' or waived_reason is not null`)
    .addCheckConstraint("home_jobs_accepted", sql`status not in ('estimate_accepted', 'scheduled', 'done', 'closed') or estimate_accepted_at is not null`)
    .execute();
  await db.schema.createIndex("home_jobs_status").on("home_jobs").columns(["status", "created_at"]).execute();
  await db.schema.createIndex("home_jobs_requester").on("home_jobs").column("requester_id").execute();
  await db.schema.createIndex("home_jobs_partner").on("home_jobs").column("partner_id").execute();

  await db.schema
    .createTable("home_job_photos")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("job_id", "uuid", (c) => c.notNull().references("home_jobs.id").onDelete("cascade"))
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("home_job_photos_job").on("home_job_photos").column("job_id").execute();

  await db.schema
    .createTable("home_job_team")
    .addColumn("job_id", "uuid", (c) => c.notNull().references("home_jobs.id").onDelete("cascade"))
    .addColumn("member_id", "uuid", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("home_job_team_pk", ["job_id", "member_id"])
    .execute();
  await db.schema.createIndex("home_job_team_member").on("home_job_team").column("member_id").execute();

  await db.schema
    .createTable("home_job_hours")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("job_id", "uuid", (c) => c.notNull().references("home_jobs.id").onDelete("cascade"))
    // Kept (anonymous) when the volunteer erases their data, for the numbers.
    .addColumn("member_id", "uuid", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("minutes", "integer", (c) => c.notNull().check(sql`minutes between 1 and 6000`))
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("recorded_by", "uuid")
    .addUniqueConstraint("home_job_hours_person", ["job_id", "member_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["home_job_hours", "home_job_team", "home_job_photos", "home_jobs", "home_job_partners", "home_job_policy"]) {
    await db.schema.dropTable(table).execute();
  }
}
