import { SearchPicker, type PickerState } from "~/components/SearchPicker";
import { useLanguage } from "~/i18n/use-messages";
import type { ToolChoice } from "./tools.server";

/**
 * Choose a lendable tool by its sticker number or part of its name. The choice is sent as
 * `toolNumber`; the search box as `gereedschap` (a sticker number typed there is the choice).
 */
export function ToolPicker(props: { initial: PickerState<ToolChoice>; error?: string; onChoose?: (tool: ToolChoice | null) => void }) {
  const { t } = useLanguage();
  const d = t.toolLibrary.desk;
  return (
    <SearchPicker
      {...props}
      legend={d.toolNumber}
      queryName="gereedschap"
      queryLabel={d.toolSearch}
      queryHint={d.toolSearchHint}
      submitLabel={d.findSubmit}
      valueName="toolNumber"
      searchPath="/balie/zoeken/gereedschap"
      found={d.toolsFound}
      describe={(tool) => ({
        value: String(tool.number),
        label: [t.toolLibrary.catalog.number(tool.number), tool.name, tool.status === "available" ? null : t.toolLibrary.statuses[tool.status], tool.out ? d.toolOut : null]
          .filter(Boolean)
          .join(" · "),
      })}
    />
  );
}
