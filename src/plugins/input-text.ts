// Refuses text PostgreSQL cannot store before it reaches a route: a NUL character (U+0000) in
// any parameter, query value or JSON/form field. No legitimate input carries one, and the
// database would otherwise fail the statement (a 500) wherever the text is bound. Found by the
// API fuzzer (test/fuzz).
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { Errors, type FieldError, fieldError } from "../shared/errors.ts";

const NUL_MESSAGE = {
  vi: "Nội dung có ký tự NUL (mã 0), không được chấp nhận.",
  en: "The text contains a NUL character (code 0), which is not accepted.",
};

/** Paths (a.b.0) of the strings under `value` that hold a NUL, keys included; at most `max`. */
export function nulPaths(value: unknown, max = 10): string[] {
  const found: string[] = [];
  const walk = (v: unknown, path: string[], depth: number) => {
    if (found.length >= max) return;
    if (typeof v === "string") {
      if (v.includes("\u0000")) found.push(path.join(".") || "(root)");
      return;
    }
    if (typeof v !== "object" || v === null || Buffer.isBuffer(v) || depth > 64) return;
    for (const [k, x] of Object.entries(v)) {
      if (k.includes("\u0000")) found.push([...path, k.replaceAll("\u0000", "\\0")].join("."));
      walk(x, [...path, k.replaceAll("\u0000", "\\0")], depth + 1);
    }
  };
  walk(value, [], 0);
  return found;
}

export default fp(
  async function inputTextPlugin(app: FastifyInstance) {
    app.addHook("preValidation", async (request) => {
      const fields: FieldError[] = [];
      for (const [location, value] of [
        ["params", request.params],
        ["query", request.query],
        ["body", request.body],
      ] as const)
        for (const path of nulPaths(value))
          fields.push(fieldError(path, "nul_character", NUL_MESSAGE, location));
      if (fields.length > 0) throw Errors.invalid(fields);
    });
  },
  { name: "input-text", dependencies: ["errors"] },
);
