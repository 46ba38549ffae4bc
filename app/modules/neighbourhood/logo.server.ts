import type { TenantDb } from "~/db/accessors.server";
import { checkImage, newTenantFileKey, type FileStorage } from "~/modules/storage/storage.server";

/** Stores a new logo for this neighbourhood and drops the old one. */
export async function saveLogo(db: TenantDb, storage: FileStorage, tenantId: string, bytes: Uint8Array): Promise<{ ok: true } | { ok: false; error: string }> {
  const image = await checkImage(bytes);
  if (!image.ok) return image;
  const key = newTenantFileKey(tenantId, "logo", image.extension);
  await storage.put(key, bytes, image.contentType);
  const old = await db.selectFrom("profile").select("logo_key").executeTakeFirst();
  await db.updateTable("profile").set({ logo_key: key, updated_at: new Date() }).execute();
  if (old?.logo_key) await storage.remove(old.logo_key);
  return { ok: true };
}

/** This neighbourhood's logo; the key comes from its own profile row, never from the request. */
export async function readLogo(db: TenantDb, storage: FileStorage) {
  const row = await db.selectFrom("profile").select("logo_key").executeTakeFirst();
  return row?.logo_key ? storage.get(row.logo_key) : null;
}

/** Whether this neighbourhood has uploaded a logo (the header then shows /logo). */
export async function hasLogo(db: TenantDb): Promise<boolean> {
  const row = await db.selectFrom("profile").select("logo_key").executeTakeFirst();
  return Boolean(row?.logo_key);
}
