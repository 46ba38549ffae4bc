import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { fileTypeFromBuffer } from "file-type";

/** Uploaded files: local disk by default, S3 (or anything that speaks its API) when configured. */
export interface FileStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<{ bytes: Uint8Array; contentType: string } | null>;
  remove(key: string): Promise<void>;
}

export interface StorageOptions {
  localDir: string;
  s3?: { bucket: string; region: string; endpoint?: string; forcePathStyle?: boolean };
}

export function createFileStorage(options: StorageOptions): FileStorage {
  return options.s3 ? s3Storage(options.s3) : localDiskStorage(options.localDir);
}

/**
 * Every key starts with the tenant's id, so one neighbourhood's files can never be named from
 * another's: the routes only ever build keys with this, from the tenant of the request.
 */
export function newTenantFileKey(tenantId: string, kind: "logo" | "tool-photo" | "repair-photo" | "home-job-photo", extension: string): string {
  return `tenants/${tenantId}/${kind}/${randomUUID()}.${extension}`;
}

const contentTypes: Record<string, string> = { png: "image/png", jpg: "image/jpeg", webp: "image/webp" };

function localDiskStorage(root: string): FileStorage {
  const resolve = (key: string) => {
    const file = path.resolve(root, key);
    if (!file.startsWith(path.resolve(root) + path.sep)) throw new Error(`Key outside the storage folder: ${key}`);
    return file;
  };
  return {
    async put(key, bytes) {
      await fs.mkdir(path.dirname(resolve(key)), { recursive: true });
      await fs.writeFile(resolve(key), bytes);
    },
    async get(key) {
      try {
        return { bytes: await fs.readFile(resolve(key)), contentType: contentTypes[path.extname(key).slice(1)] ?? "application/octet-stream" };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async remove(key) {
      await fs.rm(resolve(key), { force: true });
    },
  };
}

function s3Storage(options: NonNullable<StorageOptions["s3"]>): FileStorage {
  const client = new S3Client({ region: options.region, endpoint: options.endpoint, forcePathStyle: options.forcePathStyle });
  const Bucket = options.bucket;
  return {
    async put(key, bytes, contentType) {
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: contentType }));
    },
    async get(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        return { bytes: await object.Body!.transformToByteArray(), contentType: object.ContentType ?? "application/octet-stream" };
      } catch (error) {
        if (error instanceof NoSuchKey) return null;
        throw error;
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/**
 * Accepts a PNG, JPEG or WebP image of at most 2 MB, judged by its bytes, never by the name or the
 * type the browser claims.
 */
export async function checkImage(bytes: Uint8Array): Promise<{ ok: true; extension: string; contentType: string } | { ok: false; error: string }> {
  if (bytes.byteLength === 0) return { ok: false, error: "image_missing" };
  if (bytes.byteLength > MAX_IMAGE_BYTES) return { ok: false, error: "image_too_big" };
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !(type.ext in contentTypes)) return { ok: false, error: "image_type" };
  return { ok: true, extension: type.ext, contentType: contentTypes[type.ext]! };
}
