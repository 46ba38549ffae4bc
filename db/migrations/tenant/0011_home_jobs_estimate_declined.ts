import { type Kysely, sql } from "kysely";

// Home jobs: the resident can decline the estimate ("estimate_declined"); the coordinator then makes
// a new one or calls the job off. And the default policy asks the same three questions, with the
// same meaning of "ja", as the coordinator's assessment form (it said "Kun je het niet zelf doen?"
// where the form asks "Kan de bewoner het zelf doen?"). A policy a neighbourhood wrote itself stays.

const statuses = (list: string[]) => sql.raw(list.map((status) => `'${status}'`).join(", "));
const before = ["requested", "assessed", "declined", "estimated", "estimate_accepted", "scheduled", "done", "closed", "cancelled"];
const after = ["requested", "assessed", "declined", "estimated", "estimate_declined", "estimate_accepted", "scheduled", "done", "closed", "cancelled"];

const oldPolicy = `Wij helpen met kleine klussen in huis en tuin. Het is een helpende hand, geen bedrijf.

We helpen als het antwoord op deze drie vragen "ja" is:
1. Kun je het niet zelf doen, ook niet met hulp van familie, buren of vrienden?
2. Kun je geen bedrijf betalen om het te doen?
3. Is het een kleine klus, die vrijwilligers veilig kunnen doen (een helpende hand)?

Voorbeelden: een lamp ophangen, een kraan vervangen, een kastje in elkaar zetten, een stukje tuin opruimen.
Niet: grote verbouwingen, werk aan gas of de meterkast, werk op het dak, of werk dat de verhuurder moet doen.

Je betaalt alleen de materialen, voor de kostprijs. Kun je dat niet betalen, dan kan de coördinator het kwijtschelden.`;

const newPolicy = `Wij helpen met kleine klussen in huis en tuin. Het is een helpende hand, geen bedrijf.

We kijken naar drie vragen:
1. Kun je het zelf doen, of met hulp van familie, buren of vrienden? Dan helpen we niet.
2. Kun je een bedrijf betalen? Dan helpen we niet.
3. Past het bij een helpende hand: een kleine klus die vrijwilligers veilig kunnen doen? Alleen dan helpen we.

Voorbeelden: een lamp ophangen, een kraan vervangen, een kastje in elkaar zetten, een stukje tuin opruimen.
Niet: grote verbouwingen, werk aan gas of de meterkast, werk op het dak, of werk dat de verhuurder moet doen.

Je betaalt alleen de materialen, voor de kostprijs. Kun je dat niet betalen, dan kan de coördinator het kwijtschelden.`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("home_jobs").dropConstraint("home_jobs_status_check").execute();
  await db.schema.alterTable("home_jobs").addCheckConstraint("home_jobs_status_check", sql`status in (${statuses(after)})`).execute();
  await db.updateTable("home_job_policy").set({ text: newPolicy }).where("text", "=", oldPolicy).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.updateTable("home_job_policy").set({ text: oldPolicy }).where("text", "=", newPolicy).execute();
  await db.updateTable("home_jobs").set({ status: "estimated" }).where("status", "=", "estimate_declined").execute();
  await db.schema.alterTable("home_jobs").dropConstraint("home_jobs_status_check").execute();
  await db.schema.alterTable("home_jobs").addCheckConstraint("home_jobs_status_check", sql`status in (${statuses(before)})`).execute();
}
