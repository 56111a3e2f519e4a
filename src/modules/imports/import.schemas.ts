// Contracts of the historical import (/api/v1/imports).
import { z } from "zod";

export const uploadQuery = z
  .object({
    /** The file's name; its extension says how to read it (.csv or .xlsx). */
    name: z.string().trim().min(1).max(200),
  })
  .strict();

export const runParams = z.object({ id: z.uuid() }).strict();

export const listQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

const message = z.object({ vi: z.string(), en: z.string() });
export const rowErrorOut = z.object({
  row: z.number().int().describe("Row of the file; the header is row 1"),
  field: z.string().describe("The column (empty for a problem of the whole file)"),
  code: z.string(),
  message,
});

const n = z.number().int();
export const runOut = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(["running", "done", "failed"]),
  processed: n.describe("Rows read so far"),
  inserted: n.describe("Rows stored"),
  duplicates: n.describe("Rows whose code an earlier import already stored (left as they were)"),
  failed: n.describe("Rows refused (see errors)"),
  percent: n.nullable().describe("Share of the file read (100 when done); null when not known here"),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  startedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export const runDetailOut = runOut.extend({
  errors: z.array(rowErrorOut).describe("The first 1,000 errors, by row"),
  moreErrors: z.boolean().describe("Some refused rows are not listed (beyond the first 1,000 errors)"),
});

export const runListOut = z.object({
  items: z.array(runOut),
  total: n,
  page: n,
  pageSize: n,
});

export const startedOut = z.object({ id: z.string(), status: z.literal("running") });
