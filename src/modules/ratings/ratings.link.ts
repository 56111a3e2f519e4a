// The rating link of the "returned" notification: /danh-gia/{token}. The token binds the
// dossier and an expiry with an HMAC-SHA256 under a server secret, so it cannot be guessed or
// forged for another dossier: base64url(version 1 byte | dossier id 16 bytes | expiry 4 bytes,
// seconds since the epoch) "." base64url(first 16 bytes of the HMAC). One rating per dossier
// still holds (the table's key): a used link gets 409.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "../../config.ts";

const VERSION = 1;
const DOMAIN = "motcua:rating-link";
const keys = new Map<string, Buffer>();

/**
 * The HMAC key: RATING_LINK_SECRET, else 32 random bytes kept in `$MOTCUA_DATA_DIR/rating-link.key`
 * (created once; several processes must then share the directory or set the secret).
 */
export function ratingLinkKey(config: Pick<Config, "ratingLink" | "dataDir">): Buffer {
  if (config.ratingLink.secret) return Buffer.from(config.ratingLink.secret, "utf8");
  const file = path.join(config.dataDir, "rating-link.key");
  const cached = keys.get(file);
  if (cached) return cached;
  let key: Buffer;
  try {
    key = Buffer.from(readFileSync(file, "utf8").trim(), "base64url");
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    key = Buffer.from(readFileSync(file, "utf8").trim(), "base64url");
  }
  if (key.length < 32) throw new Error(`${file}: the rating link key must be at least 32 bytes`);
  keys.set(file, key);
  return key;
}

const mac = (key: Buffer, body: Buffer) =>
  createHmac("sha256", key).update(DOMAIN).update(body).digest().subarray(0, 16);

export function signRatingToken(key: Buffer, dossierId: string, expiresAt: Date): string {
  const body = Buffer.alloc(21);
  body.writeUInt8(VERSION, 0);
  Buffer.from(dossierId.replace(/-/g, ""), "hex").copy(body, 1);
  body.writeUInt32BE(Math.floor(expiresAt.getTime() / 1000), 17);
  return `${body.toString("base64url")}.${mac(key, body).toString("base64url")}`;
}

export type TokenCheck =
  | { ok: true; dossierId: string; expiresAt: Date }
  | { ok: false; reason: "invalid" | "expired" };

export function verifyRatingToken(key: Buffer, token: string, now: Date): TokenCheck {
  const m = /^([A-Za-z0-9_-]{28})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return { ok: false, reason: "invalid" };
  const body = Buffer.from(m[1]!, "base64url");
  const given = Buffer.from(m[2]!, "base64url");
  if (body.length !== 21 || given.length !== 16 || body.readUInt8(0) !== VERSION)
    return { ok: false, reason: "invalid" };
  // Re-encoding must give the same text: no second spelling of one token.
  if (body.toString("base64url") !== m[1] || given.toString("base64url") !== m[2])
    return { ok: false, reason: "invalid" };
  if (!timingSafeEqual(given, mac(key, body))) return { ok: false, reason: "invalid" };
  const expiresAt = new Date(body.readUInt32BE(17) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  const hex = body.subarray(1, 17).toString("hex");
  const dossierId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { ok: true, dossierId, expiresAt };
}

/** The public page of a dossier's rating link, valid `ratingLink.days` days from `now`. */
export function ratingLinkUrl(
  config: Pick<Config, "ratingLink" | "dataDir" | "publicUrl">,
  dossierId: string,
  now: Date,
) {
  const expiresAt = new Date(now.getTime() + config.ratingLink.days * 86_400_000);
  return `${config.publicUrl}/danh-gia/${signRatingToken(ratingLinkKey(config), dossierId, expiresAt)}`;
}
