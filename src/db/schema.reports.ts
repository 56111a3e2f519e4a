// Tables of the reports (issue #7): the resolution report's counters kept incrementally, and
// historical dossiers imported from earlier systems. Kept apart from schema.ts; drizzle-kit reads it.
//
// Every change of a dossier that moves a report figure appends one row per affected day to
// report_deltas (insert-only, in the command's transaction, so concurrent commands never wait
// on a shared counter row). A compaction folds the deltas into the per-day and per-month facts;
// a report sums facts and the deltas not yet folded in one statement (one snapshot).
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { REPORT_COUNTERS } from "../modules/reports/resolution.logic.ts";
import { CHANNELS, orgUnits, procedures, procedureVersions, SERVICE_MODES, users } from "./schema.ts";

/** One integer column per counter of the resolution report (resolution.logic.ts). */
function counterColumns() {
  return Object.fromEntries(REPORT_COUNTERS.map((c) => [c, integer(c).notNull().default(0)])) as Record<
    (typeof REPORT_COUNTERS)[number],
    ReturnType<typeof integer>
  >;
}

export const reportDeltas = pgTable(
  "report_deltas",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    unitId: uuid("unit_id").notNull(),
    sector: text("sector").notNull(),
    day: date("day").notNull(),
    ...counterColumns(),
  },
  (t) => [index("report_deltas_unit_day_idx").on(t.unitId, t.day)],
);

export const reportDayFacts = pgTable(
  "report_day_facts",
  {
    unitId: uuid("unit_id").notNull(),
    sector: text("sector").notNull(),
    day: date("day").notNull(),
    ...counterColumns(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.day, t.sector] })],
);

export const reportMonthFacts = pgTable(
  "report_month_facts",
  {
    unitId: uuid("unit_id").notNull(),
    sector: text("sector").notNull(),
    /** The first day of the month. */
    month: date("month").notNull(),
    ...counterColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.month, t.sector] }),
    check("report_month_facts_first_day", sql`extract(day from ${t.month}) = 1`),
  ],
);

/**
 * The same facts rolled up per report scope: a scope is a unit with its subtree and the units
 * merged into them (reportUnits), so a province's report reads its own few rows instead of every
 * commune's. The compaction adds each delta to the scope of every unit whose report covers it;
 * a change of the organisation tree (parent or successor) rebuilds the scopes it touches from
 * the per-unit facts above, which stay the source (trigger in migration 0015).
 */
export const reportScopeDayFacts = pgTable(
  "report_scope_day_facts",
  {
    scopeId: uuid("scope_id").notNull(),
    sector: text("sector").notNull(),
    day: date("day").notNull(),
    ...counterColumns(),
  },
  (t) => [primaryKey({ columns: [t.scopeId, t.day, t.sector] })],
);

export const reportScopeMonthFacts = pgTable(
  "report_scope_month_facts",
  {
    scopeId: uuid("scope_id").notNull(),
    sector: text("sector").notNull(),
    /** The first day of the month. */
    month: date("month").notNull(),
    ...counterColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.scopeId, t.month, t.sector] }),
    check("report_scope_month_facts_first_day", sql`extract(day from ${t.month}) = 1`),
  ],
);

export const IMPORT_OUTCOMES = ["returned", "refused", "withdrawn", "pending"] as const;
export const RATING_LEVELS_IMPORT = ["very_satisfied", "satisfied", "normal", "dissatisfied"] as const;

/** One run of an import (CLI or admin upload): progress while it runs, the outcome after. */
export const importRuns = pgTable(
  "import_runs",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    kind: text("kind", { enum: ["dossiers"] }).notNull(),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256"),
    status: text("status", { enum: ["running", "done", "failed"] })
      .notNull()
      .default("running"),
    processedRows: integer("processed_rows").notNull().default(0),
    insertedRows: integer("inserted_rows").notNull().default(0),
    duplicateRows: integer("duplicate_rows").notNull().default(0),
    failedRows: integer("failed_rows").notNull().default(0),
    /** The first errors (row number, field, reason in vi and en); the count is failed_rows. */
    errors: jsonb("errors").notNull().default(sql`'[]'::jsonb`),
    startedBy: uuid("started_by").references(() => users.id),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "string" }),
  },
  (t) => [index("import_runs_started_idx").on(t.startedAt)],
);

/**
 * A dossier handled by an earlier system, imported for the reports (insert-only; the code is
 * unique, so importing a file twice changes nothing). It feeds report_deltas as if it had been
 * received, resolved and returned live, at its recorded instants.
 */
export const historicalDossiers = pgTable(
  "historical_dossiers",
  {
    code: text("code").primaryKey(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id),
    procedureVersionId: uuid("procedure_version_id")
      .notNull()
      .references(() => procedureVersions.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    sector: text("sector").notNull(),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    serviceMode: text("service_mode", { enum: SERVICE_MODES }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "string" }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true, mode: "string" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, mode: "string" }),
    returnedAt: timestamp("returned_at", { withTimezone: true, mode: "string" }),
    outcome: text("outcome", { enum: IMPORT_OUTCOMES }).notNull(),
    timeliness: text("timeliness", { enum: ["early", "on_time", "late"] }),
    rating: text("rating", { enum: RATING_LEVELS_IMPORT }),
    importRunId: uuid("import_run_id").references(() => importRuns.id),
    importedAt: timestamp("imported_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    index("historical_dossiers_unit_received_idx").on(t.unitId, t.receivedAt),
    check(
      "historical_dossiers_order",
      sql`(${t.resolvedAt} is null or ${t.resolvedAt} >= ${t.receivedAt})
        and (${t.returnedAt} is null or ${t.returnedAt} >= ${t.receivedAt})
        and (${t.dueAt} is null or ${t.dueAt} >= ${t.receivedAt})`,
    ),
    check(
      "historical_dossiers_outcome",
      sql`(${t.outcome} = 'pending') = (${t.resolvedAt} is null)
        and (${t.outcome} = 'returned') = (${t.timeliness} is not null)`,
    ),
  ],
);
