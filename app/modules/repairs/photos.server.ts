import type { TenantDb } from "~/db/accessors.server";
import type { FileStorage } from "~/modules/storage/storage.server";
import type { Viewer } from "./repairs.server";

/**
 * A photo of a repair, for its owner, coordinators and volunteers only. The key comes from this
 * neighbourhood's own row, never from the request; anyone else gets null (a 404).
 */
export async function readRepairPhoto(db: TenantDb, storage: FileStorage, repairId: string, photoId: string, viewer: Viewer) {
  let query = db
    .selectFrom("repair_photos")
    .innerJoin("repairs", "repairs.id", "repair_photos.repair_id")
    .select("repair_photos.storage_key")
    .where("repair_photos.id", "=", photoId)
    .where("repair_photos.repair_id", "=", repairId);
  if (viewer.role !== "coordinator" && viewer.role !== "volunteer") query = query.where("repairs.member_id", "=", viewer.id);
  const row = await query.executeTakeFirst();
  return row ? storage.get(row.storage_key) : null;
}
