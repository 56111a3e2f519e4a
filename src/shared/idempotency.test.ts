// The stored first answer of a command (idempotency_keys.response) is encrypted at rest and
// replayed as it was answered.
import { describe, expect, it } from "vitest";
import { decryptField } from "../db/encrypted.ts";
import { FieldCryptoError } from "../modules/privacy/field-crypto.ts";
import { openResponse, sealResponse } from "./idempotency.ts";

const answer = {
  id: "9b1f0a52-1111-4222-8333-444455556666",
  code: "000.00.12.H12-250701-0001",
  applicant: { kind: "person", name: "Nguyễn Văn An", idNumber: "046090001234", phone: "0905123456" },
  fees: [{ amount: 50_000, paid: false }],
  note: null,
};

describe("idempotency_keys.response", () => {
  it("is stored as {$enc: v1.…} without the ID or phone number, and replays the same body", () => {
    const stored = sealResponse(answer) as { $enc: string };
    expect(Object.keys(stored)).toEqual(["$enc"]);
    expect(stored.$enc).toMatch(/^v1\./);
    const text = JSON.stringify(stored);
    for (const secret of ["046090001234", "0905123456", "Nguyễn"]) expect(text).not.toContain(secret);
    expect(JSON.parse(decryptField(stored.$enc, "idempotency_keys.response"))).toEqual(answer);
    // What the jsonb column hands back (a parsed object or, from some drivers, its text) replays the answer.
    expect(openResponse(JSON.parse(JSON.stringify(stored)))).toEqual(answer);
    expect(openResponse(stored)).toStrictEqual(answer);
  });

  it("keeps a command that answers nothing as null, and replays a row stored before encryption as it is", () => {
    expect(sealResponse(undefined)).toBeNull();
    expect(openResponse(null)).toBeNull();
    expect(openResponse(answer)).toBe(answer);
    expect(openResponse({ enc: "not a ciphertext" })).toEqual({ enc: "not a ciphertext" });
    expect(openResponse([1, 2])).toEqual([1, 2]);
  });

  it("refuses a value encrypted for another column", () => {
    const moved = sealResponse(answer) as { $enc: string };
    let problem: unknown;
    try {
      decryptField(moved.$enc, "outbox.recipient");
    } catch (err) {
      problem = err instanceof FieldCryptoError ? err.problem : err;
    }
    expect(problem).toBe("tampered");
  });
});
