import {
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { MAX_IMAGE_BYTES } from "~/modules/storage/storage.server";

/** At most this many photos per repair. */
export const MAX_REPAIR_PHOTOS = 3;
/** What a photo larger than 2 MB becomes in the form: its bytes are not kept. */
export const TOO_BIG = "__too_big__";
/** A photo beyond MAX_REPAIR_PHOTOS: read and forgotten, only counted. */
export const TOO_MANY = "__too_many__";
const MAX_TEXT_BYTES = 64 * 1024;

/**
 * Unlike readMultipartForm, a photo that is too large does not lose the whole form: it becomes
 * TOO_BIG and the typed texts stay, so the page can say what is wrong and keep them. Files beyond
 * MAX_REPAIR_PHOTOS are only counted (TOO_MANY), empty file inputs skipped; a text field is cut at 64 kB.
 */
const makeHandler = (): UploadHandler => {
  let files = 0;
  return async ({ filename, data }) => {
    if (filename === undefined) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        if (size < MAX_TEXT_BYTES) chunks.push(chunk);
        size += chunk.byteLength;
      }
      return Buffer.concat(chunks).subarray(0, MAX_TEXT_BYTES).toString("utf8");
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const keep = files < MAX_REPAIR_PHOTOS;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (keep && size <= MAX_IMAGE_BYTES) chunks.push(chunk);
    }
    if (size === 0) return undefined;
    files += 1;
    if (!keep) return TOO_MANY;
    if (size > MAX_IMAGE_BYTES) return TOO_BIG;
    return new File([Buffer.concat(chunks)], filename || "foto");
  };
};

export type Photo = Uint8Array | typeof TOO_BIG | typeof TOO_MANY;

/** A repair form with photos: its fields, and the photos as bytes or TOO_BIG. */
export async function readRepairForm(
  request: Request,
  photoField = "photos"
): Promise<{ form: FormData; photos: Photo[] }> {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, makeHandler());
  } catch (error) {
    if (error instanceof Error && /multipart|boundary/i.test(error.message))
      return { form: new FormData(), photos: [] };
    throw error;
  }
  const photos: Photo[] = [];
  for (const entry of form.getAll(photoField)) {
    if (entry === TOO_BIG || entry === TOO_MANY) photos.push(entry);
    else if (entry instanceof Blob && entry.size > 0)
      photos.push(new Uint8Array(await entry.arrayBuffer()));
  }
  form.delete(photoField);
  return { form, photos };
}
