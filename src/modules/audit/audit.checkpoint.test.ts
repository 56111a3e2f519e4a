// The pure part of the signed checkpoints: parsing AUDIT_SIGNING_KEYS, what the signature
// covers, the check of one checkpoint, the anchor file's lines.

import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TEST_FIELD_KEYS } from "../../../test/field-keys.ts";
import { loadConfig } from "../../config.ts";
import {
  anchorLine,
  type Checkpoint,
  checkCheckpoint,
  checkSignature,
  DEMO_AUDIT_KEY,
  parseAnchorLine,
  parseAuditKeys,
  signCheckpoint,
} from "./audit.checkpoint.ts";

const b64 = (n: number) => randomBytes(n).toString("base64");

describe("parseAuditKeys", () => {
  it("reads keyId:base64secret pairs in order; the first one signs", () => {
    const [a, b] = [b64(32), b64(48)];
    const keys = parseAuditKeys(`2026-11:${a}, 2025.k_1:${b}`);
    expect(keys.map((k) => k.id)).toEqual(["2026-11", "2025.k_1"]);
    expect(keys[0]!.secret.equals(Buffer.from(a, "base64"))).toBe(true);
    expect(keys[1]!.secret).toHaveLength(48);
  });

  it.each([
    ["no colon", `k1${b64(32)}`, /not keyId:secret/],
    ["empty key id", `:${b64(32)}`, /key id/],
    ["a key id with a space", `k 1:${b64(32)}`, /key id/],
    ["a secret shorter than 32 bytes", `k1:${b64(31)}`, /31 bytes, at least 32/],
    ["a secret that is not base64", `k1:${"%".repeat(44)}`, /not base64/],
    ["unpadded base64", `k1:${b64(32).replace(/=+$/, "")}`, /not base64/],
    ["the same key id twice", `k1:${b64(32)},k1:${b64(32)}`, /appears twice/],
    ["an empty entry (trailing comma)", `k1:${b64(32)},`, /entry 2/],
  ])("refuses %s", (_name, value, message) => {
    expect(() => parseAuditKeys(value)).toThrow(message);
  });

  it("never puts the secret into the error", () => {
    const secret = b64(16);
    expect(() => parseAuditKeys(`k1:${secret}`)).toThrow();
    try {
      parseAuditKeys(`k1:${secret}`);
    } catch (err) {
      expect((err as Error).message).not.toContain(secret);
    }
  });
});

describe("the audit settings in loadConfig", () => {
  it("refuses a bad AUDIT_SIGNING_KEYS with a message naming the setting", () => {
    expect(() => loadConfig({ AUDIT_SIGNING_KEYS: `k1:${b64(8)}` })).toThrow(
      /AUDIT_SIGNING_KEYS: entry 1 \("k1"\): the secret is 8 bytes/,
    );
  });

  it("uses the keys given, in order, and defaults to a checkpoint every 5 minutes", () => {
    const c = loadConfig({
      AUDIT_SIGNING_KEYS: `new:${b64(32)},old:${b64(32)}`,
      MOTCUA_DEMO: "0",
      ...TEST_FIELD_KEYS,
    });
    expect(c.audit.keys.map((k) => k.id)).toEqual(["new", "old"]);
    expect(c.audit).toMatchObject({ demoKey: false, checkpointMs: 300_000, anchorFile: undefined });
  });

  it("demo without keys: the public demo key, flagged; production without keys: off", () => {
    const demo = loadConfig({ MOTCUA_DEMO: "1" });
    expect(demo.audit.keys).toEqual([DEMO_AUDIT_KEY]);
    expect(demo.audit.demoKey).toBe(true);
    const prod = loadConfig({
      MOTCUA_DEMO: "0",
      ...TEST_FIELD_KEYS,
      AUDIT_CHECKPOINT_MINUTES: "0",
      AUDIT_ANCHOR_FILE: "a.jsonl",
    });
    expect(prod.audit.keys).toEqual([]);
    expect(prod.audit.demoKey).toBe(false);
    expect(prod.audit.checkpointMs).toBe(0);
    expect(prod.audit.anchorFile).toMatch(/\/a\.jsonl$/);
  });
});

const key = { id: "k1", secret: randomBytes(32) };
const fields = {
  id: 7,
  at: "2026-11-24T18:30:00.123Z",
  seq: 1234,
  hash: "ab".repeat(32),
  reason: "interval" as const,
  keyId: "k1",
  prevSignature: "cd".repeat(32),
};
const signed: Checkpoint = { ...fields, signature: signCheckpoint(key.secret, fields) };

describe("signCheckpoint and checkSignature", () => {
  it("is HMAC-SHA256 hex, and verifies under its key", () => {
    expect(signed.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(checkSignature([key], signed)).toBe("ok");
  });

  it.each([
    ["id", { id: 8 }],
    ["at", { at: "2026-11-24T18:30:00.124Z" }],
    ["seq", { seq: 1235 }],
    ["hash", { hash: `${"ab".repeat(31)}ac` }],
    ["reason", { reason: "manual" as const }],
    ["keyId", { keyId: "k2" }],
    ["prevSignature", { prevSignature: "" }],
  ])("changes when %s changes", (_field, change) => {
    const other = { ...fields, ...change };
    expect(signCheckpoint(key.secret, other)).not.toBe(signed.signature);
    // And the stored signature no longer verifies over the changed field.
    const ring = [key, { id: "k2", secret: key.secret }];
    expect(checkSignature(ring, { ...signed, ...change })).toBe("bad_signature");
  });

  it("a key id outside the ring is unknown_key; another secret under the same id is bad_signature", () => {
    expect(checkSignature([{ id: "k2", secret: key.secret }], signed)).toBe("unknown_key");
    expect(checkSignature([{ id: "k1", secret: randomBytes(32) }], signed)).toBe("bad_signature");
    expect(checkSignature([key], { ...signed, signature: "not hex" })).toBe("bad_signature");
  });
});

describe("checkCheckpoint", () => {
  const first = (() => {
    const f = { ...fields, id: 1, prevSignature: "" };
    return { ...f, signature: signCheckpoint(key.secret, f) };
  })();
  const second = (() => {
    const f = { ...fields, id: 2, seq: 1300, prevSignature: first.signature };
    return { ...f, signature: signCheckpoint(key.secret, f) };
  })();
  const log = { rowHash: fields.hash, maxSeq: 2000 };

  it("accepts a linked, signed checkpoint whose row is there with the same hash", () => {
    expect(checkCheckpoint(first, null, [key], log)).toBeNull();
    expect(checkCheckpoint(second, first, [key], log)).toBeNull();
  });

  it("names each problem", () => {
    expect(checkCheckpoint(second, null, [key], log)).toBe("checkpoint_gap");
    expect(checkCheckpoint(second, { id: 1, signature: "ee".repeat(32) }, [key], log)).toBe(
      "checkpoint_link",
    );
    expect(checkCheckpoint(first, null, [], log)).toBe("unknown_key");
    expect(checkCheckpoint(first, null, [key], { rowHash: null, maxSeq: 1233 })).toBe("truncated");
    expect(checkCheckpoint(first, null, [key], { rowHash: "00".repeat(32), maxSeq: 2000 })).toBe("rewritten");
  });
});

describe("anchor file lines", () => {
  it("round-trip a checkpoint; anything else is not a line", () => {
    expect(parseAnchorLine(anchorLine(signed))).toEqual(signed);
    expect(parseAnchorLine("not json")).toBeNull();
    expect(parseAnchorLine(JSON.stringify({ ...signed, reason: "other" }))).toBeNull();
    expect(parseAnchorLine(JSON.stringify({ ...signed, id: "7" }))).toBeNull();
  });
});
