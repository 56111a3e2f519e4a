-- Tamper-evident audit log: insert-only, each row hashed together with its predecessor's hash.
COMMENT ON TABLE audit_log IS 'Insert-only, hash-chained audit of every mutating request and every read of personal data. Verify with `motcua audit verify`.';
--> statement-breakpoint
-- The canonical text of a row, hashed. Used by the insert trigger and by verification,
-- so both always agree on the serialisation.
CREATE OR REPLACE FUNCTION audit_row_hash(r audit_log) RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
      r.seq::text, r.prev_hash,
      to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      coalesce(r.actor_user_id::text, ''), coalesce(r.actor_label, ''), coalesce(r.unit_id::text, ''),
      r.action, coalesce(r.target, ''), r.outcome::text, coalesce(r.ip, ''), coalesce(r.request_id, ''),
      coalesce(r.details::text, '')), 'UTF8')), 'hex')
  $$;
--> statement-breakpoint
-- Assigns a gapless sequence number and links the row to the previous one. The advisory
-- lock serialises concurrent writers so the chain never forks.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    last_seq bigint;
    last_hash text;
  BEGIN
    PERFORM pg_advisory_xact_lock(72610001);
    SELECT seq, hash INTO last_seq, last_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
    NEW.seq := coalesce(last_seq, 0) + 1;
    NEW.prev_hash := coalesce(last_hash, '');
    NEW.at := clock_timestamp();
    NEW.hash := audit_row_hash(NEW);
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_forbid_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'audit_log is insert-only' USING ERRCODE = 'insufficient_privilege'; END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_insert_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_forbid_change();
--> statement-breakpoint
CREATE INDEX audit_log_unit_idx ON audit_log (unit_id, seq);
--> statement-breakpoint
COMMENT ON TABLE org_units IS 'Organisation tree. Effective-dated: abolished or merged units keep their rows (valid_to, successor_id) so history rolls up.';
--> statement-breakpoint
COMMENT ON TABLE org_unit_names IS 'Insert-only name history of a unit; the current name is the latest valid_from on or before the date asked.';
--> statement-breakpoint
COMMENT ON TABLE sessions IS 'Server-side sessions; id is the SHA-256 of the cookie token, never the token itself.';
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_forbid_change();
