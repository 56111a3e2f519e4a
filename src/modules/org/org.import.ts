// Loads an organisation tree from CSV: code, name, level, parent_code, and optionally
// valid_from, valid_to, successor_code. Idempotent (an existing code is left as it is);
// each row is applied fully or reported, never half-written.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import * as repo from "./org.repository.ts";
import { LEVELS } from "./org.schemas.ts";

const rowSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{1,39}$/, "code: letters, digits, dots, dashes (2–40)"),
  name: z.string().trim().min(1, "name is empty"),
  level: z.enum(LEVELS, { error: "level must be province, district or commune" }),
  parent_code: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
  valid_from: z.iso
    .date("valid_from must be YYYY-MM-DD")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  valid_to: z.iso
    .date("valid_to must be YYYY-MM-DD")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  successor_code: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
});

export type ImportReport = {
  total: number;
  created: number;
  unchanged: number;
  errors: { line: number; code?: string; message: string }[];
};

const RANK = { province: 0, district: 1, commune: 2 } as const;

export function parseUnitsCsv(text: string) {
  return parse(text, {
    columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
    bom: true,
    skip_empty_lines: true,
    trim: true,
  }) as Record<string, string>[];
}

export async function importUnits(
  db: Db,
  records: Record<string, string>[],
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ImportReport> {
  const report: ImportReport = { total: records.length, created: 0, unchanged: 0, errors: [] };
  const required = ["code", "name", "level", "parent_code"];
  const missing = required.filter((c) => records.length > 0 && !(c in records[0]!));
  if (missing.length > 0) {
    report.errors.push({ line: 1, message: `missing columns: ${missing.join(", ")}` });
    return report;
  }
  // Parents before children, whatever the file's order; line numbers count the header as 1.
  const parsed = records.map((r, i) => ({ line: i + 2, result: rowSchema.safeParse(r) }));
  const valid = parsed
    .filter((p) => {
      if (!p.result.success) {
        report.errors.push({
          line: p.line,
          code: records[p.line - 2]?.code,
          message: p.result.error.issues.map((i) => i.message).join("; "),
        });
      }
      return p.result.success;
    })
    .map((p) => ({ line: p.line, row: p.result.data! }))
    .sort((a, b) => RANK[a.row.level] - RANK[b.row.level]);

  let done = report.errors.length;
  for (const { line, row } of valid) {
    try {
      await db.transaction(async (tx) => {
        if (await repo.findUnitByCode(tx, row.code)) {
          report.unchanged++;
          return;
        }
        const parent = row.parent_code ? await repo.findUnitByCode(tx, row.parent_code) : undefined;
        if (row.parent_code && !parent) throw new Error(`parent_code ${row.parent_code} not found`);
        if (parent && RANK[row.level] <= RANK[parent.level])
          throw new Error(`level ${row.level} is not below its parent's (${parent.level})`);
        const validFrom = row.valid_from ?? "2025-07-01";
        if (row.valid_to && row.valid_to < validFrom) throw new Error("valid_to is before valid_from");
        const id = await repo.insertUnit(tx, {
          code: row.code,
          level: row.level,
          parentId: parent?.id ?? null,
          validFrom,
          validTo: row.valid_to ?? null,
        });
        await repo.insertUnitName(tx, { unitId: id, name: row.name, validFrom });
        report.created++;
      });
    } catch (err) {
      report.errors.push({ line, code: row.code, message: (err as Error).message });
    }
    onProgress(++done, report.total);
  }
  // Successors may point to rows later in the file, so they are linked last.
  for (const { line, row } of valid.filter((v) => v.row.successor_code)) {
    try {
      await db.transaction(async (tx) => {
        const unit = await repo.findUnitByCode(tx, row.code);
        const successor = await repo.findUnitByCode(tx, row.successor_code!);
        if (!unit) return; // already reported above
        if (!successor) throw new Error(`successor_code ${row.successor_code} not found`);
        if (unit.successorId === successor.id) return;
        if (!unit.validTo) throw new Error("successor_code needs valid_to");
        await repo.closeUnit(tx, unit.id, unit.validTo, successor.id);
      });
    } catch (err) {
      report.errors.push({ line, code: row.code, message: (err as Error).message });
    }
  }
  report.errors.sort((a, b) => a.line - b.line);
  return report;
}
