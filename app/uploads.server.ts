import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { MAX_IMAGE_BYTES } from "~/modules/storage/storage.server";

/**
 * A multipart form with its files in memory; "too_big" when a file is larger than MAX_IMAGE_BYTES
 * (Remix stops reading at that size). A malformed body is a bad request, not a server error: it
 * reads as an empty form.
 */
export async function readMultipartForm(request: Request): Promise<FormData | "too_big"> {
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMAGE_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return "too_big";
    if (error instanceof Error && /multipart|boundary/i.test(error.message)) return new FormData();
    throw error;
  }
}

/** The bytes of one uploaded file of a form; null when none was chosen. */
export async function uploadedFile(form: FormData, field: string): Promise<Uint8Array | null> {
  const file = form.get(field);
  return file instanceof Blob && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
}

/** The one file of an upload form: its bytes, "too_big", or null when there is none. */
export async function readUpload(request: Request, field: string): Promise<Uint8Array | "too_big" | null> {
  const form = await readMultipartForm(request);
  return form === "too_big" ? form : uploadedFile(form, field);
}
