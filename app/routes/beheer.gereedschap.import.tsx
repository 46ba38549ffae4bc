import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { Field, TextAreaField } from "~/components/Field";
import { titleMeta } from "~/i18n/meta";
import { useLanguage } from "~/i18n/use-messages";
import { decodeCsvBytes, importToolsCsv, type CsvFileError, type CsvRowError } from "~/modules/tool-library/csv-import.server";
import { readMultipartForm, uploadedFile } from "~/uploads.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: coordinators, module: "tool_library", body: "formOrMultipart" });

export const meta = titleMeta((t) => t.toolLibrary.csv.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  return null;
}

/** The list as sent: the chosen file if there is one, else the pasted text. */
async function submittedList(request: Request): Promise<string | "too_big"> {
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    return String((await request.formData()).get("text") ?? "");
  }
  const form = await readMultipartForm(request, 1);
  const file = await uploadedFile(form, "file");
  if (file === "too_big") return file;
  return file ? decodeCsvBytes(file) : String(form.get("text") ?? "");
}

type Answer = { error: CsvFileError; text: string } | { rows: CsvRowError[]; text: string };

/** Coordinators read in an existing list of tools (CSV), all or nothing. */
export async function action({ request, context }: ActionFunctionArgs): Promise<Answer> {
  const { db } = signedInMember(context);
  const text = await submittedList(request);
  if (text === "too_big") return { error: "csv_too_big", text: "" };
  const result = await importToolsCsv(db, text);
  // After a post comes a redirect, so reloading the page cannot import the list twice.
  if (result.ok) throw redirect(`/beheer/gereedschap/import?ingelezen=${result.count}`, 303);
  return "rows" in result ? { rows: result.rows, text } : { error: result.error, text: result.error === "csv_too_big" ? "" : text };
}

export default function ImportTools() {
  const answer = useActionData<typeof action>();
  const imported = useSearchParams()[0].get("ingelezen");
  const { t, explain } = useLanguage();
  const c = t.toolLibrary.csv;
  return (
    <>
      <h1>{c.title}</h1>
      <p className="lead">{c.intro}</p>
      {imported !== null && !answer ? (
        <p role="status" className="notice">
          {c.imported(Number(imported))} <Link to="/beheer/gereedschap">{t.toolLibrary.manage.title}</Link>
        </p>
      ) : null}
      {answer && "error" in answer ? (
        <p role="alert" className="error">
          {explain(answer.error)}
        </p>
      ) : null}
      {answer && "rows" in answer ? (
        <div role="alert" className="error">
          <p>{c.rowErrors}</p>
          <ul>
            {answer.rows.map((row, index) => (
              <li key={index}>{c.row(row.line, row.column, explain(row.message))}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <PostForm encType="multipart/form-data" reloadDocument>
        <Field name="file" type="file" label={c.file} accept=".csv,.txt,text/csv,text/plain" />
        <TextAreaField name="text" label={c.text} rows={12} defaultValue={answer && "text" in answer ? answer.text : ""} spellCheck={false} />
        <button type="submit">{c.submit}</button>
      </PostForm>
      <p>
        <Link to="/beheer/gereedschap">{t.toolLibrary.manage.title}</Link>
      </p>
    </>
  );
}
