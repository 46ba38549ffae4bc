import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformDb, tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { Role, TenantRow } from "~/db/tables";
import { createAccount } from "~/modules/accounts/accounts.server";
import { addMember } from "~/modules/members/members.server";
import { seedNeighbourhood } from "~/modules/neighbourhood/seed.server";
import { changeRepairStatus, closeSchema, closeRepair, planRepair, registerRepair, type ChangeContext } from "~/modules/repairs/repairs.server";
import { createTenant } from "~/modules/tenants/tenants.server";
import { openTestDatabase, uniqueSlug } from "./support/database";
import { aMember, aPng, aRepair } from "./support/factories";
import { signedInAs } from "./support/people";
import { postForm, request, startTestServer, type TestResponse, type TestServer } from "./support/server";
import { ledgerOf } from "./support/ledger";

let database: Database;
let server: TestServer;
let wijk: TenantRow;
let other: TenantRow;
const people: Record<string, { cookie: string; memberId: string }> = {};
const password = "samen repareren is leuk";

const post = (slug: string, path: string, body: Record<string, string>, cookie = "") => postForm(server.url(slug, path), body, cookie);
const get = (slug: string, path: string, cookie = "") => request(server.url(slug, path), { headers: { Cookie: cookie } });
const cookie = (who: string) => people[who]!.cookie;
const db = () => tenantDb(database, wijk.id);
const context = (actor: string, tenant = wijk): ChangeContext => ({ actor, tenant: { id: tenant.id, name: tenant.name }, siteUrl: `http://${tenant.slug}.localhost/` });

/** A multipart form post with text fields and files, as the intake form sends it. */
async function postMultipart(slug: string, path: string, fields: Record<string, string>, files: { bytes: Uint8Array; name: string }[], cookieValue: string): Promise<TestResponse> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const file of files) form.append("photos", new Blob([new Uint8Array(file.bytes)], { type: "image/png" }), file.name);
  const encoded = new Request("http://localhost/", { method: "POST", body: form });
  const url = server.url(slug, path);
  return request(url, {
    method: "POST",
    headers: { Cookie: cookieValue, Origin: new URL(url).origin, "Content-Type": encoded.headers.get("Content-Type")! },
    body: Buffer.from(await encoded.arrayBuffer()),
  });
}

async function signIn(tenant: TenantRow, role: Role, key: string) {
  const email = `${uniqueSlug(key)}@example.org`;
  const account = await createAccount(platformDb(database), { email, password });
  const member = await addMember(tenantDb(database, tenant.id), { accountId: account.id, name: `${key} naam`, role });
  const res = await post(tenant.slug, "/inloggen", { email, password });
  people[key] = { cookie: res.headers["set-cookie"]![0]!.split(";")[0]!, memberId: member.id };
}

const idFrom = (res: TestResponse) => /\/reparaties\/([0-9a-f-]{36})/.exec(res.headers.location ?? "")![1]!;
const statusOf = async (id: string) => (await db().selectFrom("repairs").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;

/** A resident of this test's own, signed in, with a phone number and address on file. */
const aResident = (tenant = wijk) => signedInAs(database, server, tenant, "resident", `Bewoner ${uniqueSlug("")} naam`, { phone: "06-12345678", address: "Kerkstraat 4" });

/** The Gazelle with the flat tyre of `memberId`, as the intake form registers it, brought to `until` by the desk with the fixer on 6 May 2031. */
const aBike = async (memberId: string, until: "registered" | "planned" | "in_progress" | "done" = "registered", fixer = people.fixer!.memberId, photos: Uint8Array[] = []) =>
  (
    await aRepair(db(), context(people.coordinator!.memberId), {
      memberId,
      kind: "bicycle",
      brand: "Gazelle",
      fault: "De achterband loopt steeds leeg.",
      learnMyself: true,
      photos,
      until,
      fixers: [fixer],
      plannedOn: "2031-05-06",
      close: { problem: "Lekke binnenband" },
    })
  ).repairId;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  wijk = await createTenant(database, { slug: uniqueSlug("steenwijk"), name: "Wijkwerkplaats Steenwijk-West" }, seedNeighbourhood({ city: "Steenwijk" }));
  other = await createTenant(database, { slug: uniqueSlug("leidschendam"), name: "Alles voor Elkaar" }, seedNeighbourhood({ city: "Leidschendam" }));
  await signIn(wijk, "coordinator", "coordinator");
  await signIn(wijk, "volunteer", "volunteer");
  await signIn(wijk, "volunteer", "fixer");
  await signIn(wijk, "resident", "resident");
  await signIn(wijk, "resident", "neighbour");
  await signIn(other, "coordinator", "otherCoordinator");
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("intake", () => {
  it("a resident registers a broken bicycle with a photo and sees it in their list", async () => {
    const resident = await aResident();
    const res = await postMultipart(
      wijk.slug,
      "/reparaties/nieuw",
      { kind: "bicycle", brand: "Gazelle", fault: "De achterband loopt steeds leeg.", learnMyself: "ja" },
      [{ bytes: aPng, name: "fiets.png" }],
      resident.cookie,
    );
    expect(res.status).toBe(303);
    const bike = idFrom(res);
    const page = await get(wijk.slug, `/reparaties/${bike}?aangemeld=1`, resident.cookie);
    expect(page.body).toContain("Gelukt! We hebben je reparatie.");
    expect(page.body).toContain("De achterband loopt steeds leeg.");
    expect(page.body).toContain("Aangemeld");
    const list = await get(wijk.slug, "/reparaties", resident.cookie);
    expect(list.body).toContain("Fiets (Gazelle)");
    const photoId = (await db().selectFrom("repair_photos").select("id").where("repair_id", "=", bike).executeTakeFirstOrThrow()).id;
    const photo = await get(wijk.slug, `/reparaties/${bike}/foto/${photoId}`, resident.cookie);
    expect(photo.status).toBe(200);
    expect(photo.headers["content-type"]).toBe("image/png");
    expect((await get(wijk.slug, `/reparaties/${bike}/foto/${photoId}`, cookie("volunteer"))).status).toBe(200);
    expect((await get(wijk.slug, `/reparaties/${bike}/foto/${photoId}`, cookie("neighbour"))).status).toBe(404);
    expect((await get(wijk.slug, `/reparaties/${bike}/foto/${photoId}`)).status).toBe(303);
  });

  it("explains wrong input next to the field in Dutch and keeps what was typed", async () => {
    const cases: [Record<string, string>, { bytes: Uint8Array; name: string }[], string][] = [
      [{ kind: "bicycle", brand: "Batavus", fault: "" }, [], "Schrijf op wat er kapot is."],
      [{ kind: "boot", brand: "Batavus", fault: "Lek" }, [], "Kies wat het is: fiets, apparaat, kleding, meubel of iets anders."],
      [{ kind: "appliance", brand: "Batavus", fault: "Lek" }, [{ bytes: Buffer.from("geen plaatje"), name: "x.png" }], "Dit is geen PNG-, JPG- of WebP-afbeelding."],
      [{ kind: "appliance", brand: "Batavus", fault: "Lek" }, [{ bytes: Buffer.alloc(2 * 1024 * 1024 + 10, 1), name: "groot.png" }], "Deze afbeelding is groter dan 2 MB."],
      [{ kind: "appliance", brand: "Batavus", fault: "Lek" }, [1, 2, 3, 4].map((n) => ({ bytes: aPng, name: `${n}.png` })), "Je kunt hoogstens 3 foto"],
    ];
    const before = await db().selectFrom("repairs").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    for (const [fields, files, message] of cases) {
      const res = await postMultipart(wijk.slug, "/reparaties/nieuw", fields, files, cookie("resident"));
      expect(res.status, message).toBe(200);
      expect(res.body).toContain(message);
      expect(res.body).toContain('value="Batavus"');
      expect(res.body).toMatch(/aria-invalid="true"|class="field field-error"/);
    }
    const after = await db().selectFrom("repairs").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("the desk registers a repair for a new person without an account", async () => {
    const missing = await postMultipart(wijk.slug, "/balie/reparaties/nieuw", { kind: "textile", fault: "Rits kapot" }, [], cookie("volunteer"));
    expect(missing.body).toContain("Kies iemand uit de lijst, of vul de naam in van iemand die nieuw is.");
    expect(missing.body).toContain("Rits kapot");
    const res = await postMultipart(wijk.slug, "/balie/reparaties/nieuw", { kind: "textile", fault: "Rits kapot", newName: "Truus de Wit", newPhone: "070-1234567" }, [], cookie("volunteer"));
    expect(res.status).toBe(303);
    const id = idFrom(res);
    const row = await db().selectFrom("repairs").innerJoin("members", "members.id", "repairs.member_id").select(["members.name", "members.account_id", "members.phone"]).where("repairs.id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: "Truus de Wit", account_id: null, phone: "070-1234567" });
    const page = await get(wijk.slug, `/balie/reparaties/${id}?nieuw=1`, cookie("coordinator"));
    expect(page.body).toContain("De reparatie is aangenomen.");
    expect(page.body).toContain("070-1234567");
  });
});

describe("the status flow", () => {
  it("lets the desk call off a repair whose item never came, which leaves the board", async () => {
    const res = await postMultipart(wijk.slug, "/balie/reparaties/nieuw", { kind: "furniture", fault: "Poot los", newName: "Piet Komtniet" }, [], cookie("volunteer"));
    const id = idFrom(res);
    const cancelled = await post(wijk.slug, `/balie/reparaties/${id}`, { intent: "status", expected: "registered", to: "cancelled" }, cookie("volunteer"));
    expect(cancelled.status).toBeLessThan(400);
    expect(await statusOf(id)).toBe("cancelled");
    expect((await get(wijk.slug, "/balie/reparaties", cookie("volunteer"))).body).not.toContain("Piet Komtniet");
    expect(await changeRepairStatus(db(), id, { expected: "cancelled", to: "planned" }, context(people.coordinator!.memberId))).toMatchObject({ ok: false, error: "repair_transition_invalid" });
  });

  it("refuses transitions that are not allowed, with a clear message", async () => {
    const bike = await aBike((await aMember(db())).id);
    const direct = await changeRepairStatus(db(), bike, { expected: "registered", to: "collected" }, context(people.coordinator!.memberId));
    expect(direct).toEqual({ ok: false, field: "form", error: "repair_transition_invalid" });
    const res = await post(wijk.slug, `/balie/reparaties/${bike}`, { intent: "status", expected: "registered", to: "waiting_for_parts" }, cookie("coordinator"));
    expect(res.body).toContain("Dat kan niet: vanuit deze status kan de reparatie daar niet naartoe.");
    const done = await post(wijk.slug, `/balie/reparaties/${bike}`, { intent: "status", expected: "registered", to: "done" }, cookie("coordinator"));
    expect(done.body).toContain("Gebruik het formulier Afronden");
    expect(await statusOf(bike)).toBe("registered");
  });

  it("plans with a fixer, which emails the resident", async () => {
    const resident = await aResident();
    const bike = await aBike(resident.member.id);
    const noFixer = await post(wijk.slug, `/balie/reparaties/${bike}`, { intent: "plan", expected: "registered", plannedOn: "" }, cookie("coordinator"));
    expect(noFixer.body).toContain("Kies wie het gaat maken.");
    // A wrong day keeps the fixer that was ticked.
    const wrongDay = await post(wijk.slug, `/balie/reparaties/${bike}`, { intent: "plan", expected: "registered", fixer: people.fixer!.memberId, plannedOn: "2031-13-45" }, cookie("coordinator"));
    expect(wrongDay.body).toContain(`name="fixer" checked="" value="${people.fixer!.memberId}"`);
    expect(await statusOf(bike)).toBe("registered");
    const res = await post(wijk.slug, `/balie/reparaties/${bike}`, { intent: "plan", expected: "registered", fixer: people.fixer!.memberId, plannedOn: "2031-05-06" }, cookie("coordinator"));
    expect(res.body).toContain("Opgeslagen.");
    expect(await statusOf(bike)).toBe("planned");
    const mail = await platformDb(database).selectFrom("outbox").select(["subject", "body"]).where("to_address", "=", resident.email).execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe("Je reparatie is ingepland: Fiets (Gazelle)");
    expect(mail[0]!.body).toContain("dinsdag 6 mei");
    expect(mail[0]!.body).toContain(`/reparaties/${bike}`);
  });

  it("lets exactly one of two changes made from the same seen status win", async () => {
    const bike = await aBike((await aMember(db())).id, "planned");
    const results = await Promise.all([
      changeRepairStatus(db(), bike, { expected: "planned", to: "in_progress" }, context(people.coordinator!.memberId)),
      changeRepairStatus(db(), bike, { expected: "planned", to: "registered" }, context(people.volunteer!.memberId)),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, field: "form", error: "repair_changed_meanwhile" }]);
    const now = await statusOf(bike);
    expect(["in_progress", "registered"]).toContain(now);
    // The page says so in Dutch when the form was made from an old status.
    const stale = await post(wijk.slug, `/balie/reparaties/${bike}`, { intent: "status", expected: "planned", to: "in_progress" }, cookie("coordinator"));
    expect(stale.body).toContain("Iemand anders heeft deze reparatie net veranderd.");
    if (now === "registered") {
      await planRepair(db(), bike, { expected: "registered", fixers: [people.fixer!.memberId], plannedOn: null }, context(people.coordinator!.memberId));
      await changeRepairStatus(db(), bike, { expected: "planned", to: "in_progress" }, context(people.coordinator!.memberId));
    }
    expect(await statusOf(bike)).toBe("in_progress");
  });

  it("adds parts at cost price and closes with an outcome and a contribution, refusing wrong amounts", async () => {
    const resident = await aResident();
    const bike = await aBike(resident.member.id, "in_progress");
    const wrong = await post(wijk.slug, `/balie/reparaties/${bike}`, { intent: "part", description: "Binnenband", cost: "veel" }, cookie("fixer"));
    expect(wrong.body).toContain("Vul een bedrag in euro in, zoals 2,50.");
    expect(wrong.body).toContain('value="Binnenband"');
    await post(wijk.slug, `/balie/reparaties/${bike}`, { intent: "part", description: "Binnenband", cost: "4,50" }, cookie("fixer"));
    const toParts = await post(wijk.slug, `/balie/reparaties/${bike}`, { intent: "status", expected: "in_progress", to: "waiting_for_parts" }, cookie("fixer"));
    expect(toParts.body).toContain("De status is veranderd.");
    await post(wijk.slug, `/balie/reparaties/${bike}`, { intent: "status", expected: "waiting_for_parts", to: "in_progress" }, cookie("fixer"));
    const close = { intent: "close", expected: "in_progress", outcome: "repaired", productCategory: "Misc", barrier: "", problem: "Lekke binnenband", year: "", contribution: "4,50", payment: "waived", waivedReason: "" };
    const noReason = await post(wijk.slug, `/balie/reparaties/${bike}`, close, cookie("fixer"));
    expect(noReason.body).toContain("Schrijf de reden op.");
    expect(noReason.body).toContain("Lekke binnenband");
    const badMoney = await post(wijk.slug, `/balie/reparaties/${bike}`, { ...close, contribution: "vier euro", payment: "cash" }, cookie("fixer"));
    expect(badMoney.body).toContain("Vul een bedrag in euro in");
    const ok = await post(wijk.slug, `/balie/reparaties/${bike}`, { ...close, payment: "cash" }, cookie("fixer"));
    expect(ok.body).toContain("Afgerond. De bewoner krijgt bericht.");
    const row = await db().selectFrom("repairs").select(["status", "outcome", "contribution_cents"]).where("id", "=", bike).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "done", outcome: "repaired", contribution_cents: 450 });
    expect(await ledgerOf(db(), bike)).toEqual([{ purpose: "contribution", kind: "payment", method: "cash", amount_cents: 450, reason: null }]);
    const subjects = (await platformDb(database).selectFrom("outbox").select("subject").where("to_address", "=", resident.email).orderBy("id").execute()).map((m) => m.subject);
    expect(subjects).toEqual(["Je reparatie is ingepland: Fiets (Gazelle)", "We wachten op onderdelen: Fiets (Gazelle)", "Je reparatie is klaar: Fiets (Gazelle)"]);
    const mine = await get(wijk.slug, `/reparaties/${bike}`, resident.cookie);
    expect(mine.body).toContain("Het is klaar. Je kunt het ophalen bij de balie.");
    expect(mine.body).toContain("Binnenband");
  });
});

describe("roles and privacy", () => {
  it("keeps the board for the desk and a repair for its owner", async () => {
    const resident = await aResident();
    const bike = await aBike(resident.member.id, "done");
    expect((await get(wijk.slug, "/balie/reparaties", resident.cookie)).status).toBe(403);
    expect((await get(wijk.slug, `/balie/reparaties/${bike}`, resident.cookie)).status).toBe(403);
    expect((await get(wijk.slug, "/balie/reparaties", cookie("volunteer"))).status).toBe(200);
    expect((await get(wijk.slug, `/reparaties/${bike}`, cookie("neighbour"))).status).toBe(404);
    expect((await get(wijk.slug, "/reparaties/geen-id", resident.cookie)).status).toBe(404);
    const board = await get(wijk.slug, "/balie/reparaties", cookie("volunteer"));
    expect(board.body).toContain(resident.member.name);
    expect(board.body).not.toContain("06-12345678");
  });

  it("shows phone and address only to coordinators and the repair's fixers, and logs a volunteer seeing them", async () => {
    const [resident, fixer, volunteer] = [await aResident(), await signedInAs(database, server, wijk, "volunteer"), await signedInAs(database, server, wijk, "volunteer")];
    const bike = await aBike(resident.member.id, "done", fixer.member.id);
    const auditCount = async () =>
      (await db().selectFrom("audit_log").select("details").where("action", "=", "personal_data_viewed").where("actor_member_id", "=", fixer.member.id).execute()).length;
    const before = await auditCount();
    const unassigned = await get(wijk.slug, `/balie/reparaties/${bike}`, volunteer.cookie);
    expect(unassigned.status).toBe(200);
    expect(unassigned.body).not.toContain("06-12345678");
    expect(unassigned.body).not.toContain("Kerkstraat 4");
    expect(unassigned.body).toContain("Telefoon en adres zie je alleen als je deze reparatie maakt.");
    expect(await auditCount()).toBe(before);
    const assigned = await get(wijk.slug, `/balie/reparaties/${bike}`, fixer.cookie);
    expect(assigned.body).toContain("06-12345678");
    expect(assigned.body).toContain("Kerkstraat 4");
    expect(await auditCount()).toBe(before + 1);
    const entry = await db().selectFrom("audit_log").select(["subject_member_id", "details"]).where("action", "=", "personal_data_viewed").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(entry).toEqual({ subject_member_id: resident.member.id, details: { what: "reparatie", repair: expect.any(String) } });
    const coordinator = await get(wijk.slug, `/balie/reparaties/${bike}`, cookie("coordinator"));
    expect(coordinator.body).toContain("06-12345678");
    // The desk reads about the resident, not words meant for the resident.
    expect(coordinator.body).toContain("Wil leren het zelf te doen");
    expect(coordinator.body).not.toContain("Je wilt leren");
    expect(await auditCount()).toBe(before + 1);
    expect(await db().selectFrom("audit_log").select("id").where("action", "=", "personal_data_viewed").where("actor_member_id", "=", volunteer.member.id).execute()).toEqual([]);
    // Once collected, the fixer no longer needs them.
    await db().updateTable("repairs").set({ status: "collected" }).where("id", "=", bike).execute();
    const afterwards = await get(wijk.slug, `/balie/reparaties/${bike}`, fixer.cookie);
    expect(afterwards.body).not.toContain("06-12345678");
    expect(await auditCount()).toBe(before + 1);
  });
});

describe("isolation", () => {
  it("gives another neighbourhood's coordinator a 404 for this repair and its photo, and changes nothing", async () => {
    const bike = await aBike((await aMember(db())).id, "done", people.fixer!.memberId, [aPng]);
    const photoId = (await db().selectFrom("repair_photos").select("id").where("repair_id", "=", bike).executeTakeFirstOrThrow()).id;
    const them = cookie("otherCoordinator");
    expect((await get(other.slug, `/balie/reparaties/${bike}`, them)).status).toBe(404);
    expect((await get(other.slug, `/reparaties/${bike}`, them)).status).toBe(404);
    expect((await get(other.slug, `/reparaties/${bike}/foto/${photoId}`, them)).status).toBe(404);
    const change = await post(other.slug, `/balie/reparaties/${bike}`, { intent: "status", expected: "done", to: "collected" }, them);
    expect(change.status).toBe(404);
    expect(await statusOf(bike)).toBe("done");
    const csv = await get(other.slug, "/balie/reparaties/ords.csv", them);
    expect(csv.body).not.toContain("Gazelle");
    // This neighbourhood's cookie does not count on the other's host either.
    expect((await get(other.slug, `/balie/reparaties/${bike}`, cookie("coordinator"))).status).toBe(303);
  });
});

describe("the Open Repair Data export", () => {
  it("lists finished repairs in the standard's columns, without names or phone numbers", async () => {
    // A neighbourhood of its own, so the export holds exactly this test's repairs.
    const ords = await createTenant(database, { slug: uniqueSlug("ords"), name: "Wijkwerkplaats Ords" }, seedNeighbourhood({ city: "Steenwijk" }));
    const ordsDb = tenantDb(database, ords.id);
    const [coordinator, volunteer] = [await signedInAs(database, server, ords, "coordinator", "coordinator naam"), await signedInAs(database, server, ords, "volunteer", "volunteer naam")];
    const desk = context(coordinator.member.id, ords);
    const [resident, neighbour, truus] = [
      await aMember(ordsDb, { name: "resident naam", phone: "06-12345678", address: "Kerkstraat 4" }),
      await aMember(ordsDb, { name: "neighbour naam" }),
      await aMember(ordsDb, { name: "Truus de Wit", phone: "070-1234567" }),
    ];
    await aRepair(ordsDb, desk, { memberId: resident.id, kind: "bicycle", brand: "Gazelle", fault: "De achterband loopt steeds leeg.", until: "done", close: { problem: "Lekke binnenband" } });
    await aRepair(ordsDb, desk, { memberId: truus.id, kind: "textile", fault: "Rits kapot" });
    const { repairId: calledOff } = await aRepair(ordsDb, desk, { memberId: truus.id, kind: "furniture", fault: "Poot los" });
    await changeRepairStatus(ordsDb, calledOff, { expected: "registered", to: "cancelled" }, desk);
    const { repairId } = (await registerRepair(
      ordsDb,
      { put: async () => {}, get: async () => null, remove: async () => {} },
      ords.id,
      { kind: "appliance", brand: "Philips", fault: "Bel Jan op 06-99999999, hij gaat niet aan", learnMyself: false, memberId: neighbour.id },
      [],
      coordinator.member.id,
    )) as { ok: true; repairId: string };
    await changeRepairStatus(ordsDb, repairId, { expected: "registered", to: "in_progress" }, desk);
    const closed = await closeRepair(
      ordsDb,
      repairId,
      closeSchema.parse({ expected: "in_progress", outcome: "not_repairable", productCategory: "Kettle", barrier: "Spare parts not available", problem: "Element, kapot", year: "2015" }),
      desk,
    );
    expect(closed.ok).toBe(true);
    expect((await get(ords.slug, "/balie/reparaties/ords.csv", volunteer.cookie)).status).toBe(403);
    const res = await get(ords.slug, "/balie/reparaties/ords.csv", coordinator.cookie);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const lines = res.body.trim().split("\r\n");
    expect(lines[0]).toBe(
      "id,data_provider,country,partner_product_category,product_category,product_category_id,brand,year_of_manufacture,product_age,repair_status,repair_barrier_if_end_of_life,group_identifier,event_date,problem,record_date",
    );
    expect(lines).toHaveLength(3);
    const bikeLine = lines.find((line) => line.includes("Bicycle"))!;
    expect(bikeLine).toContain(",Misc,18,Gazelle,,,Fixed,,");
    const kettle = lines.find((line) => line.includes("Kettle"))!;
    expect(kettle).toContain(",NLD,Appliance,Kettle,14,Philips,2015,");
    expect(kettle).toContain(",End of life,Spare parts not available,");
    expect(kettle).toContain('"Element, kapot"');
    for (const personal of ["naam", "06-12345678", "06-99999999", "Kerkstraat", "Truus", "Jan"]) expect(res.body).not.toContain(personal);
  });

  it("marks a finished repair collected, and then nothing more can happen to it", async () => {
    const resident = await aResident();
    const bike = await aBike(resident.member.id, "done");
    const res = await post(wijk.slug, `/balie/reparaties/${bike}`, { intent: "status", expected: "done", to: "collected" }, cookie("volunteer"));
    expect(res.body).toContain("De status is veranderd.");
    expect(await statusOf(bike)).toBe("collected");
    const again = await changeRepairStatus(db(), bike, { expected: "collected", to: "in_progress" }, context(people.coordinator!.memberId));
    expect(again).toEqual({ ok: false, field: "form", error: "repair_transition_invalid" });
    expect((await get(wijk.slug, `/reparaties/${bike}`, resident.cookie)).body).toContain("Opgehaald");
  });
});
