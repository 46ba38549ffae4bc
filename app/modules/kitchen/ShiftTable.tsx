import { PostForm } from "~/components/PostForm";
import { useLanguage } from "~/i18n/use-messages";
import type { shiftsOf } from "./kitchen.server";

type Shift = Awaited<ReturnType<typeof shiftsOf>>[number];

/**
 * The shifts of one meal: who is on each and how many are still needed, with buttons to take or
 * leave a shift yourself (`memberId`) and, for the coordinator (`canRemove`), to remove one. A
 * refused button's message (`refused`) stands in the row of its shift.
 */
export function ShiftTable(props: {
  shifts: Shift[];
  memberId: string;
  canTake: boolean;
  canRemove: boolean;
  refused?: { shiftId: string; error: string };
  /** The meal's day, for the buttons' names where one page lists the shifts of several meals. */
  day?: string;
}) {
  const { t, explain } = useLanguage();
  const s = t.kitchen.shifts;
  return (
    <table className="cards">
      <thead>
        <tr>
          <th scope="col">{s.task}</th>
          <th scope="col">{s.time}</th>
          <th scope="col">{s.who}</th>
          <th scope="col">{s.needed}</th>
          {props.canTake || props.canRemove ? <th scope="col">{s.change}</th> : null}
        </tr>
      </thead>
      <tbody>
        {props.shifts.map((shift) => {
          const task = t.kitchen.tasks[shift.task];
          const time = `${shift.start}–${shift.end}`;
          const mine = shift.people.some((person) => person.memberId === props.memberId);
          const named = props.day ? `${props.day} ${time}` : time;
          return (
            <tr key={shift.id}>
              <td data-label={s.task}>{task}</td>
              <td data-label={s.time}>{time}</td>
              <td data-label={s.who}>{shift.people.length === 0 ? s.nobody : shift.people.map((person) => person.name).join(", ")}</td>
              <td data-label={s.needed}>{s.gap(shift.gap)}</td>
              {props.canTake || props.canRemove ? (
                <td>
                  <PostForm className="inline">
                    <input type="hidden" name="shiftId" value={shift.id} />
                    {props.canTake ? (
                      <button type="submit" name="intent" value={mine ? "leave" : "take"} className={mine ? "secondary" : undefined} aria-label={mine ? s.leaveFor(task, named) : s.takeFor(task, named)}>
                        {mine ? s.leave : s.take}
                      </button>
                    ) : null}
                    {props.canRemove ? (
                      <button type="submit" name="intent" value="removeShift" className="danger" aria-label={s.removeFor(task, named)}>
                        {s.remove}
                      </button>
                    ) : null}
                  </PostForm>
                  {props.refused?.shiftId === shift.id ? <p className="error">{explain(props.refused.error)}</p> : null}
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
