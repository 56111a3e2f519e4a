CREATE TABLE "dossier_code_counters" (
	"prefix" text NOT NULL,
	"day" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "dossier_code_counters_prefix_day_pk" PRIMARY KEY("prefix","day")
);
--> statement-breakpoint
CREATE TABLE "dossier_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dossier_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
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
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text,
	"national_code" text,
	"rule_set" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"handling_unit_id" uuid NOT NULL,
	"transfer_unit_id" uuid,
	"transfer_agency_id" uuid,
	"procedure_id" uuid NOT NULL,
	"procedure_version_id" uuid NOT NULL,
	"process_version_id" uuid,
	"steps" jsonb NOT NULL,
	"channel" text NOT NULL,
	"service_mode" text DEFAULT 'desk' NOT NULL,
	"state" text NOT NULL,
	"step_index" integer,
	"resume_state" text,
	"decision" text,
	"applicant_user_id" uuid,
	"applicant_name" text NOT NULL,
	"applicant" jsonb NOT NULL,
	"subject" text,
	"documents" jsonb NOT NULL,
	"sets" integer DEFAULT 1 NOT NULL,
	"fees" jsonb NOT NULL,
	"result_delivery" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"received_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"promised_at" timestamp with time zone,
	"step_due_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"return_method" text,
	"timeliness" text,
	"supplement_count" integer DEFAULT 0 NOT NULL,
	"apology_count" integer DEFAULT 0 NOT NULL,
	"assignee_id" uuid,
	"assisted_by" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossiers_sets_check" CHECK ("dossiers"."sets" between 1 and 100),
	CONSTRAINT "dossiers_supplement_once" CHECK ("dossiers"."supplement_count" between 0 and 1),
	CONSTRAINT "dossiers_apology_once" CHECK ("dossiers"."apology_count" between 0 and 1),
	CONSTRAINT "dossiers_code_when_received" CHECK (("dossiers"."code" is null) = ("dossiers"."received_at" is null))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"channel" text NOT NULL,
	"template" text NOT NULL,
	"locale" text DEFAULT 'vi' NOT NULL,
	"recipient" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"provider_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_handling_unit_id_org_units_id_fk" FOREIGN KEY ("handling_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_transfer_unit_id_org_units_id_fk" FOREIGN KEY ("transfer_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_transfer_agency_id_agencies_id_fk" FOREIGN KEY ("transfer_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_procedure_version_id_procedure_versions_id_fk" FOREIGN KEY ("procedure_version_id") REFERENCES "public"."procedure_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_process_version_id_process_versions_id_fk" FOREIGN KEY ("process_version_id") REFERENCES "public"."process_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_applicant_user_id_users_id_fk" FOREIGN KEY ("applicant_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_assisted_by_users_id_fk" FOREIGN KEY ("assisted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_events_seq_key" ON "dossier_events" USING btree ("dossier_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_code_key" ON "dossiers" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_national_code_key" ON "dossiers" USING btree ("national_code");--> statement-breakpoint
CREATE INDEX "dossiers_unit_state_idx" ON "dossiers" USING btree ("unit_id","state","due_at");--> statement-breakpoint
CREATE INDEX "dossiers_handling_state_idx" ON "dossiers" USING btree ("handling_unit_id","state","due_at");--> statement-breakpoint
CREATE INDEX "dossiers_applicant_idx" ON "dossiers" USING btree ("applicant_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe_key" ON "outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE OR REPLACE FUNCTION dossier_events_forbid_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'dossier_events is insert-only' USING ERRCODE = 'insufficient_privilege'; END $$;
--> statement-breakpoint
CREATE TRIGGER dossier_events_insert_only BEFORE UPDATE OR DELETE ON dossier_events FOR EACH ROW EXECUTE FUNCTION dossier_events_forbid_change();
--> statement-breakpoint
CREATE TRIGGER dossier_events_no_truncate BEFORE TRUNCATE ON dossier_events FOR EACH STATEMENT EXECUTE FUNCTION dossier_events_forbid_change();
--> statement-breakpoint
COMMENT ON TABLE "dossiers" IS 'Current state of each dossier, kept in step with dossier_events in the same transaction; version = number of events (optimistic concurrency).';
--> statement-breakpoint
COMMENT ON TABLE "dossier_events" IS 'Insert-only history of dossier transitions: (dossier_id, seq) unique and gapless, written with the state change.';
--> statement-breakpoint
COMMENT ON TABLE "dossier_code_counters" IS 'Daily sequence per receiving agency prefix; incremented inside the reception transaction (row lock serializes concurrent receptions).';
--> statement-breakpoint
COMMENT ON TABLE "outbox" IS 'Notifications to send after commit; the worker claims due rows, sends, and marks them sent (dedupe_key unique: enqueued once).';
