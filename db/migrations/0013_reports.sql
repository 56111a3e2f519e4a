CREATE TABLE "historical_dossiers" (
	"code" text PRIMARY KEY NOT NULL,
	"procedure_id" uuid NOT NULL,
	"procedure_version_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"sector" text NOT NULL,
	"channel" text NOT NULL,
	"service_mode" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"outcome" text NOT NULL,
	"timeliness" text,
	"rating" text,
	"import_run_id" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "historical_dossiers_order" CHECK (("historical_dossiers"."resolved_at" is null or "historical_dossiers"."resolved_at" >= "historical_dossiers"."received_at")
        and ("historical_dossiers"."returned_at" is null or "historical_dossiers"."returned_at" >= "historical_dossiers"."received_at")
        and ("historical_dossiers"."due_at" is null or "historical_dossiers"."due_at" >= "historical_dossiers"."received_at")),
	CONSTRAINT "historical_dossiers_outcome" CHECK (("historical_dossiers"."outcome" = 'pending') = ("historical_dossiers"."resolved_at" is null)
        and ("historical_dossiers"."outcome" = 'returned') = ("historical_dossiers"."timeliness" is not null))
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text,
	"status" text DEFAULT 'running' NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"inserted_rows" integer DEFAULT 0 NOT NULL,
	"duplicate_rows" integer DEFAULT 0 NOT NULL,
	"failed_rows" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"started_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_day_facts" (
	"unit_id" uuid NOT NULL,
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
	CONSTRAINT "report_day_facts_unit_id_day_sector_pk" PRIMARY KEY("unit_id","day","sector")
);
--> statement-breakpoint
CREATE TABLE "report_deltas" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_deltas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"unit_id" uuid NOT NULL,
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
	"suspended" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_month_facts" (
	"unit_id" uuid NOT NULL,
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
	CONSTRAINT "report_month_facts_unit_id_month_sector_pk" PRIMARY KEY("unit_id","month","sector"),
	CONSTRAINT "report_month_facts_first_day" CHECK (extract(day from "report_month_facts"."month") = 1)
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "report_sector" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "report_overdue_on" date;--> statement-breakpoint
ALTER TABLE "historical_dossiers" ADD CONSTRAINT "historical_dossiers_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "historical_dossiers" ADD CONSTRAINT "historical_dossiers_procedure_version_id_procedure_versions_id_fk" FOREIGN KEY ("procedure_version_id") REFERENCES "public"."procedure_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "historical_dossiers" ADD CONSTRAINT "historical_dossiers_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "historical_dossiers" ADD CONSTRAINT "historical_dossiers_import_run_id_import_runs_id_fk" FOREIGN KEY ("import_run_id") REFERENCES "public"."import_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "historical_dossiers_unit_received_idx" ON "historical_dossiers" USING btree ("unit_id","received_at");--> statement-breakpoint
CREATE INDEX "import_runs_started_idx" ON "import_runs" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "report_deltas_unit_day_idx" ON "report_deltas" USING btree ("unit_id","day");--> statement-breakpoint
-- Imported history is kept as imported: no update or delete (a second import of the same code is ignored).
CREATE TRIGGER historical_dossiers_immutable BEFORE UPDATE OR DELETE ON historical_dossiers FOR EACH ROW EXECUTE FUNCTION portal_insert_only();
