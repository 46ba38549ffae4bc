import { useLanguage } from "~/i18n/use-messages";
import type { kitchenList } from "./kitchen.server";

// Client-safe: the parts of a meal both its kitchen page and its print view show.

type Sheet = Extract<Awaited<ReturnType<typeof kitchenList>>, { ok: true }>;

/** The dishes with their allergens and the diets they suit. */
export function DishList({ dishes }: { dishes: Sheet["dishes"] }) {
  const { t } = useLanguage();
  const m = t.kitchen.meal;
  if (dishes.length === 0) return <p>{m.menuNone}</p>;
  return (
    <ul className="dishes">
      {dishes.map((dish, index) => (
        <li key={index}>
          <strong>{dish.name}</strong>
          <br />
          {m.dishAllergens}: {dish.allergens.length > 0 ? dish.allergens.map((code) => t.kitchen.allergens[code]).join(", ") : m.noAllergens}
          {dish.diets.length > 0 ? (
            <>
              <br />
              {m.dishDiets}: {dish.diets.map((code) => t.kitchen.diets[code]).join(", ")}
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Who eats, how many portions, here or taken away, and the totals of both. */
export function EaterTable({ eaters, totals }: { eaters: Sheet["eaters"]; totals: Sheet["totals"] }) {
  const { t } = useLanguage();
  const m = t.kitchen.meal;
  if (eaters.length === 0) return <p>{m.eatersNone}</p>;
  return (
    <>
      <p className="lead">{m.totals(totals.eatIn, totals.takeaway)}</p>
      <table className="cards">
        <thead>
          <tr>
            <th scope="col">{m.name}</th>
            <th scope="col">{m.portions}</th>
            <th scope="col">{m.order}</th>
          </tr>
        </thead>
        <tbody>
          {eaters.map((eater) => (
            <tr key={eater.signupId}>
              <td data-label={m.name}>{eater.name}</td>
              <td data-label={m.portions}>{eater.portions}</td>
              <td data-label={m.order}>{eater.takeaway ? t.kitchen.order.takeaway : t.kitchen.order.eatIn}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * The allergies and diets per person, for those kitchenList lets see them (`answers` is null for
 * anyone else: they read who may, and nothing of the answers).
 */
export function AnswerTable({ answers }: { answers: Sheet["answers"] }) {
  const { t, explain } = useLanguage();
  const m = t.kitchen.meal;
  if (answers === null) return <p>{explain("kitchen_answers_not_yours")}</p>;
  if (answers.length === 0) return <p>{m.answersNone}</p>;
  return (
    <table className="cards">
      <thead>
        <tr>
          <th scope="col">{m.name}</th>
          <th scope="col">{m.person}</th>
          <th scope="col">{m.allergens}</th>
          <th scope="col">{m.diets}</th>
          <th scope="col">{m.note}</th>
        </tr>
      </thead>
      <tbody>
        {answers.map((answer) => (
          <tr key={`${answer.signupId}-${answer.person}`}>
            <td data-label={m.name}>{answer.name}</td>
            <td data-label={m.person}>{t.kitchen.person(answer.person)}</td>
            <td data-label={m.allergens}>{answer.allergens.map((code) => t.kitchen.allergens[code]).join(", ")}</td>
            <td data-label={m.diets}>{answer.diets.map((code) => t.kitchen.diets[code]).join(", ")}</td>
            <td data-label={m.note}>{answer.note}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
