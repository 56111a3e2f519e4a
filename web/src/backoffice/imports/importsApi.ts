// Client of /api/v1/imports (historical import). The types are the server's own (type-only
// imports: nothing of the server is bundled).
import type { z } from "zod";
import type { runDetailOut, runListOut, startedOut } from "../../../../src/modules/imports/import.schemas.ts";
import { http } from "../../api/client";

export type ImportRun = z.output<typeof runDetailOut>;
export type ImportRunList = z.output<typeof runListOut>;
export type ImportRunSummary = ImportRunList["items"][number];
export type RowError = ImportRun["errors"][number];

export const imports = {
  /** Sends the file as it is; the server starts the run and answers at once (202). */
  upload: (file: File) =>
    http.upload<z.output<typeof startedOut>>(
      `/api/v1/imports/dossiers?name=${encodeURIComponent(file.name)}`,
      file,
    ),
  run: (id: string, signal?: AbortSignal) => http.get<ImportRun>(`/api/v1/imports/${id}`, signal),
  list: (page: number, pageSize: number, signal?: AbortSignal) =>
    http.get<ImportRunList>(`/api/v1/imports?page=${page}&pageSize=${pageSize}`, signal),
  errorsCsvUrl: (id: string) => `/api/v1/imports/${id}/errors.csv`,
};
