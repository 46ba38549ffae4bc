import { mkdtempSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkImage, createFileStorage, newTenantFileKey, type FileStorage } from "~/modules/storage/storage.server";

/**
 * S3 is a third-party internet API, so its stand-in is a small local HTTP server that the real
 * @aws-sdk/client-s3 talks to (path-style): PUT, GET and DELETE of objects, 404 NoSuchKey.
 */
function fakeS3() {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const server = http.createServer((req, res) => {
    const key = decodeURIComponent(req.url!.split("?")[0]!);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method === "PUT") {
        objects.set(key, { body: Buffer.concat(chunks), type: String(req.headers["content-type"]) });
        res.writeHead(200, { ETag: '"x"' }).end();
      } else if (req.method === "GET" && objects.has(key)) {
        const object = objects.get(key)!;
        res.writeHead(200, { "Content-Type": object.type, "Content-Length": object.body.length }).end(object.body);
      } else if (req.method === "DELETE") {
        objects.delete(key);
        res.writeHead(204).end();
      } else {
        res.writeHead(404, { "Content-Type": "application/xml" }).end("<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>");
      }
    });
  });
  return { server, objects };
}

const s3 = fakeS3();
let backends: [string, FileStorage][];
beforeAll(async () => {
  await new Promise<void>((resolve) => s3.server.listen(0, "127.0.0.1", resolve));
  process.env.AWS_ACCESS_KEY_ID = "test";
  process.env.AWS_SECRET_ACCESS_KEY = "test";
  backends = [
    ["local disk", createFileStorage({ localDir: mkdtempSync(path.join(tmpdir(), "wijkplaats-storage-")) })],
    [
      "S3",
      createFileStorage({
        localDir: "unused",
        s3: { bucket: "wijkplaats", region: "eu-central-1", endpoint: `http://127.0.0.1:${(s3.server.address() as AddressInfo).port}`, forcePathStyle: true },
      }),
    ],
  ];
});
afterAll(() => new Promise<void>((resolve) => s3.server.close(() => resolve())));

const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

describe.each(["local disk", "S3"])("file storage on %s", (name) => {
  const storage = () => backends.find(([n]) => n === name)![1];

  it("stores, reads and removes a file under the tenant's prefix", async () => {
    const key = newTenantFileKey("7d0c2f3e-0000-4000-8000-000000000001", "logo", "png");
    expect(key).toMatch(/^tenants\/7d0c2f3e-0000-4000-8000-000000000001\/logo\/[0-9a-f-]+\.png$/);
    await storage().put(key, png, "image/png");
    // The S3 object really went through the SDK to the server, in the bucket, under the tenant's prefix.
    if (name === "S3") expect(s3.objects.has(`/wijkplaats/${key}`)).toBe(true);
    const read = await storage().get(key);
    expect(Buffer.from(read!.bytes).equals(png)).toBe(true);
    expect(read!.contentType).toBe("image/png");
    await storage().remove(key);
    expect(await storage().get(key)).toBeNull();
  });
});

describe("local disk storage", () => {
  it("refuses a key that would leave its folder", async () => {
    const storage = backends[0]![1];
    await expect(storage.put("../buiten.png", png, "image/png")).rejects.toThrow(/outside the storage folder/);
    await expect(storage.get("tenants/../../x")).rejects.toThrow(/outside the storage folder/);
  });

});

describe("image check", () => {
  it("goes by the bytes: PNG yes, text or HTML named .png no", async () => {
    expect(await checkImage(png)).toEqual({ ok: true, extension: "png", contentType: "image/png" });
    expect(await checkImage(Buffer.from("<svg onload=alert(1)>"))).toEqual({ ok: false, error: "image_type" });
    expect(await checkImage(new Uint8Array())).toEqual({ ok: false, error: "image_missing" });
  });
});
