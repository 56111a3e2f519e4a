// Request-scoped context handed to every service call: who acts, on which executor
// (the database, or the request's transaction for commands) and what to audit.
import type { Config } from "../config.ts";
import type { Database, Db, Executor } from "../db/client.ts";
import type { Actor } from "../modules/auth/auth.policy.ts";

export type AuditNote = {
  unitId?: string;
  target?: string;
  details?: Record<string, unknown>;
  /** Who acted, when the request had no session yet (sign-in, registration). */
  actorUserId?: string;
};

export type Ctx = {
  actor: Actor | null;
  tx: Executor;
  audit: AuditNote;
  config: Config;
};

declare module "fastify" {
  interface FastifyInstance {
    database: Database;
    db: Db;
    config: Config;
    /** Every route with its config, for the suites that must cover each one (permissions, audit). */
    registeredRoutes: { method: string; url: string; config: FastifyContextConfig }[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: { id: string; csrfToken: string } | null;
    ctx: Ctx;
    audited: boolean;
  }
  interface FastifyContextConfig {
    /** Audit name of the route, e.g. "org.unit.rename"; defaults to "METHOD /url". */
    action?: string;
    /** A read that returns personal data: audited like a command. */
    personalData?: boolean;
    /** Commands run in one transaction by default; false lets the route manage its own (login). */
    transaction?: boolean;
    /** Not audited at all (health checks, static files). */
    noAudit?: boolean;
  }
}
