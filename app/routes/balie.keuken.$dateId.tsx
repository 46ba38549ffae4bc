import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { Field, SelectField } from "~/components/Field";
import { PostForm } from "~/components/PostForm";
import { formatDay } from "~/dates";
import { idParam, parseForm } from "~/forms";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { formatEuro } from "~/money";
import { CodeCheckboxes } from "~/modules/kitchen/CodeCheckboxes";
import {
  addCost,
  addShift,
  costPrice,
  costSchema,
  costsOf,
  kitchenList,
  leaveShift,
  parseMenuForm,
  recordPayment,
  removeCost,
  removeShift,
  setMenu,
  shiftSchema,
  shiftsOf,
  takeShift,
} from "~/modules/kitchen/kitchen.server";
import { AnswerTable, DishList, EaterTable } from "~/modules/kitchen/MealSheet";
import { ownShiftSchema, paymentFormSchema, paymentsOf } from "~/modules/kitchen/pages.server";
import { ShiftTable } from "~/modules/kitchen/ShiftTable";
import { shiftTasks, type PaymentChoice, type PaymentMethod } from "~/modules/kitchen/tables";
import { signedInMember } from "~/modules/accounts/guard.server";
import type { TenantDb } from "~/db/accessors.server";
import type { MemberRow } from "~/db/tables";
import { desk, routeAccess } from "~/access";

// Volunteers take and leave shifts here; the action lets only coordinators change the rest.
export const access = routeAccess({ site: "neighbourhood", view: desk, module: "kitchen" });

export const meta = titleMeta((t) => t.kitchen.meal.title);

/** The meal as the kitchen sees it (allergy answers only for those who may), or a 404. */
async function mealFor(db: TenantDb, member: MemberRow, dateId: string) {
  const sheet = await kitchenList(db, dateId, { memberId: member.id, role: member.role });
  if (!sheet.ok) throw new Response(null, { status: 404 });
  return sheet;
}

/** One meal: its menu, who eats, allergies, shifts and costs; for the coordinator also the payments. */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const { db, member } = signedInMember(context);
  const dateId = idParam(params.dateId);
  const { meal, dishes, eaters, answers, totals } = await mealFor(db, member, dateId);
  const isCoordinator = member.role === "coordinator";
  const [shifts, costs, price, payments] = await Promise.all([
    shiftsOf(db, dateId),
    costsOf(db, dateId),
    costPrice(db, dateId),
    isCoordinator ? paymentsOf(db, dateId) : null,
  ]);
  return { dateId, meal, dishes, eaters, answers, totals, shifts, costs, price, payments, memberId: member.id, isCoordinator };
}

const shiftIdSchema = z.object({ shiftId: z.uuid({ error: "kitchen_shift_unknown" }) });
const costIdSchema = z.object({ costId: z.uuid({ error: "kitchen_cost_unknown" }) });

type Intent = "take" | "leave" | "menu" | "addShift" | "removeShift" | "addCost" | "removeCost" | "payment";
interface Answer {
  intent: Intent;
  ok: boolean;
  errors: Record<string, string>;
  values: Record<string, string>;
}

export async function action({ request, context, params }: ActionFunctionArgs): Promise<Answer> {
  const { db, member } = signedInMember(context);
  const dateId = idParam(params.dateId);
  const { eaters } = await mealFor(db, member, dateId);
  const formData = await request.formData();
  const intent = String(formData.get("intent")) as Intent;
  const invalid = (form: { errors: Record<string, string>; values: Record<string, string> }): Answer => ({ intent, ok: false, ...form });
  // What the module answered: done, or its message next to `field`, with what was sent.
  const answered = (result: { ok: true } | { ok: false; error: string }, field: string, values: Record<string, string>): Answer =>
    result.ok ? { intent, ok: true, errors: {}, values: {} } : { intent, ok: false, errors: { [field]: result.error }, values };

  if (intent === "take" || intent === "leave") {
    const form = parseForm(ownShiftSchema, formData);
    if (!form.ok) return invalid(form);
    const change = form.data.intent === "take" ? takeShift : leaveShift;
    return answered(await change(db, { shiftId: form.data.shiftId, memberId: member.id }), "shiftId", form.raw);
  }
  if (member.role !== "coordinator") throw new Response(null, { status: 403 });
  if (intent === "menu") {
    const form = parseMenuForm(formData);
    if (!form.ok) return invalid(form);
    return answered(await setMenu(db, dateId, form.data.dishes), "dishes", {});
  }
  if (intent === "addShift") {
    const form = parseForm(shiftSchema, formData);
    if (!form.ok) return invalid(form);
    return answered(await addShift(db, dateId, form.data), "task", form.raw);
  }
  if (intent === "removeShift") {
    const form = parseForm(shiftIdSchema, formData);
    if (!form.ok) return invalid(form);
    return answered(await removeShift(db, { dateId, shiftId: form.data.shiftId }), "shiftId", form.raw);
  }
  if (intent === "addCost") {
    const form = parseForm(costSchema, formData);
    if (!form.ok) return invalid(form);
    return answered(await addCost(db, dateId, form.data, member.id), "description", form.raw);
  }
  if (intent === "removeCost") {
    const form = parseForm(costIdSchema, formData);
    if (!form.ok) return invalid(form);
    return answered(await removeCost(db, { dateId, costId: form.data.costId }), "costId", form.raw);
  }
  if (intent === "payment") {
    const form = parseForm(paymentFormSchema, formData);
    if (!form.ok) return invalid(form);
    // Only someone who eats at this meal: the form names the sign-up, the address names the meal.
    if (!eaters.some((eater) => eater.signupId === form.data.signupId)) return answered({ ok: false, error: "kitchen_signup_unknown" }, "choice", form.raw);
    return answered(await recordPayment(db, form.data, member.id), "choice", form.raw);
  }
  throw new Response(null, { status: 400 });
}

/** Buttons in a row (of a shift, a cost, an eater): their one message also stands at the top, where the page opens without JavaScript. */
const rowButtons: Intent[] = ["take", "leave", "removeShift", "removeCost", "payment"];

/** How many dish rows the menu form offers at most, unless the menu already has more dishes. */
const MENU_ROWS = 8;
/** Empty rows under the dishes for new ones. */
const EMPTY_MENU_ROWS = 2;

export default function KitchenMeal() {
  const { dateId, meal, dishes, eaters, answers, totals, shifts, costs, price, payments, memberId, isCoordinator } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, lang, explain } = useLanguage();
  const m = t.kitchen.meal;
  const s = t.kitchen.shifts;
  /** The answer to a form of one of these intents that was refused. */
  const refused = (...intents: Intent[]) => (answer && !answer.ok && intents.includes(answer.intent) ? answer : undefined);
  const field = (intent: Intent, name: string, initial = "") => ({ name, defaultValue: refused(intent)?.values[name] ?? initial, error: refused(intent)?.errors[name] });
  const shiftRefused = refused("take", "leave", "removeShift");
  const paymentRefused = refused("payment");
  const done: Record<Intent, string> = {
    take: s.taken,
    leave: s.left,
    menu: m.menuSaved,
    addShift: s.added,
    removeShift: s.removed,
    addCost: m.costAdded,
    removeCost: m.costRemoved,
    payment: m.paymentRecorded,
  };
  const euro = (cents: number | null) => (cents === null ? m.noPrice : formatEuro(cents, lang));
  const paidBy = new Map((payments ?? []).map((payment) => [payment.signupId, payment]));
  return (
    <div className="desk-page">
      <p>
        <Link to="/balie/keuken">← {m.back}</Link>
      </p>
      <h1>
        {meal.title}: {t.activities.when(formatDay(meal.day, lang), meal.start, meal.end)}
      </h1>
      {meal.cancelled ? <p className="notice">{m.cancelled}</p> : null}
      {answer?.ok ? (
        <p role="status" className="notice">
          {done[answer.intent]}
        </p>
      ) : null}
      {answer && !answer.ok ? (
        <p role="alert" className="error">
          {rowButtons.includes(answer.intent) ? explain(Object.values(answer.errors)[0]) : m.fix}
        </p>
      ) : null}
      <p>
        <Link to={`/balie/keuken/${dateId}/print`}>{m.printLink}</Link>
      </p>

      <section aria-labelledby="menu">
        <h2 id="menu">{m.menu}</h2>
        {isCoordinator ? <MenuForm key={JSON.stringify(dishes)} dishes={dishes} refused={refused("menu")} /> : <DishList dishes={dishes} />}
      </section>

      <section aria-labelledby="wie-eet">
        <h2 id="wie-eet">{m.eaters}</h2>
        <EaterTable eaters={eaters} totals={totals} />
      </section>

      <section aria-labelledby="allergieen">
        <h2 id="allergieen">{m.answers}</h2>
        <AnswerTable answers={answers} />
      </section>

      <section aria-labelledby="diensten">
        <h2 id="diensten">{m.shifts}</h2>
        {shifts.length === 0 ? (
          <p>{m.shiftsNone}</p>
        ) : (
          <ShiftTable
            shifts={shifts}
            memberId={memberId}
            canTake={!meal.cancelled}
            canRemove={isCoordinator}
            refused={shiftRefused ? { shiftId: shiftRefused.values.shiftId ?? "", error: shiftRefused.errors.shiftId ?? "" } : undefined}
          />
        )}
        {isCoordinator ? (
          // A new key after each added shift empties the form (with JavaScript the page stays as it was).
          <PostForm key={shifts.length} noValidate aria-labelledby="dienst-toevoegen">
            <h3 id="dienst-toevoegen">{s.addTitle}</h3>
            <input type="hidden" name="intent" value="addShift" />
            <SelectField {...field("addShift", "task")} label={s.task} options={shiftTasks.map((task) => ({ value: task, label: t.kitchen.tasks[task] }))} />
            <Field {...field("addShift", "start", meal.start)} label={s.start} type="time" />
            <Field {...field("addShift", "end", meal.end)} label={s.end} type="time" />
            <Field {...field("addShift", "minPeople", "1")} label={s.minPeople} inputMode="numeric" />
            <button type="submit" className="secondary">
              {s.add}
            </button>
          </PostForm>
        ) : null}
      </section>

      <section aria-labelledby="kosten">
        <h2 id="kosten">{m.costs}</h2>
        {costs.length === 0 ? (
          <p>{m.costsNone}</p>
        ) : (
          <table className="cards">
            <thead>
              <tr>
                <th scope="col">{m.description}</th>
                <th scope="col">{m.amount}</th>
                {isCoordinator ? <th scope="col">{s.change}</th> : null}
              </tr>
            </thead>
            <tbody>
              {costs.map((cost) => (
                <tr key={cost.id}>
                  <td data-label={m.description}>{cost.description}</td>
                  <td data-label={m.amount}>{formatEuro(cost.amount_cents, lang)}</td>
                  {isCoordinator ? (
                    <td>
                      <PostForm className="inline">
                        <input type="hidden" name="intent" value="removeCost" />
                        <input type="hidden" name="costId" value={cost.id} />
                        <button type="submit" className="danger" aria-label={m.removeCostFor(cost.description)}>
                          {m.removeCost}
                        </button>
                      </PostForm>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <dl>
          <div>
            <dt>{m.total}</dt>
            <dd>{euro(price.totalCents)}</dd>
          </div>
          <div>
            <dt>{m.portionsServed}</dt>
            <dd>
              {price.portions}
              <br />
              <span className="muted">{m.portionsServedHint}</span>
            </dd>
          </div>
          <div>
            <dt>{m.perPortion}</dt>
            <dd>{euro(price.perPortionCents)}</dd>
          </div>
          <div>
            <dt>{m.rounded}</dt>
            <dd>{euro(price.roundedCents)}</dd>
          </div>
        </dl>
        {isCoordinator ? (
          <PostForm key={costs.length} noValidate aria-labelledby="kosten-toevoegen">
            <h3 id="kosten-toevoegen">{m.addCost}</h3>
            <input type="hidden" name="intent" value="addCost" />
            <Field {...field("addCost", "description")} label={m.description} maxLength={200} />
            <Field {...field("addCost", "amount")} label={m.amountLabel} hint={m.amountHint} inputMode="decimal" />
            <button type="submit" className="secondary">
              {m.addCost}
            </button>
          </PostForm>
        ) : null}
      </section>

      {payments ? (
        <section aria-labelledby="betalen">
          <h2 id="betalen">{m.payments}</h2>
          {eaters.length === 0 ? (
            <p>{m.eatersNone}</p>
          ) : (
            <>
              <p>{m.paymentsIntro}</p>
              <table className="cards">
                <thead>
                  <tr>
                    <th scope="col">{m.name}</th>
                    <th scope="col">{m.portions}</th>
                    <th scope="col">{m.paid}</th>
                    <th scope="col">{s.change}</th>
                  </tr>
                </thead>
                <tbody>
                  {eaters.map((eater) => {
                    const paid = paidBy.get(eater.signupId);
                    const error = paymentRefused?.values.signupId === eater.signupId ? Object.values(paymentRefused.errors)[0] : undefined;
                    return (
                      <tr key={eater.signupId}>
                        <td data-label={m.name}>{eater.name}</td>
                        <td data-label={m.portions}>{eater.portions}</td>
                        <td data-label={m.paid}>{paid ? m.paidAmount(formatEuro(paid.amountCents, lang), t.kitchen.paymentMethods[paid.method]) : m.notRecorded}</td>
                        <td>
                          <PaymentButtons signupId={eater.signupId} name={eater.name} />
                          {error ? <p className="error">{explain(error)}</p> : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}

type Dish = ReturnType<typeof useLoaderData<typeof loader>>["dishes"][number];

/**
 * The menu as rows of a dish name with its allergens and diets, as parseMenuForm reads them: the
 * stored dishes and a few empty rows, or what was sent when it was refused. A new key after each
 * save shows what was saved (with JavaScript the page is not loaded again).
 */
function MenuForm({ dishes, refused }: { dishes: Dish[]; refused: Answer | undefined }) {
  const { t, explain } = useLanguage();
  const m = t.kitchen.meal;
  const stored: Record<string, string> = Object.fromEntries(
    dishes.flatMap((dish, row) => [
      [`name_${row}`, dish.name],
      [`allergens_${row}`, dish.allergens.join(",")],
      [`diets_${row}`, dish.diets.join(",")],
    ]),
  );
  const values = refused?.values ?? stored;
  const errors = refused?.errors ?? {};
  const sentRows = Math.max(0, ...Object.keys(values).map((key) => Number(/^name_(\d+)$/.exec(key)?.[1] ?? -1) + 1));
  const rows = Math.max(sentRows, Math.min(dishes.length + EMPTY_MENU_ROWS, MENU_ROWS));
  return (
    <PostForm noValidate>
      <input type="hidden" name="intent" value="menu" />
      <p className="hint">{m.menuHint}</p>
      {errors.dishes ? <p className="error">{explain(errors.dishes)}</p> : null}
      {Array.from({ length: rows }, (_, row) => (
        <fieldset key={row} className="dish-row">
          <legend>{m.dish(row + 1)}</legend>
          <Field name={`name_${row}`} label={m.dishName} defaultValue={values[`name_${row}`] ?? ""} error={errors[`name_${row}`]} maxLength={120} />
          <CodeCheckboxes name={`allergens_${row}`} codes="allergens" legend={m.dishAllergens} ticked={values[`allergens_${row}`]} error={errors[`allergens_${row}`]} idPrefix="menu" />
          <CodeCheckboxes name={`diets_${row}`} codes="diets" legend={m.dishDiets} ticked={values[`diets_${row}`]} error={errors[`diets_${row}`]} idPrefix="menu" />
        </fieldset>
      ))}
      <button type="submit">{m.saveMenu}</button>
    </PostForm>
  );
}

/**
 * What someone paid, in one click: the cost price of their portions or that rounded up, in cash,
 * or nothing. Paying something is paying cash and paying nothing is "waived" (see paymentSchema),
 * so each button's form sends its own method.
 */
function PaymentButtons({ signupId, name }: { signupId: string; name: string }) {
  const { t } = useLanguage();
  const m = t.kitchen.meal;
  const button = (choice: PaymentChoice, label: string) => (
    <button type="submit" name="choice" value={choice} className="secondary" aria-label={m.payFor(label, name)}>
      {label}
    </button>
  );
  const form = (method: PaymentMethod, children: ReactNode) => (
    <PostForm className="inline">
      <input type="hidden" name="intent" value="payment" />
      <input type="hidden" name="signupId" value={signupId} />
      <input type="hidden" name="method" value={method} />
      {children}
    </PostForm>
  );
  return (
    <div className="actions">
      {form(
        "cash",
        <>
          {button("cost", m.payCost)}
          {button("rounded", m.payRounded)}
        </>,
      )}
      {form("waived", button("waived", m.payWaived))}
    </div>
  );
}
