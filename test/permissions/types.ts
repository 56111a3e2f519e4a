// Shapes of the permission suite's cases (test/permissions.db.test.ts), shared with the
// per-module case files in this folder.
import type { App } from "../../src/app.ts";
import type { Principal } from "./principals.ts";

export type Ids = {
  thuanHoa: string;
  phuXuan: string;
  province: string;
  scratch: () => Promise<string>;
  /** A dossier just received at Thuận Hóa's desk. */
  dossier: () => Promise<{ id: string; code: string; version: number }>;
};
export type Request = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
};
/** Expected statuses by principal. */
export type Cells = Partial<Record<Principal, number>>;
export type Case =
  | { public: true; reason: string }
  | {
      /** The request of one cell; called afresh for every allowed or excepted cell. */
      request: (ids: Ids, app: App) => Promise<Request>;
      /**
       * The cells that pass authorization, with their status: 2xx, or the answer this request
       * gets once allowed (409 where the test's configuration or record makes it a conflict).
       */
      allow: Cells;
      /**
       * The refusal rule for every other signed-in principal: those listed (or everyone, "all")
       * see the resource and are refused the act (403); the rest do not see it (404).
       * Anonymous is always 401.
       */
      sees: readonly Principal[] | "all";
      /** The status of those who do not see the resource, when not 404 (a body's reference: 400). */
      hidden?: number;
      /** Cells that follow neither list nor rule, each with why. */
      except?: Cells;
      /** Each cell signs in afresh (the request ends its session). */
      freshSession?: boolean;
      /** The request ends the principal's other sessions (the cached one with them). */
      endsOtherSessions?: boolean;
    };
