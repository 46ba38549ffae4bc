import { Form } from "@remix-run/react";
import { Field } from "~/components/Field";
import { useLanguage } from "~/i18n/use-messages";

/** The desk finds a tool's desk page by its sticker number or name (a plain search form). */
export function DeskToolSearch({ query = "" }: { query?: string }) {
  const { t } = useLanguage();
  const d = t.toolLibrary.desk;
  return (
    <Form method="get" action="/balie/gereedschap" role="search">
      <Field name="zoek" type="search" label={d.findTool} hint={d.findToolHint} defaultValue={query} maxLength={100} autoComplete="off" />
      <button type="submit">{d.findSubmit}</button>
    </Form>
  );
}
