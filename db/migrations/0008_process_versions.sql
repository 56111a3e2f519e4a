CREATE TABLE "process_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"decision_ref" text NOT NULL,
	"approved_on" date NOT NULL,
	"steps" jsonb NOT NULL,
	"total_hours" numeric NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "process_versions_total_check" CHECK ("process_versions"."total_hours" > 0)
);
--> statement-breakpoint
ALTER TABLE "process_versions" ADD CONSTRAINT "process_versions_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_versions" ADD CONSTRAINT "process_versions_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "process_versions_version_key" ON "process_versions" USING btree ("procedure_id","unit_id","version");--> statement-breakpoint
COMMENT ON TABLE "process_versions" IS 'Insert-only versions of a procedure''s internal process in a unit (ordered steps with role or agency and working hours; transfer and parallel-opinion branches), each approved by a decision. The latest version is in force.';
