-- Dossier history partitioned by year (issue #9). Hand-written: drizzle-kit does not model
-- partitions. The rows move from the plain table into a table partitioned by RANGE (at), one
-- partition per Vietnam calendar year (1 January 00:00 +07:00), plus a default partition for
-- anything outside the years created (old imports, a clock far off); a year's history can then
-- be vacuumed, archived or detached on its own, and scans of a period read only its years.
--
-- Keys of a partitioned table must hold the partition key: the primary key is (id, at) and the
-- per-dossier key (dossier_id, seq, at). Events of one dossier are written one at a time under
-- the dossier row's version check, so (dossier_id, seq) stays unique (the kill test checks it).
-- No identity column (PostgreSQL 15 has none on partitioned tables): a sequence, continued
-- from the old table's last id.
ALTER TABLE dossier_events RENAME TO dossier_events_plain;--> statement-breakpoint
ALTER TABLE dossier_events_plain RENAME CONSTRAINT dossier_events_pkey TO dossier_events_plain_pkey;--> statement-breakpoint
ALTER INDEX dossier_events_seq_key RENAME TO dossier_events_plain_seq_key;--> statement-breakpoint
CREATE SEQUENCE dossier_event_ids AS bigint;--> statement-breakpoint
CREATE TABLE dossier_events (
	"id" bigint NOT NULL DEFAULT nextval('dossier_event_ids'),
	"dossier_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"command" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"step_index" integer,
	"step_name" text,
	"unit_id" uuid,
	"agency_id" uuid,
	"due_at" timestamp with time zone,
	"step_due_at" timestamp with time zone,
	"step_result" text,
	"note" text,
	"data" jsonb,
	CONSTRAINT "dossier_events_pkey" PRIMARY KEY ("id", "at")
) PARTITION BY RANGE ("at");--> statement-breakpoint
ALTER SEQUENCE dossier_event_ids OWNED BY dossier_events.id;--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_events_seq_key" ON dossier_events USING btree ("dossier_id", "seq", "at");--> statement-breakpoint
ALTER TABLE dossier_events ADD CONSTRAINT "dossier_events_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id");--> statement-breakpoint
ALTER TABLE dossier_events ADD CONSTRAINT "dossier_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id");--> statement-breakpoint
ALTER TABLE dossier_events ADD CONSTRAINT "dossier_events_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id");--> statement-breakpoint
ALTER TABLE dossier_events ADD CONSTRAINT "dossier_events_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id");--> statement-breakpoint
CREATE TABLE dossier_events_default PARTITION OF dossier_events DEFAULT;--> statement-breakpoint
-- The partition of a Vietnam calendar year; rows of that year waiting in the default partition
-- move into it (so a year can be added after the fact). Idempotent.
CREATE OR REPLACE FUNCTION dossier_events_add_year(y integer) RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  part text := 'dossier_events_' || y;
  lo timestamptz := make_timestamptz(y, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh');
  hi timestamptz := make_timestamptz(y + 1, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh');
BEGIN
  IF to_regclass(part) IS NOT NULL THEN RETURN; END IF;
  IF y < 2000 OR y > 2200 THEN RAISE EXCEPTION 'year % is out of range', y; END IF;
  EXECUTE format('CREATE TABLE %I (LIKE dossier_events INCLUDING DEFAULTS)', part);
  -- Rows of the year already in the default partition (insert-only: moved with the guard off
  -- for this transaction only, as a maintenance step).
  IF EXISTS (SELECT 1 FROM dossier_events_default WHERE at >= lo AND at < hi) THEN
    ALTER TABLE dossier_events_default DISABLE TRIGGER USER;
    EXECUTE format('INSERT INTO %I SELECT * FROM dossier_events_default WHERE at >= %L AND at < %L', part, lo, hi);
    DELETE FROM dossier_events_default WHERE at >= lo AND at < hi;
    ALTER TABLE dossier_events_default ENABLE TRIGGER USER;
  END IF;
  EXECUTE format('ALTER TABLE dossier_events ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
END $$;--> statement-breakpoint
-- Partitions for every year waiting in the default partition, the current year and the next
-- (called at start and every few hours by the server, and after the demo data is loaded).
-- Returns how many partitions it made.
CREATE OR REPLACE FUNCTION dossier_events_maintain() RETURNS integer
  LANGUAGE plpgsql AS $$
DECLARE
  y integer;
  years integer[];
  made integer := 0;
BEGIN
  -- Read the years first: moving rows needs the default partition not to be in use by a loop.
  SELECT array_agg(x) INTO years FROM (
    SELECT DISTINCT extract(year FROM at AT TIME ZONE 'Asia/Ho_Chi_Minh')::integer AS x FROM dossier_events_default
    UNION
    SELECT extract(year FROM now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::integer + k FROM generate_series(0, 1) k
  ) s;
  FOREACH y IN ARRAY years
  LOOP
    IF y BETWEEN 2000 AND 2200 AND to_regclass('dossier_events_' || y) IS NULL THEN
      PERFORM dossier_events_add_year(y);
      made := made + 1;
    END IF;
  END LOOP;
  RETURN made;
END $$;--> statement-breakpoint
-- Years from the oldest event to the next year (at least the current year and the next).
DO $$
DECLARE
  first_year integer := coalesce(
    (SELECT extract(year FROM min(at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::integer FROM dossier_events_plain),
    extract(year FROM now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::integer);
  last_year integer := greatest(
    extract(year FROM now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::integer + 1,
    coalesce((SELECT extract(year FROM max(at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::integer FROM dossier_events_plain), 0));
BEGIN
  FOR y IN first_year .. last_year LOOP PERFORM dossier_events_add_year(y); END LOOP;
END $$;--> statement-breakpoint
INSERT INTO dossier_events ("id", "dossier_id", "seq", "at", "recorded_at", "actor_user_id", "actor_label", "command", "from_state", "to_state", "step_index", "step_name", "unit_id", "agency_id", "due_at", "step_due_at", "step_result", "note", "data")
  SELECT "id", "dossier_id", "seq", "at", "recorded_at", "actor_user_id", "actor_label", "command", "from_state", "to_state", "step_index", "step_name", "unit_id", "agency_id", "due_at", "step_due_at", "step_result", "note", "data" FROM dossier_events_plain;--> statement-breakpoint
SELECT setval('dossier_event_ids', coalesce((SELECT max(id) FROM dossier_events), 0) + 1, false);--> statement-breakpoint
DROP TABLE dossier_events_plain;--> statement-breakpoint
-- Insert-only, as before (row triggers on the partitioned table apply to every partition).
CREATE TRIGGER dossier_events_insert_only BEFORE UPDATE OR DELETE ON dossier_events FOR EACH ROW EXECUTE FUNCTION dossier_events_forbid_change();--> statement-breakpoint
CREATE TRIGGER dossier_events_no_truncate BEFORE TRUNCATE ON dossier_events FOR EACH STATEMENT EXECUTE FUNCTION dossier_events_forbid_change();--> statement-breakpoint
COMMENT ON TABLE dossier_events IS 'Insert-only history of dossier transitions, partitioned by Vietnam year of at: (dossier_id, seq) unique and gapless, written with the state change.';
