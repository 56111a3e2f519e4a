// A person's own data (the export) and the retention run. The export is the signed-in account's
// own rows only; officials export their own account and activity, never someone else's.
import type { Db } from "../../db/client.ts";
import type { Ctx } from "../../plugins/context.ts";
import { Errors } from "../../shared/errors.ts";
import { insertAudit } from "../audit/audit.repository.ts";
import { DATA_MAP } from "./privacy.datamap.ts";
import * as repo from "./privacy.repository.ts";
import { type RetentionSettings, retentionCutoffs } from "./privacy.retention.ts";
import type { DataExportOut } from "./privacy.schemas.ts";

/** Which DATA_MAP table each export section comes from. */
const SECTION_TABLE = {
  account: "users",
  sessions: "sessions",
  dossiers: "dossiers",
  documents: "documents",
  ratings: "dossier_ratings",
  payments: "payments",
  appointments: "appointments",
  feedback: "feedback_items",
  activity: "audit_log",
} as const satisfies Record<Exclude<keyof DataExportOut, "exportedAt" | "about">, string>;

export async function exportMyData(ctx: Ctx, now = new Date()): Promise<DataExportOut> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const data = await repo.personalData(ctx.tx, ctx.actor.userId);
  const about = Object.entries(SECTION_TABLE).map(([section, table]) => {
    const entry = DATA_MAP.find((e) => e.table === table);
    return { section, table, purpose: entry?.purpose ?? "", retention: entry?.retention ?? "" };
  });
  ctx.audit.target = ctx.actor.userId;
  ctx.audit.details = Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, Array.isArray(v) ? v.length : v ? 1 : 0]),
  );
  return { exportedAt: now.toISOString(), about, ...data };
}

/**
 * Applies the retention rules in one transaction with its audit row (no actor: the system).
 * `dryRun` counts what would change and rolls back.
 */
export async function runRetention(
  db: Db,
  settings: RetentionSettings,
  opts: { now?: Date; dryRun?: boolean; actorLabel?: string } = {},
): Promise<repo.RetentionCounts> {
  const cutoffs = retentionCutoffs(opts.now ?? new Date(), settings);
  let counts: repo.RetentionCounts | undefined;
  try {
    await db.transaction(async (tx) => {
      counts = await repo.applyRetention(tx, cutoffs);
      if (opts.dryRun) throw DRY_RUN;
      await insertAudit(tx, {
        actorUserId: null,
        actorLabel: opts.actorLabel ?? "system:retention",
        unitId: null,
        action: "privacy.retention",
        target: null,
        outcome: 200,
        ip: null,
        requestId: null,
        details: { ...counts, settings },
      });
    });
  } catch (err) {
    if (err !== DRY_RUN) throw err;
  }
  if (!counts) throw new Error("retention: no counts");
  return counts;
}

const DRY_RUN = Symbol("dry run");
