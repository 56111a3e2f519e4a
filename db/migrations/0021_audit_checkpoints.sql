CREATE TABLE "audit_checkpoints" (
	"id" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"reason" text NOT NULL,
	"key_id" text NOT NULL,
	"prev_signature" text NOT NULL,
	"signature" text NOT NULL,
	CONSTRAINT "audit_checkpoints_reason_check" CHECK ("audit_checkpoints"."reason" in ('interval', 'backup', 'manual')),
	CONSTRAINT "audit_checkpoints_seq_check" CHECK ("audit_checkpoints"."seq" >= 0)
);
--> statement-breakpoint
COMMENT ON TABLE audit_checkpoints IS 'Insert-only signed anchors of the audit chain (seq, hash), numbered 1, 2, 3… without gaps; each signs the previous signature. Written by the server every AUDIT_CHECKPOINT_MINUTES, by `motcua backup` and `motcua audit checkpoint`; checked by `motcua audit verify`.';
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_checkpoints_forbid_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'audit_checkpoints is insert-only' USING ERRCODE = 'insufficient_privilege'; END $$;
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_insert_only BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_forbid_change();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_forbid_change();
