import type { TenantDb } from "~/db/accessors.server";
import { checkImage, newTenantFileKey, type FileStorage } from "~/modules/storage/storage.server";

export const MAX_PHOTOS_PER_TOOL = 6;

/** Adds a photo to a tool of this neighbourhood. */
export async function addToolPhoto(
  db: TenantDb,
  storage: FileStorage,
  tenantId: string,
  toolId: string,
  bytes: Uint8Array,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const image = await checkImage(bytes);
  if (!image.ok) return image;
  const { count } = await db
    .selectFrom("tool_photos")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("tool_id", "=", toolId)
    .executeTakeFirstOrThrow();
  if (Number(count) >= MAX_PHOTOS_PER_TOOL) return { ok: false, error: "too_many_photos" };
  const key = newTenantFileKey(tenantId, "tool-photo", image.extension);
  await storage.put(key, bytes, image.contentType);
  await db.insertInto("tool_photos").values({ tool_id: toolId, storage_key: key }).execute();
  return { ok: true };
}

/** A photo of a tool; the key comes from this neighbourhood's own row, never from the request. */
export async function readToolPhoto(db: TenantDb, storage: FileStorage, toolId: string, photoId: string) {
  const row = await db.selectFrom("tool_photos").select("storage_key").where("id", "=", photoId).where("tool_id", "=", toolId).executeTakeFirst();
  return row ? storage.get(row.storage_key) : null;
}

export async function removeToolPhoto(db: TenantDb, storage: FileStorage, toolId: string, photoId: string): Promise<void> {
  const row = await db.deleteFrom("tool_photos").where("id", "=", photoId).where("tool_id", "=", toolId).returning("storage_key").executeTakeFirst();
  if (row) await storage.remove(row.storage_key);
}

/** A tool's photo ids, oldest first (the first is the one the catalog shows). */
export async function toolPhotoIds(db: TenantDb, toolId: string): Promise<string[]> {
  const rows = await db.selectFrom("tool_photos").select("id").where("tool_id", "=", toolId).orderBy("created_at").orderBy("id").execute();
  return rows.map((row) => row.id);
}
