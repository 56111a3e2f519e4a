import { z } from "zod";

const rows = z.array(z.record(z.string(), z.unknown()));

/** A person's own data (Decree 13/2023 art. 9: the right to access), as one JSON download. */
export const dataExportOut = z.object({
  exportedAt: z.string(),
  /** What each section is and how long it is kept (from the data map). */
  about: z.array(
    z.object({ section: z.string(), table: z.string(), purpose: z.string(), retention: z.string() }),
  ),
  account: z.record(z.string(), z.unknown()).nullable(),
  sessions: rows,
  dossiers: rows,
  documents: rows,
  ratings: rows,
  payments: rows,
  appointments: rows,
  feedback: rows,
  activity: rows,
});
export type DataExportOut = z.output<typeof dataExportOut>;
