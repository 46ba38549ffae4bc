import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { MAX_IMAGE_BYTES } from "~/modules/storage/storage.server";

/**
 * The bytes of one uploaded file from a multipart form; "too_big" when it is larger than
 * MAX_IMAGE_BYTES (Remix stops reading at that size); null when there is none.
 */
export async function readUpload(request: Request, field: string): Promise<Uint8Array | "too_big" | null> {
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMAGE_BYTES }));
    const file = form.get(field);
    return file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : null;
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return "too_big";
    // A malformed multipart body is a bad request, not a server error: treat it as no file.
    if (error instanceof Error && /multipart|boundary/i.test(error.message)) return null;
    throw error;
  }
}
