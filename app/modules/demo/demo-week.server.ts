import { tenantDb } from "~/db/accessors.server";
import type { Database } from "~/db/database.server";
import type { TenantRow } from "~/db/tables";
import { addDays, isoWeekday } from "~/dates";
import { answerEstimate, addPartner, assessJob, assessmentSchema, completeJob, completionSchema, estimateJob, estimateSchema, jobForWorker, listPartners, notifyOf, requestJob, requestSchema, scheduleJob, scheduleSchema } from "~/modules/home-jobs/jobs.server";
import { changeRole, deskRegistrationSchema, registerAtDesk } from "~/modules/members/members.server";
import { bookSlot, planSession, sessionForDesk, sessionSchema } from "~/modules/repair-cafe/repair-cafe.server";
import { addPart, changeRepairStatus, closeRepair, closeSchema, intakeSchema, partSchema, planRepair, registerRepair, type ChangeContext } from "~/modules/repairs/repairs.server";
import type { RepairStatus } from "~/modules/repairs/tables";
import type { FileStorage } from "~/modules/storage/storage.server";
import { neighbourhoodUrl } from "~/modules/tenants/tenants.server";
import { setHost, signUp, signUpForSeries } from "~/modules/activities/activities.server";
import { checkIn, checkInSchema, checkOutSchema, checkOutWalkIn, reserveTool, walkInSchema } from "~/modules/tool-library/loans.server";
import { listToolsForManagement } from "~/modules/tool-library/tools.server";
import type { DemoPeople } from "./demo-logins.server";

/**
 * A week in the life of the demo neighbourhood around `today`, made the way the desk and the
 * coordinator make it: through the modules' own functions and form schemas, so every rule holds.
 * Things that happened earlier in the week are done with that day as the desk's "today".
 */

/** The stop when a rule refuses a step: the demo data no longer fits the rules and needs fixing. */
function must<T extends { ok: boolean }>(step: string, result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`Demo data: ${step} was refused: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

export async function seedDemoWeek(
  database: Database,
  storage: FileStorage,
  tenant: TenantRow,
  people: DemoPeople,
  options: { publicUrl: string; today: string; openWeekdays: number[] },
): Promise<void> {
  const db = tenantDb(database, tenant.id);
  const { coordinator, volunteer, resident } = people;
  const today = options.today;
  const isOpen = (day: string) => options.openWeekdays.includes(isoWeekday(day));
  const openFrom = (day: string): string => (isOpen(day) ? day : openFrom(addDays(day, 1)));
  const openUntil = (day: string): string => (isOpen(day) ? day : openUntil(addDays(day, -1)));
  /** The next day the desk is open: today on an opening day. */
  const pickUpDay = openFrom(today);

  // People the desk registered: many have no email, some not even a phone.
  const register = (name: string, phone: string | null, address: string | null, notes?: string) =>
    registerAtDesk(db, deskRegistrationSchema.parse({ name, phone: phone ?? "", address: address ?? "", notes: notes ?? "" }), coordinator.id);
  const gerrit = await register("Gerrit Jansen", "06-0000 0101", "Oranjestraat 7, Steenwijk");
  const marja = await register("Marja Hoekstra", "06-0000 0102", "Paul Krugerstraat 19, Steenwijk");
  const kees = await register("Kees Visser", "0521-000 103", "Steenwijkerweg 41, Steenwijk");
  const yusuf = await register("Yusuf Demir", "06-0000 0104", "Bultweg 3, Steenwijk");
  const truus = await register("Truus Kok", "0521-000 105", "Kornoeljestraat 2, Steenwijk", "Hoort slecht: rustig en duidelijk praten.");
  const annie = await register("Annie de Boer", null, "Paul Krugerstraat 5, Steenwijk", "Heeft geen telefoon; de buurvrouw (nr. 7) geeft berichten door.");
  const jan = await register("Jan Smit", "06-0000 0106", "Meppelerweg 12, Steenwijk", "Werkt mee via het Plusteam, dinsdag tot en met donderdag.");
  await changeRole(db, jan.id, "volunteer", coordinator.id);

  // ------------------------------------------------------------------------------------------
  // Tool library: loans out (one late), two taken back, reservations to hand out on the next
  // opening day, and one later on.
  const tools = new Map((await listToolsForManagement(db)).map((tool) => [tool.name, tool]));
  const tool = (name: string) => {
    const found = tools.get(name);
    if (!found) throw new Error(`Demo data: no tool called ${name}`);
    return found;
  };
  const lend = async (toolName: string, memberId: string, lentOn: string, due: string, handOut: Record<string, string> = {}) =>
    must(
      `lending ${toolName}`,
      await checkOutWalkIn(db, { ...walkInSchema.parse({ toolNumber: String(tool(toolName).number), memberId, due }), ...checkOutSchema.parse(handOut) }, volunteer.id, lentOn),
    ).loanId;
  const takeBack = async (loanId: string, form: Record<string, string>) => must("taking a tool back", await checkIn(db, loanId, checkInSchema.parse(form), volunteer.id));
  const reserve = async (toolName: string, memberId: string, start: string, end: string) =>
    must(`reserving ${toolName}`, await reserveTool(db, { toolId: tool(toolName).id, memberId, start, end, actor: memberId, today }));

  const hedgeLent = openUntil(addDays(today, -8));
  await lend("Heggenschaar", gerrit.id, hedgeLent, addDays(hedgeLent, 6), { conditionOut: "Werkt goed, snoer heel." });
  const ladderLent = openUntil(today);
  await lend("Ladder 3 meter", marja.id, ladderLent, addDays(ladderLent, 2));
  const drillLent = openUntil(addDays(today, -2));
  await lend("Klopboormachine", resident.id, drillLent, openUntil(addDays(drillLent, 6)), { deposit: "cash", fee: "cash", conditionOut: "Met koffer en drie steenboren." });
  const washerLent = openUntil(addDays(today, -1));
  await lend("Hogedrukreiniger", kees.id, washerLent, openUntil(addDays(washerLent, 6)), { deposit: "cash", fee: "waived", waivedReason: "Minimabeleid: geen huur." });
  const barrowLent = openUntil(addDays(today, -6));
  await takeBack(await lend("Kruiwagen", yusuf.id, barrowLent, addDays(barrowLent, 2)), { conditionIn: "Schoon teruggebracht." });
  const sawLent = openUntil(addDays(today, -5));
  await takeBack(await lend("Decoupeerzaag", gerrit.id, sawLent, addDays(sawLent, 1), { fee: "cash" }), {
    conditionIn: "Zaagblad is bot en de voetplaat zit los.",
    toRepair: "ja",
  });

  await reserve("Accuboormachine", resident.id, pickUpDay, openFrom(addDays(pickUpDay, 2)));
  await reserve("Fietspomp met drukmeter", truus.id, pickUpDay, pickUpDay);
  await reserve("Grasmaaier", yusuf.id, pickUpDay, openFrom(addDays(pickUpDay, 1)));
  const steamerFrom = openFrom(addDays(pickUpDay, 7));
  await reserve("Behangafstomer", marja.id, steamerFrom, openFrom(addDays(steamerFrom, 2)));

  // ------------------------------------------------------------------------------------------
  // Repairs in every status, with fixers, a part at cost price and outcomes.
  const change: ChangeContext = { actor: volunteer.id, tenant: { id: tenant.id, name: tenant.name }, siteUrl: neighbourhoodUrl(options.publicUrl, tenant) };
  const intake = async (memberId: string, form: Record<string, string>, actor = volunteer.id) =>
    must("taking in a repair", await registerRepair(db, storage, tenant.id, { ...intakeSchema.parse(form), memberId }, [], actor)).repairId;
  const plan = async (repairId: string, plannedOn: string, fixers: string[]) =>
    must("planning a repair", await planRepair(db, repairId, { expected: "registered", plannedOn, fixers }, change));
  const move = async (repairId: string, steps: RepairStatus[]) => {
    for (let i = 1; i < steps.length; i++) must("changing a repair's status", await changeRepairStatus(db, repairId, { expected: steps[i - 1]!, to: steps[i]! }, change));
  };
  const part = async (repairId: string, description: string, cost: string) => must("adding a part", await addPart(db, repairId, partSchema.parse({ description, cost })));
  const close = async (repairId: string, form: Record<string, string>) => must("closing a repair", await closeRepair(db, repairId, closeSchema.parse({ expected: "in_progress", ...form }), change));

  const coffeeMaker = await intake(resident.id, { kind: "appliance", brand: "Philips Senseo", fault: "Het koffiezetapparaat lekt water onder het apparaat.", learnMyself: "ja" }, resident.id);
  const flatTyre = await intake(truus.id, { kind: "bicycle", brand: "Gazelle", fault: "Achterband is lek en het ventiel is kapot." });
  const gears = await intake(gerrit.id, { kind: "bicycle", brand: "Batavus", fault: "Versnellingen verspringen en de ketting loopt eraf." });
  await plan(gears, pickUpDay, [volunteer.id]);
  const vacuum = await intake(marja.id, { kind: "appliance", brand: "Miele", fault: "Stofzuiger zuigt bijna niet meer." });
  await plan(vacuum, openUntil(addDays(today, -1)), [jan.id]);
  await move(vacuum, ["planned", "in_progress"]);
  const drill = await intake(kees.id, { kind: "appliance", brand: "Bosch", fault: "Boormachine geeft vonken en valt stil." });
  await plan(drill, openUntil(addDays(today, -3)), [volunteer.id]);
  await move(drill, ["planned", "in_progress", "waiting_for_parts"]);
  await part(drill, "Koolborstels (set van 2)", "6,95");
  const zip = await intake(yusuf.id, { kind: "textile", fault: "De rits van de winterjas is kapot." });
  await plan(zip, openUntil(addDays(today, -4)), [coordinator.id]);
  await move(zip, ["planned", "in_progress"]);
  await close(zip, { outcome: "repaired", productCategory: "Misc", problem: "Nieuwe rits ingezet.", contribution: "3", payment: "cash" });
  const lamp = await intake(annie.id, { kind: "appliance", fault: "De schemerlamp gaat niet meer aan." });
  await plan(lamp, openUntil(addDays(today, -6)), [volunteer.id, jan.id]);
  await move(lamp, ["planned", "in_progress"]);
  await part(lamp, "Snoerschakelaar", "2,50");
  await close(lamp, { outcome: "repaired", productCategory: "Lamp", problem: "Schakelaar in het snoer vervangen.", contribution: "2,50", payment: "waived", waivedReason: "Mevrouw kon het deze keer niet betalen." });
  await move(lamp, ["done", "collected"]);
  const toaster = await intake(kees.id, { kind: "appliance", brand: "Inventum", fault: "Broodrooster wordt niet meer warm." });
  await plan(toaster, openUntil(addDays(today, -2)), [jan.id]);
  await move(toaster, ["planned", "in_progress"]);
  await close(toaster, { outcome: "not_repairable", productCategory: "Toaster", barrier: "Spare parts not available", problem: "Verwarmingselement doorgebrand." });

  // ------------------------------------------------------------------------------------------
  // Repair café: the next session with bookings (some for a registered repair), and the one after.
  const cafe = {
    start: "13:00",
    end: "16:00",
    slotMinutes: "30",
    places: "2",
    location: "Wijkwerkplaats, Paul Krugerstraat 34a",
    description: "Neem je kapotte spullen mee. Samen kijken we of het te maken is. De koffie staat klaar.",
  };
  const nextCafe = openFrom(addDays(today, 1));
  const { sessionId } = must("planning the repair café", await planSession(db, sessionSchema.parse({ ...cafe, day: nextCafe }), coordinator.id, today));
  must("planning the repair café", await planSession(db, sessionSchema.parse({ ...cafe, day: openFrom(addDays(nextCafe, 7)) }), coordinator.id, today));
  const slots = (await sessionForDesk(db, sessionId))!.slots;
  const book = async (slot: number, memberId: string, repairId?: string) =>
    must("booking the repair café", await bookSlot(db, { slotId: slots[slot]!.id, memberId, repairId, today, now: "00:00" }));
  await book(0, resident.id, coffeeMaker);
  await book(0, truus.id, flatTyre);
  await book(1, gerrit.id, gears);
  await book(3, kees.id);

  // ------------------------------------------------------------------------------------------
  // Home jobs: waiting for assessment, declined, waiting for the resident's yes, planned, done
  // with hours (one for the housing corporation).
  const notify = notifyOf(options.publicUrl, tenant);
  must("adding a partner", await addPartner(db, "Woningcorporatie Woonconcept"));
  const woonconcept = (await listPartners(db)).find((partner) => partner.name === "Woningcorporatie Woonconcept")!;
  const ask = async (form: Record<string, string>, actor = coordinator) =>
    must("asking for a home job", await requestJob(db, storage, tenant.id, { ...requestSchema.parse(form), actor, photos: [] })).jobId;
  const assess = async (jobId: string, decision: "assessed" | "declined", reason: string) =>
    must(
      "assessing a home job",
      await assessJob(db, jobId, assessmentSchema.parse({ seen: "requested", canDoSelf: "nee", canPayCompany: "nee", helpingHand: decision === "assessed" ? "ja" : "nee", decision, reason }), coordinator.id, notify),
    );
  const estimate = async (jobId: string, amount: string, description: string) =>
    must("estimating a home job", await estimateJob(db, jobId, estimateSchema.parse({ seen: "assessed", estimate: amount, estimateDescription: description }), notify));
  const schedule = async (jobId: string, day: string, team: string[], notes = "") =>
    must("planning a home job", await scheduleJob(db, jobId, scheduleSchema.parse({ seen: "estimate_accepted", team, scheduledOn: day, notes }), notify));

  await ask({ description: "Mijn keukenkraan druppelt en een kastdeur hangt scheef.", address: "Paul Krugerstraat 12, Steenwijk", urgency: "normal" }, resident);
  await ask({ description: "Lamp in de gang ophangen. Ik kan zelf niet meer op een trap staan.", urgency: "low", memberId: annie.id });

  const paving = await ask({ description: "De hele achtertuin opnieuw bestraten.", urgency: "low", memberId: yusuf.id });
  await assess(paving, "declined", "Dit is meer dan een helpende hand. We helpen je wel de tuin overzichtelijk te maken, zodat je hem zelf kunt bijhouden.");

  const fence = await ask({ description: "De schutting in de achtertuin is omgewaaid. Twee palen staan los.", urgency: "urgent", memberId: kees.id });
  await assess(fence, "assessed", "Meneer kan dit niet zelf en heeft geen geld voor een bedrijf.");
  await estimate(fence, "35", "Twee nieuwe palen en beugels.");

  const curtains = await ask({ description: "Gordijnrails ophangen in de woonkamer.", urgency: "normal", memberId: marja.id });
  await assess(curtains, "assessed", "Mevrouw heeft net een nieuwe woning na de sloop van haar oude flat.");
  await estimate(curtains, "12,50", "Gordijnrails van 2 meter en pluggen.");
  must("accepting an estimate", await answerEstimate(db, curtains, "estimated", marja, "accept"));
  await schedule(curtains, openFrom(addDays(today, 1)), [volunteer.id, jan.id], "Trap en boormachine meenemen.");
  // The volunteer looked up the address: written to the audit log.
  await jobForWorker(db, curtains, volunteer);

  const gutter = await ask({ description: "Dakgoot aan de voorkant schoonmaken, er groeit gras in.", urgency: "normal", memberId: gerrit.id });
  await assess(gutter, "assessed", "Meneer kan niet meer op een ladder staan.");
  await estimate(gutter, "5", "Vuilniszakken en handschoenen.");
  must("accepting an estimate", await answerEstimate(db, gutter, "estimated", gerrit, "accept"));
  await schedule(gutter, openUntil(addDays(today, -3)), [volunteer.id, coordinator.id]);
  must(
    "completing a home job",
    await completeJob(db, gutter, completionSchema.parse({ seen: "scheduled", materials: "4,50", materialsDescription: "Vuilniszakken en handschoenen.", payment: "cash" }), [
      { memberId: volunteer.id, minutes: 90 },
      { memberId: coordinator.id, minutes: 60 },
    ], coordinator.id),
  );

  const paths = await ask({ description: "Achterpaden Paul Krugerstraat bladvrij maken en overhangend groen wegknippen.", urgency: "normal", partnerId: woonconcept.id });
  await assess(paths, "assessed", "Afspraak met Woonconcept over de leefbaarheid in de wijk.");
  await estimate(paths, "0", "Geen kosten: valt onder de afspraak met Woonconcept.");
  must("accepting an estimate", await answerEstimate(db, paths, "estimated", coordinator, "accept"));
  await schedule(paths, openUntil(addDays(today, -2)), [volunteer.id, jan.id], "Groenafval in de container bij de werkplaats.");
  must(
    "completing a home job",
    await completeJob(db, paths, completionSchema.parse({ seen: "scheduled", payment: "waived", waivedReason: "Valt onder de afspraak met Woonconcept." }), [
      { memberId: volunteer.id, minutes: 180 },
      { memberId: jan.id, minutes: 180 },
    ], coordinator.id),
  );

  // ------------------------------------------------------------------------------------------
  // Activities: the demo resident hosts the coffee morning (so takes its attendance), people
  // signed up for the walk, and the first walk is full with one person waiting.
  const activities = await db.selectFrom("activities").select(["id", "title"]).execute();
  const activity = (title: string) => {
    const found = activities.find((row) => row.title === title);
    if (!found) throw new Error(`Demo data: no activity called ${title}`);
    return found.id;
  };
  await setHost(db, activity("Inloop met koffie"), resident.id);
  const firstWalk = await db.selectFrom("activity_dates").select("id").where("activity_id", "=", activity("Rustige wandeling door de wijk")).orderBy("day").executeTakeFirstOrThrow();
  for (const [person, guests] of [[resident, 1], [truus, 0], [kees, 2], [marja, 0], [yusuf, 0]] as const) {
    must("signing up for a walk", await signUp(db, { dateId: firstWalk.id, memberId: person.id, guests }));
  }
  await signUpForSeries(db, { activityId: activity("Mindfulness"), memberId: marja.id, guests: 0 });
}
