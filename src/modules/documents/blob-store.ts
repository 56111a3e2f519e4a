// Content-addressed storage of file bytes: a blob's name is the SHA-256 of its content, so the
// same file is stored once however many documents point at it, and a blob read back is checked
// against its name. Two drivers: a local directory (default) and an S3-compatible bucket.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../../config.ts";
import { EMPTY_SHA256, signRequest } from "./sigv4.ts";

export type BlobRef = { sha256: string; size: number };

export interface BlobStore {
  /** Stores the bytes (once: an existing blob is left as it is) and returns their address. */
  put(bytes: Buffer): Promise<BlobRef>;
  /** The bytes of a blob; throws when it is missing or does not match its address. */
  get(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
}

export const sha256Of = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

const SHA256 = /^[0-9a-f]{64}$/;

function checkAddress(sha256: string): void {
  // The address becomes a path or an object key: nothing but 64 hex digits gets that far.
  if (!SHA256.test(sha256)) throw new Error(`not a SHA-256 address: ${JSON.stringify(sha256)}`);
}

/** "ab/cd/abcd…": two levels of 256 directories keep each directory small. */
export const blobKey = (sha256: string) => `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;

export class BlobIntegrityError extends Error {
  constructor(sha256: string) {
    super(`blob ${sha256} does not match its address (corrupted storage)`);
    this.name = "BlobIntegrityError";
  }
}

/**
 * Blobs under a directory as `ab/cd/<sha256>`. A blob is written to a temporary file in the
 * same file system, flushed to disk, then renamed into place (and the directory flushed): a
 * crash leaves either no blob or the whole blob, never half of one.
 */
export class LocalBlobStore implements BlobStore {
  private readonly tmpDir: string;

  constructor(readonly dir: string) {
    this.tmpDir = path.join(dir, ".tmp");
    mkdirSync(this.tmpDir, { recursive: true });
  }

  private pathOf(sha256: string) {
    checkAddress(sha256);
    return path.join(this.dir, ...blobKey(sha256).split("/"));
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw err;
    }
  }

  async put(bytes: Buffer): Promise<BlobRef> {
    const sha256 = sha256Of(bytes);
    const final = this.pathOf(sha256);
    // Already there: keep it, unless it was damaged on disk (then the new copy replaces it).
    const existing = await stat(final).catch(() => undefined);
    if (existing?.isFile() && existing.size === bytes.length && sha256Of(await readFile(final)) === sha256)
      return { sha256, size: bytes.length };
    const tmp = path.join(this.tmpDir, `${sha256}.${randomBytes(6).toString("hex")}`);
    try {
      // A write that fails part-way (ENOSPC on a full disk) must not leave half a file behind.
      const file = await open(tmp, "wx", 0o640);
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await mkdir(path.dirname(final), { recursive: true });
      await rename(tmp, final);
      await syncDir(path.dirname(final));
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return { sha256, size: bytes.length };
  }

  async get(sha256: string): Promise<Buffer> {
    const bytes = await readFile(this.pathOf(sha256));
    if (sha256Of(bytes) !== sha256) throw new BlobIntegrityError(sha256);
    return bytes;
  }
}

async function syncDir(dir: string) {
  // Makes the rename durable; some file systems refuse fsync on a directory, which is harmless.
  const handle = await open(dir, "r").catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => {});
  await handle.close();
}

export type S3Settings = NonNullable<Config["files"]["s3"]>;

/**
 * Blobs as objects `ab/cd/<sha256>` in an S3-compatible bucket, over plain fetch with AWS
 * Signature V4 (no SDK). Path-style URLs by default (MinIO, Ceph, Garage); S3_PATH_STYLE=0
 * uses virtual-hosted URLs (bucket.endpoint). A PUT is atomic on S3: readers see all or nothing.
 */
export class S3BlobStore implements BlobStore {
  constructor(
    private readonly s: S3Settings,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private urlOf(sha256: string): URL {
    checkAddress(sha256);
    const base = new URL(this.s.endpoint);
    if (this.s.pathStyle) {
      const prefix = base.pathname.replace(/\/$/, "");
      return new URL(`${base.origin}${prefix}/${encodeURIComponent(this.s.bucket)}/${blobKey(sha256)}`);
    }
    return new URL(`${base.protocol}//${this.s.bucket}.${base.host}/${blobKey(sha256)}`);
  }

  private async request(method: string, sha256: string, body?: Buffer, bodySha?: string) {
    const url = this.urlOf(sha256);
    const headers: Record<string, string> = {};
    // content-length is set by fetch itself (and is not signed: SigV4 does not require it).
    if (body) headers["content-type"] = "application/octet-stream";
    const signed = signRequest(
      {
        accessKey: this.s.accessKey,
        secretKey: this.s.secretKey,
        region: this.s.region,
      },
      { method, url, headers, payloadSha256: bodySha ?? EMPTY_SHA256, now: this.clock() },
    );
    const { host: _host, ...send } = signed.headers;
    return this.fetchImpl(url, { method, headers: send, body: body ? new Uint8Array(body) : undefined });
  }

  async has(sha256: string): Promise<boolean> {
    const res = await this.request("HEAD", sha256);
    if (res.status === 404) return false;
    if (!res.ok) throw new Error(`S3 HEAD ${blobKey(sha256)}: HTTP ${res.status}`);
    return true;
  }

  async put(bytes: Buffer): Promise<BlobRef> {
    const sha256 = sha256Of(bytes);
    if (await this.has(sha256)) return { sha256, size: bytes.length };
    const res = await this.request("PUT", sha256, bytes, sha256);
    if (!res.ok) throw new Error(`S3 PUT ${blobKey(sha256)}: HTTP ${res.status} ${await res.text()}`);
    return { sha256, size: bytes.length };
  }

  async get(sha256: string): Promise<Buffer> {
    const res = await this.request("GET", sha256);
    if (!res.ok) throw new Error(`S3 GET ${blobKey(sha256)}: HTTP ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (sha256Of(bytes) !== sha256) throw new BlobIntegrityError(sha256);
    return bytes;
  }
}

export function createBlobStore(files: Config["files"]): BlobStore {
  return files.s3 ? new S3BlobStore(files.s3) : new LocalBlobStore(files.dir);
}
