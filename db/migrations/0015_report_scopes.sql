CREATE TABLE "report_scope_day_facts" (
	"scope_id" uuid NOT NULL,
	"sector" text NOT NULL,
	"day" date NOT NULL,
	"rcv_in_person" integer DEFAULT 0 NOT NULL,
	"rcv_online_full" integer DEFAULT 0 NOT NULL,
	"rcv_online_partial" integer DEFAULT 0 NOT NULL,
	"rcv_postal" integer DEFAULT 0 NOT NULL,
	"mode_mobile_team" integer DEFAULT 0 NOT NULL,
	"mode_at_home" integer DEFAULT 0 NOT NULL,
	"mode_on_the_spot" integer DEFAULT 0 NOT NULL,
	"res_early" integer DEFAULT 0 NOT NULL,
	"res_on_time" integer DEFAULT 0 NOT NULL,
	"res_late" integer DEFAULT 0 NOT NULL,
	"end_withdrawn" integer DEFAULT 0 NOT NULL,
	"end_stopped" integer DEFAULT 0 NOT NULL,
	"end_refused" integer DEFAULT 0 NOT NULL,
	"pending" integer DEFAULT 0 NOT NULL,
	"overdue" integer DEFAULT 0 NOT NULL,
	"supplement" integer DEFAULT 0 NOT NULL,
	"suspended" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_scope_day_facts_scope_id_day_sector_pk" PRIMARY KEY("scope_id","day","sector")
);
--> statement-breakpoint
CREATE TABLE "report_scope_month_facts" (
	"scope_id" uuid NOT NULL,
	"sector" text NOT NULL,
	"month" date NOT NULL,
	"rcv_in_person" integer DEFAULT 0 NOT NULL,
	"rcv_online_full" integer DEFAULT 0 NOT NULL,
	"rcv_online_partial" integer DEFAULT 0 NOT NULL,
	"rcv_postal" integer DEFAULT 0 NOT NULL,
	"mode_mobile_team" integer DEFAULT 0 NOT NULL,
	"mode_at_home" integer DEFAULT 0 NOT NULL,
	"mode_on_the_spot" integer DEFAULT 0 NOT NULL,
	"res_early" integer DEFAULT 0 NOT NULL,
	"res_on_time" integer DEFAULT 0 NOT NULL,
	"res_late" integer DEFAULT 0 NOT NULL,
	"end_withdrawn" integer DEFAULT 0 NOT NULL,
	"end_stopped" integer DEFAULT 0 NOT NULL,
	"end_refused" integer DEFAULT 0 NOT NULL,
	"pending" integer DEFAULT 0 NOT NULL,
	"overdue" integer DEFAULT 0 NOT NULL,
	"supplement" integer DEFAULT 0 NOT NULL,
	"suspended" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_scope_month_facts_scope_id_month_sector_pk" PRIMARY KEY("scope_id","month","sector"),
	CONSTRAINT "report_scope_month_facts_first_day" CHECK (extract(day from "report_scope_month_facts"."month") = 1)
);
--> statement-breakpoint
-- The units whose counters a report on `scope` covers: the unit, its subtree, and the units merged
-- into any of them (successor_id), with their own subtrees (as reportUnits in the app).
CREATE OR REPLACE FUNCTION report_scope_units(scope uuid) RETURNS SETOF uuid
  LANGUAGE sql STABLE
  AS $$
    WITH RECURSIVE s(id) AS (
      SELECT scope
      UNION
      SELECT u.id FROM org_units u JOIN s ON u.parent_id = s.id OR u.successor_id = s.id
    ) SELECT id FROM s
  $$;
--> statement-breakpoint
-- The scopes whose reports cover `unit`: the unit and, upwards, its parent and its successor, and theirs.
CREATE OR REPLACE FUNCTION report_unit_scopes(unit uuid) RETURNS SETOF uuid
  LANGUAGE sql STABLE
  AS $$
    WITH RECURSIVE s(id) AS (
      SELECT unit
      UNION
      SELECT x.next FROM s JOIN org_units u ON u.id = s.id
        CROSS JOIN LATERAL (VALUES (u.parent_id), (u.successor_id)) AS x(next)
      WHERE x.next IS NOT NULL
    ) SELECT id FROM s
  $$;
--> statement-breakpoint
-- Recomputes the rolled-up facts of the scopes from the per-unit facts. Takes the compaction's
-- lock (resolution.repository.ts), so no compaction folds deltas half into the old tree.
CREATE OR REPLACE FUNCTION report_rebuild_scopes(scopes uuid[]) RETURNS void
  LANGUAGE plpgsql
  AS $$
  BEGIN
    PERFORM pg_advisory_xact_lock(7263001);
    DELETE FROM report_scope_day_facts WHERE scope_id = ANY(scopes);
    DELETE FROM report_scope_month_facts WHERE scope_id = ANY(scopes);
    INSERT INTO report_scope_day_facts (scope_id, sector, day, rcv_in_person, rcv_online_full, rcv_online_partial, rcv_postal, mode_mobile_team, mode_at_home, mode_on_the_spot, res_early, res_on_time, res_late, end_withdrawn, end_stopped, end_refused, pending, overdue, supplement, suspended)
      SELECT sc.id, f.sector, f.day, sum(f.rcv_in_person)::int, sum(f.rcv_online_full)::int, sum(f.rcv_online_partial)::int, sum(f.rcv_postal)::int, sum(f.mode_mobile_team)::int, sum(f.mode_at_home)::int, sum(f.mode_on_the_spot)::int, sum(f.res_early)::int, sum(f.res_on_time)::int, sum(f.res_late)::int, sum(f.end_withdrawn)::int, sum(f.end_stopped)::int, sum(f.end_refused)::int, sum(f.pending)::int, sum(f.overdue)::int, sum(f.supplement)::int, sum(f.suspended)::int
      FROM unnest(scopes) AS sc(id) CROSS JOIN LATERAL report_scope_units(sc.id) AS u(id)
      JOIN report_day_facts f ON f.unit_id = u.id
      GROUP BY sc.id, f.sector, f.day;
    INSERT INTO report_scope_month_facts (scope_id, sector, month, rcv_in_person, rcv_online_full, rcv_online_partial, rcv_postal, mode_mobile_team, mode_at_home, mode_on_the_spot, res_early, res_on_time, res_late, end_withdrawn, end_stopped, end_refused, pending, overdue, supplement, suspended)
      SELECT sc.id, f.sector, f.month, sum(f.rcv_in_person)::int, sum(f.rcv_online_full)::int, sum(f.rcv_online_partial)::int, sum(f.rcv_postal)::int, sum(f.mode_mobile_team)::int, sum(f.mode_at_home)::int, sum(f.mode_on_the_spot)::int, sum(f.res_early)::int, sum(f.res_on_time)::int, sum(f.res_late)::int, sum(f.end_withdrawn)::int, sum(f.end_stopped)::int, sum(f.end_refused)::int, sum(f.pending)::int, sum(f.overdue)::int, sum(f.supplement)::int, sum(f.suspended)::int
      FROM unnest(scopes) AS sc(id) CROSS JOIN LATERAL report_scope_units(sc.id) AS u(id)
      JOIN report_month_facts f ON f.unit_id = u.id
      GROUP BY sc.id, f.sector, f.month;
  END
  $$;
--> statement-breakpoint
-- A unit moved under another parent, or merged into a successor: the scopes above it before and
-- after the change are rebuilt, in the same transaction (one statement may move many units).
CREATE OR REPLACE FUNCTION report_scopes_on_restructure() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    touched uuid[];
  BEGIN
    SELECT array_agg(DISTINCT sc) INTO touched FROM (
      SELECT o.parent_id AS a, o.successor_id AS b, n.parent_id AS c, n.successor_id AS d
      FROM old_units o JOIN new_units n ON n.id = o.id
      WHERE o.parent_id IS DISTINCT FROM n.parent_id OR o.successor_id IS DISTINCT FROM n.successor_id
    ) moved
    CROSS JOIN LATERAL (VALUES (moved.a), (moved.b), (moved.c), (moved.d)) AS x(start)
    CROSS JOIN LATERAL report_unit_scopes(x.start) AS sc
    WHERE x.start IS NOT NULL;
    IF touched IS NOT NULL THEN
      PERFORM report_rebuild_scopes(touched);
    END IF;
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER report_scopes_on_restructure AFTER UPDATE ON org_units
  REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units
  FOR EACH STATEMENT EXECUTE FUNCTION report_scopes_on_restructure();
--> statement-breakpoint
-- The facts folded before this migration, rolled up once.
SELECT report_rebuild_scopes(array(SELECT id FROM org_units));
