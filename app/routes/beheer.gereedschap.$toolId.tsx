import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field, SelectField, TextAreaField } from "~/components/Field";
import { toolStatuses } from "~/db/tables";
import { idParam, parseForm } from "~/forms";
import { useLanguage } from "~/i18n/use-messages";
import { addToolPhoto, removeToolPhoto, toolPhotoIds } from "~/modules/tool-library/photos.server";
import { ToolForm } from "~/modules/tool-library/ToolForm";
import {
  addMaintenanceNote,
  catalogCategories,
  changeToolStatus,
  getTool,
  maintenanceLog,
  maintenanceNoteSchema,
  statusChangeSchema,
  toolFormSchema,
  toolFormValues,
  updateTool,
} from "~/modules/tool-library/tools.server";
import { readUpload } from "~/uploads.server";
import { signedInMember } from "~/modules/accounts/guard.server";
import { coordinators, routeAccess } from "~/access";
import { PostForm } from "~/components/PostForm";

export const access = routeAccess({ site: "neighbourhood", view: coordinators, module: "tool_library", body: "formOrMultipart" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.tool.name ?? ""} · Wijkplaats` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db } = signedInMember(context);
  const toolId = idParam(params.toolId);
  const tool = await getTool(db, toolId);
  if (!tool) throw new Response(null, { status: 404 });
  const [photos, log, categories] = await Promise.all([
    toolPhotoIds(db, toolId),
    maintenanceLog(db, toolId),
    catalogCategories(db),
  ]);
  return { tool: { id: tool.id, name: tool.name, number: tool.number, status: tool.status }, values: toolFormValues(tool), photos, log, categories };
}

type Answer = { intent: string; errors: Record<string, string>; values: Record<string, string>; done?: boolean };
const photoSchema = z.object({ photoId: z.uuid() });

/** Edit the tool, add or remove photos, send it for repair or retire it, and keep its log. */
export async function action({ request, context, params }: ActionFunctionArgs): Promise<Answer> {
  const { db, tenant, member } = signedInMember(context);
  const toolId = idParam(params.toolId);
  if (!(await getTool(db, toolId))) throw new Response(null, { status: 404 });
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const photo = await readUpload(request, "photo");
    const added = photo === "too_big" ? { ok: false as const, error: "image_too_big" } : await addToolPhoto(db, context.storage, tenant.id, toolId, photo ?? new Uint8Array());
    // Redirect after an upload, so reloading the page does not upload the photo again.
    if (added.ok) throw redirect(`/beheer/gereedschap/${toolId}?foto=1#fotos`, 303);
    return { intent: "photo", errors: { photo: added.error }, values: {} };
  }
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  if (intent === "removePhoto") {
    const form = parseForm(photoSchema, formData);
    if (form.ok) await removeToolPhoto(db, context.storage, toolId, form.data.photoId);
    return { intent, errors: {}, values: {}, done: form.ok };
  }
  if (intent === "status") {
    const form = parseForm(statusChangeSchema, formData);
    if (!form.ok) return { intent, errors: form.errors, values: form.values };
    await changeToolStatus(db, toolId, form.data.status, form.data.explanation, member.id);
    return { intent, errors: {}, values: {}, done: true };
  }
  if (intent === "note") {
    const form = parseForm(maintenanceNoteSchema, formData);
    if (!form.ok) return { intent, errors: form.errors, values: form.values };
    await addMaintenanceNote(db, toolId, form.data.note, member.id);
    return { intent, errors: {}, values: {}, done: true };
  }
  const form = parseForm(toolFormSchema, formData);
  if (!form.ok) return { intent: "tool", errors: form.errors, values: form.values };
  await updateTool(db, toolId, form.data);
  return { intent: "tool", errors: {}, values: form.raw, done: true };
}

export default function EditTool() {
  const { tool, values, photos, log, categories } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, lang } = useLanguage();
  const m = t.toolLibrary.manage;
  const mine = (intent: string) => (answer?.intent === intent ? answer : undefined);
  const done = (intent: string, text: string) =>
    mine(intent)?.done ? (
      <p role="status" className="notice">
        {text}
      </p>
    ) : null;
  const photoError = mine("photo")?.errors.photo;
  return (
    <>
      <p>
        <Link to="/beheer/gereedschap">← {m.title}</Link> · <Link to={`/gereedschap/${tool.id}`}>{m.view}</Link> ·{" "}
        <Link to={`/balie/gereedschap/${tool.id}`}>{t.toolLibrary.labels.deskPage}</Link> · <Link to={`/beheer/gereedschap/labels?gereedschap=${tool.id}`}>{t.toolLibrary.labels.linkOne}</Link>
      </p>
      <h1>
        {m.editTitle(tool.name)} ({t.toolLibrary.catalog.number(tool.number)})
      </h1>
      {search.get("nieuw") && !answer ? (
        <p role="status" className="notice">
          {m.created}
        </p>
      ) : null}
      {done("tool", m.saved)}
      <ToolForm values={mine("tool")?.values ?? values} errors={mine("tool")?.errors} categories={categories} />

      <h2 id="fotos">{m.photos}</h2>
      {search.get("foto") && !answer ? (
        <p role="status" className="notice">
          {m.photoAdded}
        </p>
      ) : null}
      <ul className="tool-photos">
        {photos.map((photo, index) => (
          <li key={photo}>
            <img src={`/gereedschap/${tool.id}/foto/${photo}`} alt={`${t.toolLibrary.catalog.photoOf(tool.name)} (${index + 1})`} width={160} />
            <PostForm>
              <input type="hidden" name="intent" value="removePhoto" />
              <input type="hidden" name="photoId" value={photo} />
              <button type="submit" className="danger">
                {m.removePhoto} {index + 1}
              </button>
            </PostForm>
          </li>
        ))}
      </ul>
      <PostForm encType="multipart/form-data" aria-labelledby="fotos" reloadDocument>
        <Field name="photo" type="file" label={m.photoFile} hint={m.photoHint} error={photoError} accept="image/png,image/jpeg,image/webp" />
        <button type="submit" className="secondary">{m.photoSubmit}</button>
      </PostForm>

      <h2 id="stand">{m.statusTitle}</h2>
      <p>
        {m.status}: {t.toolLibrary.statuses[tool.status]}
      </p>
      {done("status", m.statusChanged)}
      <PostForm noValidate aria-labelledby="stand">
        <input type="hidden" name="intent" value="status" />
        <SelectField
          name="status"
          label={m.newStatus}
          defaultValue={mine("status")?.values.status ?? tool.status}
          error={mine("status")?.errors.status}
          options={toolStatuses.map((value) => ({ value, label: t.toolLibrary.statuses[value] }))}
        />
        <TextAreaField name="explanation" label={m.statusNote} defaultValue={mine("status")?.values.explanation} error={mine("status")?.errors.explanation} rows={2} />
        <button type="submit" className="secondary">{m.statusSubmit}</button>
      </PostForm>

      <h2 id="onderhoud">{m.log}</h2>
      {done("note", m.noteAdded)}
      <PostForm noValidate aria-labelledby="onderhoud">
        <input type="hidden" name="intent" value="note" />
        <TextAreaField name="note" label={m.note} defaultValue={mine("note")?.values.note} error={mine("note")?.errors.note} rows={2} />
        <button type="submit" className="secondary">{m.noteSubmit}</button>
      </PostForm>
      {log.length === 0 ? (
        <p>{m.logNone}</p>
      ) : (
        <table className="cards">
          <thead>
            <tr>
              <th scope="col">{m.at}</th>
              <th scope="col">{m.status}</th>
              <th scope="col">{m.note}</th>
              <th scope="col">{m.by}</th>
            </tr>
          </thead>
          <tbody>
            {log.map((entry) => (
              <tr key={entry.id}>
                <td data-label={m.at}>{new Date(entry.at).toLocaleDateString(lang === "nl" ? "nl-NL" : "en-GB", { timeZone: "Europe/Amsterdam" })}</td>
                <td data-label={m.status}>{t.toolLibrary.maintenanceKinds[entry.kind]}</td>
                <td data-label={m.note} className="pre-line">{entry.note}</td>
                <td data-label={m.by}>{entry.by ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
