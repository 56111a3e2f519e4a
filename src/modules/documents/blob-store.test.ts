// The local directory driver on a temporary directory, and the S3 driver against a small
// in-process S3 look-alike that checks every request's SigV4 signature (no live S3 here).
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config.ts";
import {
  BlobIntegrityError,
  blobKey,
  createBlobStore,
  LocalBlobStore,
  S3BlobStore,
  sha256Of,
} from "./blob-store.ts";
import { signRequest } from "./sigv4.ts";

const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));

describe("LocalBlobStore", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "motcua-blobs-"));
  const store = new LocalBlobStore(dir);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bytes = Buffer.from("Giấy khai sinh bản sao");
  const sha = sha256Of(bytes);

  it("stores under ab/cd/<sha256>, once, with nothing left in the temporary directory", async () => {
    expect(await store.has(sha)).toBe(false);
    expect(await store.put(bytes)).toEqual({ sha256: sha, size: bytes.length });
    expect(await store.put(Buffer.from(bytes))).toEqual({ sha256: sha, size: bytes.length });
    expect(files(dir)).toEqual([path.join(sha.slice(0, 2), sha.slice(2, 4), sha)]);
    expect(blobKey(sha)).toBe(`${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`);
    expect(await store.has(sha)).toBe(true);
    expect((await store.get(sha)).equals(bytes)).toBe(true);
    expect(statSync(path.join(dir, blobKey(sha))).mode & 0o777).toBe(0o640);
  });

  it("a blob changed on disk is refused on read", async () => {
    const other = Buffer.from("another file");
    const ref = await store.put(other);
    writeFileSync(path.join(dir, blobKey(ref.sha256)), "tampered");
    await expect(store.get(ref.sha256)).rejects.toBeInstanceOf(BlobIntegrityError);
  });

  it("only a SHA-256 address reaches the file system", async () => {
    await expect(store.get("../../etc/passwd")).rejects.toThrow(/not a SHA-256 address/);
    await expect(store.has("AB".repeat(32))).rejects.toThrow(/not a SHA-256 address/);
  });
});

describe("S3BlobStore", () => {
  const objects = new Map<string, Buffer>();
  const requests: string[] = [];
  const creds = { accessKey: "AKIDTEST", secretKey: "secret/key", region: "ap-southeast-1" };
  let endpoint = "";
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url!, `http://${req.headers.host}`);
    requests.push(`${req.method} ${url.pathname}`);
    // Recompute the signature from what arrived: the signed headers, the payload hash, the date.
    const auth = String(req.headers.authorization ?? "");
    const signedNames = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(";") ?? [];
    const headers: Record<string, string> = {};
    for (const n of signedNames)
      if (!["host", "x-amz-date", "x-amz-content-sha256"].includes(n)) headers[n] = String(req.headers[n]);
    const date = String(req.headers["x-amz-date"]);
    const now = new Date(
      `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`,
    );
    const payload = String(req.headers["x-amz-content-sha256"]);
    const expected = signRequest(creds, { method: req.method!, url, headers, payloadSha256: payload, now });
    const bodyOk = payload === createHash("sha256").update(body).digest("hex");
    if (expected.headers.authorization !== auth || !bodyOk) {
      res.writeHead(403).end("SignatureDoesNotMatch");
      return;
    }
    const key = url.pathname;
    if (req.method === "PUT") {
      objects.set(key, body);
      res.writeHead(200).end();
    } else if (!objects.has(key)) res.writeHead(404).end();
    else if (req.method === "HEAD") res.writeHead(200).end();
    else res.writeHead(200, { "content-type": "application/octet-stream" }).end(objects.get(key));
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const settings = () => ({ endpoint, bucket: "motcua-files", ...creds, pathStyle: true });

  it("PUTs a new blob under bucket/ab/cd/<sha256> with a valid SigV4 signature, once", async () => {
    const store = new S3BlobStore(settings());
    const bytes = Buffer.from("%PDF-1.4 kết quả");
    const sha = sha256Of(bytes);
    expect(await store.put(bytes)).toEqual({ sha256: sha, size: bytes.length });
    expect(await store.put(bytes)).toEqual({ sha256: sha, size: bytes.length });
    expect(requests).toEqual([
      `HEAD /motcua-files/${blobKey(sha)}`,
      `PUT /motcua-files/${blobKey(sha)}`,
      `HEAD /motcua-files/${blobKey(sha)}`,
    ]);
    expect(await store.has(sha)).toBe(true);
    expect((await store.get(sha)).equals(bytes)).toBe(true);
    expect(await store.has("0".repeat(64))).toBe(false);
  });

  it("refuses an object whose bytes do not match its address, and reports a bad signature", async () => {
    const store = new S3BlobStore(settings());
    const sha = sha256Of(Buffer.from("x"));
    objects.set(`/motcua-files/${blobKey(sha)}`, Buffer.from("y"));
    await expect(store.get(sha)).rejects.toBeInstanceOf(BlobIntegrityError);
    const wrong = new S3BlobStore({ ...settings(), secretKey: "not-the-key" });
    await expect(wrong.put(Buffer.from("z"))).rejects.toThrow(/HTTP 403/);
  });

  it("virtual-hosted style puts the bucket in the host name", async () => {
    const seen: string[] = [];
    const fake = (async (url: URL) => {
      seen.push(String(url));
      return new Response(null, { status: 404 });
    }) as unknown as typeof fetch;
    const store = new S3BlobStore(
      { ...settings(), endpoint: "https://s3.example.vn", pathStyle: false },
      fake,
    );
    await store.has("a".repeat(64));
    expect(seen).toEqual([`https://motcua-files.s3.example.vn/aa/aa/${"a".repeat(64)}`]);
  });
});

describe("choice of driver", () => {
  it("a directory by default (next to the embedded database), S3 when S3_ENDPOINT is set with its bucket and keys", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "motcua-cfg-"));
    const local = loadConfig({ MOTCUA_DATA_DIR: dataDir });
    expect(local.files).toMatchObject({
      dir: path.join(dataDir, "files"),
      uploadMaxBytes: 20 * 1024 * 1024,
      s3: undefined,
    });
    expect(createBlobStore(local.files)).toBeInstanceOf(LocalBlobStore);
    expect(() => loadConfig({ S3_ENDPOINT: "https://s3.example.vn" })).toThrow(/S3_BUCKET/);
    const s3 = loadConfig({
      S3_ENDPOINT: "https://s3.example.vn/",
      S3_BUCKET: "motcua",
      S3_ACCESS_KEY: "a",
      S3_SECRET_KEY: "b",
      S3_PATH_STYLE: "0",
    });
    expect(s3.files.s3).toEqual({
      endpoint: "https://s3.example.vn",
      bucket: "motcua",
      accessKey: "a",
      secretKey: "b",
      region: "us-east-1",
      pathStyle: false,
    });
    expect(createBlobStore(s3.files)).toBeInstanceOf(S3BlobStore);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
