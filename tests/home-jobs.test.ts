import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { MemberRow, Role, TenantRow } from "~/db/tables";
import { addDays, localToday } from "~/dates";
import { createAccount } from "~/modules/accounts/accounts.server";
import { assessJob, assessmentSchema, assignedHomeJobs, requestJob } from "~/modules/home-jobs/jobs.server";
import { addMember } from "~/modules/members/members.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { aHomeJob, aPng, aStorage } from "./support/factories";
import { signedInAs } from "./support/people";
import { postForm, request, startTestServer, type TestServer } from "./support/server";
import { ledgerOf } from "./support/ledger";

let database: Database;
let server: TestServer;
let wijk: TenantRow;
let other: TenantRow;
const people: Record<string, { cookie: string; member: MemberRow }> = {};
const password = "een helpende hand in de wijk";

const post = (slug: string, path: string, body: Record<string, string>, cookie = "") => postForm(server.url(slug, path), body, cookie);
const get = (slug: string, path: string, cookie = "") => request(server.url(slug, path), { headers: { Cookie: cookie } });
const cookie = (who: string) => people[who]!.cookie;
const memberId = (who: string) => people[who]!.member.id;
const db = () => tenantDb(database, wijk.id);
const job = (id: string) =>
  db().selectFrom("home_jobs").selectAll().select(sql<string | null>`scheduled_on::text`.as("scheduled_on")).where("id", "=", id).executeTakeFirstOrThrow();
const outboxFor = (email: string) => platformDb(database).selectFrom("outbox").select(["subject", "body"]).where("to_address", "=", email).orderBy("created_at").execute();

async function signIn(tenant: TenantRow, role: Role, key: string, extra: { address?: string; phone?: string } = {}) {
  const email = `${uniqueSlug(key)}@example.org`;
  const account = await createAccount(platformDb(database), { email, password });
  const member = await addMember(tenantDb(database, tenant.id), { accountId: account.id, name: `${key} naam`, role, ...extra });
  const res = await post(tenant.slug, "/inloggen", { email, password });
  people[key] = { cookie: res.headers["set-cookie"]![0]!.split(";")[0]!, member };
}

/** A multipart form post with text fields and files, as the request form sends it. */
async function postMultipart(url: string, fields: Record<string, string>, files: Uint8Array[], cookie: string) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const [index, bytes] of files.entries()) form.append("photos", new Blob([new Uint8Array(bytes)], { type: "image/png" }), `foto${index}.png`);
  if (files.length === 0) form.append("photos", new Blob([]), "");
  const encoded = new Request("http://localhost/", { method: "POST", body: form });
  return request(url, {
    method: "POST",
    headers: { Cookie: cookie, Origin: new URL(url).origin, "Content-Type": encoded.headers.get("Content-Type")! },
    body: Buffer.from(await encoded.arrayBuffer()),
  });
}

async function requestViaPage(cookieValue: string, fields: Record<string, string>, files: Uint8Array[] = []) {
  const res = await postMultipart(server.url(wijk.slug, "/klussen/nieuw"), { urgency: "normal", ...fields }, files, cookieValue);
  expect(res.status).toBe(303);
  return /\/klussen\/([0-9a-f-]{36})/.exec(res.headers.location!)![1]!;
}

const notify = () => ({ tenantId: wijk.id, tenantName: wijk.name, siteUrl: `http://${wijk.slug}.localhost/` });

/** A resident of this test's own, signed in, with an address and phone number on file. */
const aResident = () => signedInAs(database, server, wijk, "resident", undefined, { address: "Prinsenhof 12, Leidschendam", phone: "06 12345678" });

const day = addDays(localToday(), 3);

/** The leaking tap of `requester`, with a photo, brought to `until` by the coordinator, for `team` on `day`. */
async function aTapJob(requester: MemberRow, until: "requested" | "assessed" | "estimate_accepted" | "scheduled" | "done", team?: string[]) {
  const { jobId } = await aHomeJob(db(), notify(), {
    requester,
    coordinator: memberId("coordinator"),
    description: "De kraan in de keuken lekt.",
    urgency: "urgent",
    photos: [aPng],
    storage: server.storage,
    until,
    reason: "Mevrouw is 84 en heeft een klein inkomen.",
    estimate: "12,50",
    team,
    scheduledOn: day,
    notes: "Sleutel bij de buren",
  });
  const photo = await db().selectFrom("home_job_photos").select("id").where("job_id", "=", jobId).executeTakeFirstOrThrow();
  return { jobId, photoId: photo.id };
}

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("klussen"), name: "Klussenwijk" }, seedNeighbourhood({ city: "Leidschendam" }));
  other = await createTenant(database, { slug: uniqueSlug("buren"), name: "Burenwijk" }, seedNeighbourhood({ city: "Burenstad" }));
  await signIn(wijk, "coordinator", "coordinator");
  await signIn(wijk, "volunteer", "volunteer");
  await signIn(wijk, "volunteer", "stranger");
  await signIn(wijk, "resident", "resident", { address: "Prinsenhof 12, Leidschendam", phone: "06 12345678" });
  await signIn(wijk, "resident", "neighbour");
  await signIn(other, "coordinator", "otherCoordinator");
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("asking for help", () => {
  it("prefills the resident's address and shows the policy", async () => {
    const page = await get(wijk.slug, "/klussen/nieuw", cookie("resident"));
    expect(page.status).toBe(200);
    expect(page.body).toContain('value="Prinsenhof 12, Leidschendam"');
    expect(page.body).toContain("helpende hand");
  });

  it("explains wrong input next to the field in Dutch and keeps what was typed", async () => {
    const resident = await aResident();
    const res = await postMultipart(server.url(wijk.slug, "/klussen/nieuw"), { description: "  ", urgency: "morgen", address: "Heuvel 3" }, [], resident.cookie);
    expect(res.status).toBe(200);
    expect(res.body).toContain("Schrijf op wat er moet gebeuren.");
    expect(res.body).toContain("Kies hoe snel het moet.");
    expect(res.body).toMatch(/id="veld-description-fout"/);
    expect(res.body).toContain('value="Heuvel 3"');
    const notImage = await postMultipart(server.url(wijk.slug, "/klussen/nieuw"), { description: "Lamp ophangen", urgency: "low" }, [Buffer.from("<html>")], resident.cookie);
    expect(notImage.body).toContain("Dit is geen PNG-, JPG- of WebP-afbeelding.");
    expect(notImage.body).toContain("Lamp ophangen");
    expect(await db().selectFrom("home_jobs").select("id").where("requester_id", "=", resident.member.id).execute()).toHaveLength(0);
  });
});

describe("a job from request to done", () => {
  it("stores the request with the member's address and a photo, and lists it", async () => {
    const resident = await aResident();
    const jobId = await requestViaPage(resident.cookie, { description: "De kraan in de keuken lekt.", address: "", urgency: "urgent" }, [aPng]);
    const row = await job(jobId);
    expect(row).toMatchObject({ status: "requested", urgency: "urgent", address: "Prinsenhof 12, Leidschendam", requester_id: resident.member.id });
    const photoId = (await db().selectFrom("home_job_photos").select("id").where("job_id", "=", jobId).executeTakeFirstOrThrow()).id;
    expect((await get(wijk.slug, `/klussen/${jobId}/foto/${photoId}`, resident.cookie)).status).toBe(200);
    const list = await get(wijk.slug, "/klussen", resident.cookie);
    expect(list.body).toContain("De kraan in de keuken lekt.");
    expect(list.body).toContain("Aangevraagd");
  });

  it("keeps the job and its photo from other residents and unassigned volunteers", async () => {
    const resident = await aResident();
    const { jobId, photoId } = await aTapJob(resident.member, "requested");
    expect((await get(wijk.slug, `/klussen/${jobId}`, cookie("neighbour"))).status).toBe(404);
    expect((await get(wijk.slug, `/klussen/${jobId}/foto/${photoId}`, cookie("neighbour"))).status).toBe(404);
    expect((await get(wijk.slug, `/klussen/${jobId}/foto/${photoId}`, cookie("stranger"))).status).toBe(404);
    expect((await get(wijk.slug, `/klussen/${jobId}/foto/${photoId}`, resident.cookie)).status).toBe(200);
    expect((await get(wijk.slug, `/klussen/${jobId}/foto/${photoId}`, cookie("coordinator"))).status).toBe(200);
    expect((await get(wijk.slug, "/beheer/klussen", cookie("resident"))).status).toBe(403);
    expect((await get(wijk.slug, `/beheer/klussen/${jobId}`, cookie("volunteer"))).status).toBe(403);
  });

  it("shows the policy next to the request and records the decision with the three answers and a reason", async () => {
    const resident = await aResident();
    const { jobId } = await aTapJob(resident.member, "requested");
    const page = await get(wijk.slug, `/beheer/klussen/${jobId}`, cookie("coordinator"));
    expect(page.body).toContain("Het beleid van de wijk");
    expect(page.body).toContain("Kun je het zelf doen, of met hulp van familie, buren of vrienden? Dan helpen we niet.");
    expect(page.body).toContain("De kraan in de keuken lekt.");
    const missing = await post(wijk.slug, `/beheer/klussen/${jobId}`, { intent: "assess", seen: "requested", canDoSelf: "nee", reason: "" }, cookie("coordinator"));
    expect(missing.body).toContain("Kies ja of nee.");
    expect(missing.body).toContain("Schrijf de reden op.");
    expect(missing.body).toContain("Kies of we helpen of niet.");
    expect((await job(jobId)).status).toBe("requested");
    const res = await post(
      wijk.slug,
      `/beheer/klussen/${jobId}`,
      { intent: "assess", seen: "requested", canDoSelf: "nee", canPayCompany: "nee", helpingHand: "ja", decision: "assessed", reason: "Mevrouw is 84 en heeft een klein inkomen." },
      cookie("coordinator"),
    );
    expect(res.body).toContain("Opgeslagen.");
    expect(await job(jobId)).toMatchObject({ status: "assessed", can_do_self: false, can_pay_company: false, helping_hand: true, decision_reason: "Mevrouw is 84 en heeft een klein inkomen.", assessed_by: memberId("coordinator") });
    const [mail] = await outboxFor(resident.email);
    expect(mail?.subject).toContain("we helpen je");
    expect(mail?.body).toContain(`/klussen/${jobId}`);
  });

  it("refuses a step that does not follow, in Dutch", async () => {
    const { jobId } = await aTapJob((await aResident()).member, "assessed");
    const res = await post(wijk.slug, `/beheer/klussen/${jobId}`, { intent: "close", seen: "assessed" }, cookie("coordinator"));
    expect(res.body).toContain("Deze stap kan nu niet bij deze klus.");
    const stale = await post(wijk.slug, `/beheer/klussen/${jobId}`, { intent: "assess", seen: "requested", canDoSelf: "ja", canPayCompany: "ja", helpingHand: "nee", decision: "declined", reason: "x" }, cookie("coordinator"));
    expect(stale.body).toContain("Iemand anders heeft deze klus net veranderd.");
    expect((await job(jobId)).status).toBe("assessed");
  });

  it("takes an estimate, which only the requester can accept", async () => {
    const resident = await aResident();
    const { jobId } = await aTapJob(resident.member, "assessed");
    const wrong = await post(wijk.slug, `/beheer/klussen/${jobId}`, { intent: "estimate", seen: "assessed", estimate: "twaalf euro", estimateDescription: "Nieuw kraanleertje" }, cookie("coordinator"));
    expect(wrong.body).toContain("Vul een bedrag in euro in, zoals 2,50.");
    expect(wrong.body).toContain("Nieuw kraanleertje");
    await post(wijk.slug, `/beheer/klussen/${jobId}`, { intent: "estimate", seen: "assessed", estimate: "12,50", estimateDescription: "Nieuw kraanleertje" }, cookie("coordinator"));
    expect(await job(jobId)).toMatchObject({ status: "estimated", estimate_cents: 1250 });
    expect((await outboxFor(resident.email)).at(-1)?.subject).toContain("de kosten staan klaar");

    expect((await post(wijk.slug, `/klussen/${jobId}`, { seen: "estimated" }, cookie("neighbour"))).status).toBe(404);
    const byCoordinator = await post(wijk.slug, `/klussen/${jobId}`, { seen: "estimated" }, cookie("coordinator"));
    expect(byCoordinator.body).toContain("Alleen wie de klus heeft aangevraagd");
    expect((await job(jobId)).estimate_accepted_at).toBeNull();

    const page = await get(wijk.slug, `/klussen/${jobId}`, resident.cookie);
    expect(page.body).toContain("Ja, ik ga akkoord met de kosten");
    expect(page.body).toContain("12,50");
    const accepted = await post(wijk.slug, `/klussen/${jobId}`, { seen: "estimated" }, resident.cookie);
    expect(accepted.body).toContain("Je bent akkoord gegaan.");
    expect(await job(jobId)).toMatchObject({ status: "estimate_accepted", estimate_accepted_by: resident.member.id });
    expect((await job(jobId)).estimate_accepted_at).toBeInstanceOf(Date);
  });

  it("plans a team and a day, and shows address and phone only to the team (with an audit entry)", async () => {
    const [resident, volunteer] = [await aResident(), await signedInAs(database, server, wijk, "volunteer")];
    const { jobId, photoId } = await aTapJob(resident.member, "estimate_accepted");
    const noTeam = await post(wijk.slug, `/beheer/klussen/${jobId}`, { intent: "schedule", seen: "estimate_accepted", scheduledOn: day }, cookie("coordinator"));
    expect(noTeam.body).toContain("Kies wie er gaan");
    // A wrong day keeps the team that was ticked.
    const wrongDay = await post(wijk.slug, `/beheer/klussen/${jobId}`, { intent: "schedule", seen: "estimate_accepted", team: volunteer.member.id, scheduledOn: "0000-01-01" }, cookie("coordinator"));
    expect(wrongDay.body).toContain(`name="team" checked="" value="${volunteer.member.id}"`);
    expect((await job(jobId)).status).toBe("estimate_accepted");
    const res = await post(wijk.slug, `/beheer/klussen/${jobId}`, { intent: "schedule", seen: "estimate_accepted", team: volunteer.member.id, scheduledOn: day, notes: "Sleutel bij de buren" }, cookie("coordinator"));
    expect(res.body).toContain("Opgeslagen.");
    expect(await job(jobId)).toMatchObject({ status: "scheduled", scheduled_on: day });
    expect((await outboxFor(resident.email)).at(-1)?.subject).toContain("we komen op");
    expect(await assignedHomeJobs(db(), volunteer.member.id)).toMatchObject([{ id: jobId, scheduled_on: day }]);
    expect(await assignedHomeJobs(db(), memberId("stranger"))).toEqual([]);

    const stranger = await get(wijk.slug, `/werk/klussen/${jobId}`, cookie("stranger"));
    expect(stranger.status).toBe(404);
    expect(stranger.body).not.toContain("Prinsenhof");
    expect((await get(wijk.slug, `/werk/klussen/${jobId}`, resident.cookie)).status).toBe(403);
    const audits = () => db().selectFrom("audit_log").selectAll().where("action", "=", "personal_data_viewed").where("subject_member_id", "=", resident.member.id).execute();
    expect(await audits()).toHaveLength(0);

    const page = await get(wijk.slug, `/werk/klussen/${jobId}`, volunteer.cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Prinsenhof 12, Leidschendam");
    expect(page.body).toContain("06 12345678");
    expect(page.body).toContain("Sleutel bij de buren");
    expect(await audits()).toMatchObject([{ actor_member_id: volunteer.member.id, subject_member_id: resident.member.id, details: { what: "klus" } }]);
    expect((await get(wijk.slug, `/klussen/${jobId}/foto/${photoId}`, volunteer.cookie)).status).toBe(200);
  });

  it("lets the volunteer write down their hours, and the coordinator complete the job", async () => {
    const volunteer = await signedInAs(database, server, wijk, "volunteer");
    const { jobId } = await aTapJob((await aResident()).member, "scheduled", [volunteer.member.id]);
    const wrong = await post(wijk.slug, `/werk/klussen/${jobId}`, { hours: "anderhalf" }, volunteer.cookie);
    expect(wrong.body).toContain("Vul een aantal uren in, zoals 1,5.");
    expect(wrong.body).toContain('value="anderhalf"');
    expect((await post(wijk.slug, `/werk/klussen/${jobId}`, { hours: "2" }, cookie("stranger"))).status).toBe(404);
    const ok = await post(wijk.slug, `/werk/klussen/${jobId}`, { hours: "1,5" }, volunteer.cookie);
    expect(ok.body).toContain("Je uren zijn opgeslagen.");
    const hours = () => db().selectFrom("home_job_hours").select(["member_id", "minutes"]).where("job_id", "=", jobId).execute();
    expect(await hours()).toEqual([{ member_id: volunteer.member.id, minutes: 90 }]);

    const field = `hours_${volunteer.member.id}`;
    const bad = await post(wijk.slug, `/beheer/klussen/${jobId}`, { intent: "complete", seen: "scheduled", [field]: "veel", materials: "tien", payment: "waived" }, cookie("coordinator"));
    expect(bad.body).toContain("Vul een aantal uren in, zoals 1,5.");
    expect(bad.body).toContain("Vul een bedrag in euro in");
    expect(bad.body).toContain('value="veel"');
    const noReason = await post(wijk.slug, `/beheer/klussen/${jobId}`, { intent: "complete", seen: "scheduled", [field]: "2", materials: "1", payment: "waived" }, cookie("coordinator"));
    expect(noReason.body).toContain("Schrijf de reden op.");
    expect((await job(jobId)).status).toBe("scheduled");
    const done = await post(
      wijk.slug,
      `/beheer/klussen/${jobId}`,
      { intent: "complete", seen: "scheduled", [field]: "2,25", materials: "9,80", materialsDescription: "Kraanleertje en tape", payment: "waived", waivedReason: "Geen geld deze maand" },
      cookie("coordinator"),
    );
    expect(done.body).toContain("Opgeslagen.");
    expect(await job(jobId)).toMatchObject({ status: "done", materials_cents: 980 });
    expect(await ledgerOf(db(), jobId)).toEqual([{ purpose: "contribution", kind: "waiver", method: null, amount_cents: 980, reason: "Geen geld deze maand" }]);
    expect(await hours()).toEqual([{ member_id: volunteer.member.id, minutes: 135 }]);
    expect(await assignedHomeJobs(db(), volunteer.member.id)).toEqual([]);
  });

  it("shows another neighbourhood's coordinator nothing and lets them change nothing", async () => {
    const { jobId, photoId } = await aTapJob((await aResident()).member, "done");
    const before = await job(jobId);
    expect((await get(other.slug, `/beheer/klussen/${jobId}`, cookie("otherCoordinator"))).status).toBe(404);
    expect((await get(other.slug, `/klussen/${jobId}`, cookie("otherCoordinator"))).status).toBe(404);
    expect((await get(other.slug, `/werk/klussen/${jobId}`, cookie("otherCoordinator"))).status).toBe(404);
    expect((await get(other.slug, `/klussen/${jobId}/foto/${photoId}`, cookie("otherCoordinator"))).status).toBe(404);
    expect((await post(other.slug, `/beheer/klussen/${jobId}`, { intent: "close", seen: "done" }, cookie("otherCoordinator"))).status).toBe(404);
    // Their session is not valid on this neighbourhood's host.
    expect((await get(wijk.slug, `/beheer/klussen/${jobId}`, cookie("otherCoordinator"))).status).toBe(303);
    expect(await job(jobId)).toEqual(before);
  });
});

describe("status changes under concurrency", () => {
  it("lets exactly one of two changes from the same state win", async () => {
    const requester = await aResident();
    const made = await requestJob(db(), aStorage(), wijk.id, { description: "Schilderij ophangen", address: null, urgency: "low", memberId: null, partnerId: null, actor: requester.member, photos: [] });
    if (!made.ok) throw new Error(made.error);
    const decide = (decision: string) =>
      assessJob(db(), made.jobId, assessmentSchema.parse({ seen: "requested", canDoSelf: "nee", canPayCompany: "nee", helpingHand: "ja", decision, reason: decision }), memberId("coordinator"), notify());
    const results = await Promise.all([decide("assessed"), decide("declined")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ error: "job_changed" }]);
    const row = await job(made.jobId);
    expect(row.decision_reason).toBe(row.status);
    // The requester has an account: exactly one decision email.
    expect((await outboxFor(requester.email)).filter((m) => m.subject.startsWith("Je klus"))).toHaveLength(1);
  });

  it("lets a coordinator call a job off with a reason, which the requester sees", async () => {
    const requester = await aResident();
    const jobId = await requestViaPage(requester.cookie, { description: "Gordijnrails ophangen" });
    const path = `/beheer/klussen/${jobId}`;
    const noReason = await post(wijk.slug, path, { intent: "cancel", seen: "requested", cancelReason: "" }, cookie("coordinator"));
    expect(noReason.body).toContain("Schrijf de reden op.");
    expect((await job(jobId)).status).toBe("requested");
    await post(wijk.slug, path, { intent: "cancel", seen: "requested", cancelReason: "De bewoner heeft het zelf al geregeld." }, cookie("coordinator"));
    expect((await job(jobId)).status).toBe("cancelled");
    const own = await get(wijk.slug, `/klussen/${jobId}`, requester.cookie);
    expect(own.body).toContain("Gaat niet door");
    expect(own.body).toContain("De bewoner heeft het zelf al geregeld.");
    const again = await post(wijk.slug, path, { intent: "cancel", seen: "cancelled", cancelReason: "Nog eens" }, cookie("coordinator"));
    expect(again.body).toContain("Deze stap kan nu niet bij deze klus.");
  });

  it("emails the reason when a request is declined", async () => {
    const requester = await aResident();
    const jobId = await requestViaPage(requester.cookie, { description: "Hele badkamer verbouwen" });
    await post(
      wijk.slug,
      `/beheer/klussen/${jobId}`,
      { intent: "assess", seen: "requested", canDoSelf: "nee", canPayCompany: "ja", helpingHand: "nee", decision: "declined", reason: "Dit is te groot voor vrijwilligers." },
      cookie("coordinator"),
    );
    expect((await job(jobId)).status).toBe("declined");
    const mail = (await outboxFor(requester.email)).at(-1);
    expect(mail?.subject).toContain("we kunnen niet helpen");
    expect(mail?.body).toContain("Dit is te groot voor vrijwilligers.");
  });
});

describe("partners and policy", () => {
  it("attributes a job to a partner and counts it", async () => {
    const added = await post(wijk.slug, "/beheer/klussen/partners", { name: "Woningcorporatie Vidomes" }, cookie("coordinator"));
    expect(added.body).toContain("De partner is toegevoegd.");
    expect((await post(wijk.slug, "/beheer/klussen/partners", { name: "Woningcorporatie Vidomes" }, cookie("coordinator"))).body).toContain("Deze partner staat al in de lijst.");
    const partner = await db().selectFrom("home_job_partners").select("id").where("name", "=", "Woningcorporatie Vidomes").executeTakeFirstOrThrow();
    const none = await postMultipart(server.url(wijk.slug, "/klussen/nieuw"), { description: "Steeg opruimen", urgency: "normal" }, [], cookie("coordinator"));
    expect(none.body).toContain("Kies voor wie de klus is, of kies een partner.");
    const jobId = await requestViaPage(cookie("coordinator"), { description: "Steeg achter de Prinsenhof opruimen", address: "Steeg Prinsenhof", partnerId: partner.id });
    expect(await job(jobId)).toMatchObject({ partner_id: partner.id, requester_id: null, entered_by: memberId("coordinator") });
    const board = await get(wijk.slug, "/beheer/klussen", cookie("coordinator"));
    expect(board.body).toContain("voor Woningcorporatie Vidomes");
    expect(board.body).toContain("Woningcorporatie Vidomes: 1");
    const list = await get(wijk.slug, "/beheer/klussen/partners", cookie("coordinator"));
    expect(list.body).toMatch(/Woningcorporatie Vidomes<\/td><td[^>]*>1</);
  });

  it("lets a coordinator enter a job for a member, with that member's address", async () => {
    const resident = await aResident();
    const jobId = await requestViaPage(cookie("coordinator"), { description: "Gordijnrail ophangen", memberId: resident.member.id });
    expect(await job(jobId)).toMatchObject({ requester_id: resident.member.id, address: "Prinsenhof 12, Leidschendam" });
  });

  it("lets coordinators edit the policy", async () => {
    // A neighbourhood of its own: the other tests read this neighbourhood's policy.
    const neighbourhood = await createTenant(database, { slug: uniqueSlug("beleid"), name: "Beleidwijk" }, seedNeighbourhood({ city: "Leidschendam" }));
    const [coordinator, volunteer, resident] = [await signedInAs(database, server, neighbourhood, "coordinator"), await signedInAs(database, server, neighbourhood, "volunteer"), await signedInAs(database, server, neighbourhood, "resident")];
    expect((await post(neighbourhood.slug, "/beheer/klussen/beleid", { text: " " }, coordinator.cookie)).body).toContain("Schrijf het beleid op.");
    await post(neighbourhood.slug, "/beheer/klussen/beleid", { text: "Wij helpen alleen met kleine klussen." }, coordinator.cookie);
    expect((await get(neighbourhood.slug, "/klussen/nieuw", resident.cookie)).body).toContain("Wij helpen alleen met kleine klussen.");
    expect((await post(neighbourhood.slug, "/beheer/klussen/beleid", { text: "x" }, volunteer.cookie)).status).toBe(403);
  });
});
