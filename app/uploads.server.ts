import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { formDidNotArrive } from "~/forms";
import { MAX_IMAGE_BYTES } from "~/modules/storage/storage.server";

/** What a file field holds: its bytes, or why it was not kept. */
export type UploadedFile = Uint8Array | "too_big" | "too_many";

const MAX_TEXT_BYTES = 64 * 1024;

/**
 * Reads every part to its end, so nothing is left unread on the connection. A file over
 * MAX_IMAGE_BYTES, or beyond `maxFiles`, is not kept: it becomes the text "too_big" or "too_many"
 * in its field, and the rest of the form (what the person typed) stays. Empty file inputs are
 * skipped; a text field is cut at 64 kB.
 */
function uploadHandler(maxFiles: number): UploadHandler {
  let files = 0;
  return async ({ filename, data }) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (filename === undefined) {
      for await (const chunk of data) {
        if (size < MAX_TEXT_BYTES) chunks.push(chunk);
        size += chunk.byteLength;
      }
      return Buffer.concat(chunks).subarray(0, MAX_TEXT_BYTES).toString("utf8");
    }
    const keep = files < maxFiles;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (keep && size <= MAX_IMAGE_BYTES) chunks.push(chunk);
    }
    if (size === 0) return undefined;
    files += 1;
    if (!keep) return "too_many";
    if (size > MAX_IMAGE_BYTES) return "too_big";
    return new File([Buffer.concat(chunks)], filename || "upload");
  };
}

/** A multipart form. A malformed body is a bad request (400 with a plain sentence), not a server error. */
export async function readMultipartForm(request: Request, maxFiles = 10): Promise<FormData> {
  try {
    return await unstable_parseMultipartFormData(request, uploadHandler(maxFiles));
  } catch (error) {
    if (error instanceof Error && /multipart|boundary/i.test(error.message)) {
      throw formDidNotArrive(400);
    }
    throw error;
  }
}

/**
 * The files of one field, and the field taken out of the form (so "too_big" is never mistaken for
 * something typed).
 */
export async function uploadedFiles(form: FormData, field: string): Promise<UploadedFile[]> {
  const files: UploadedFile[] = [];
  for (const entry of form.getAll(field)) {
    if (entry === "too_big" || entry === "too_many") files.push(entry);
    else if (entry instanceof Blob && entry.size > 0) files.push(new Uint8Array(await entry.arrayBuffer()));
  }
  form.delete(field);
  return files;
}

/** The one file of a field: its bytes, "too_big", or null when none was chosen. */
export async function uploadedFile(form: FormData, field: string): Promise<Uint8Array | "too_big" | null> {
  const [file] = await uploadedFiles(form, field);
  return file === undefined ? null : file === "too_many" ? "too_big" : file;
}

/** The one file of an upload form: its bytes, "too_big", or null when there is none. */
export async function readUpload(request: Request, field: string): Promise<Uint8Array | "too_big" | null> {
  return uploadedFile(await readMultipartForm(request, 1), field);
}
