// Shapes of the permission suite's cases (test/permissions.db.test.ts), shared with the
// per-module case files in this folder.
import type { App } from "../../src/app.ts";

export type Ids = {
  thuanHoa: string;
  phuXuan: string;
  province: string;
  scratch: () => Promise<string>;
  /** A dossier just received at Thuận Hóa's desk. */
  dossier: () => Promise<{ id: string; code: string; version: number }>;
};
export type Check = { as: string | null; status: number };
export type Case =
  | { public: true; reason: string }
  | {
      request: (
        ids: Ids,
        app: App,
      ) => Promise<{
        method: "GET" | "POST" | "PUT" | "DELETE";
        url: string;
        payload?: unknown;
        headers?: Record<string, string>;
      }>;
      checks: Check[];
    };
