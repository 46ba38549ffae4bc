import { SearchPicker, type PickerState } from "~/components/SearchPicker";
import { useLanguage } from "~/i18n/use-messages";
import type { PersonChoice } from "./members.server";

/**
 * Choose a person of this neighbourhood by part of their name or phone number (for the desk and
 * coordinators). The choice is sent as `memberId`; the search box as `persoon`.
 */
export function PersonPicker(props: { legend: string; initial: PickerState<PersonChoice>; error?: string; noneLabel?: string; onChoose?: (person: PersonChoice | null) => void }) {
  const { t } = useLanguage();
  const p = t.people.picker;
  return (
    <SearchPicker
      {...props}
      queryName="persoon"
      queryLabel={p.search}
      queryHint={p.searchHint}
      submitLabel={p.submit}
      valueName="memberId"
      searchPath="/balie/zoeken/personen"
      found={p.found}
      describe={(person) => ({ value: person.id, label: [person.name, person.phone, person.no_login ? p.noLogin : null].filter(Boolean).join(" · ") })}
    />
  );
}
