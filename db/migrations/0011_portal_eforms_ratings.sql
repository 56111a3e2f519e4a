CREATE TABLE "dossier_ratings" (
	"dossier_id" uuid PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"comment" text,
	"channel" text NOT NULL,
	"rated_by" uuid,
	"official_id" uuid,
	"unit_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_ratings_level_check" CHECK ("dossier_ratings"."level" in ('very_satisfied','satisfied','normal','dissatisfied')),
	CONSTRAINT "dossier_ratings_channel_check" CHECK ("dossier_ratings"."channel" in ('portal','link','desk')),
	CONSTRAINT "dossier_ratings_comment_check" CHECK ("dossier_ratings"."comment" is null or length("dossier_ratings"."comment") <= 2000)
);
--> statement-breakpoint
CREATE TABLE "eforms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_version_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"title" text NOT NULL,
	"schema" jsonb NOT NULL,
	"ui" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "eforms_revision_check" CHECK ("eforms"."revision" >= 1),
	CONSTRAINT "eforms_title_check" CHECK (length(btrim("eforms"."title")) between 1 and 300),
	CONSTRAINT "eforms_schema_check" CHECK (jsonb_typeof("eforms"."schema") = 'object')
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "eform_id" uuid;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "form_data" jsonb;--> statement-breakpoint
ALTER TABLE "dossier_ratings" ADD CONSTRAINT "dossier_ratings_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_ratings" ADD CONSTRAINT "dossier_ratings_rated_by_users_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_ratings" ADD CONSTRAINT "dossier_ratings_official_id_users_id_fk" FOREIGN KEY ("official_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_ratings" ADD CONSTRAINT "dossier_ratings_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eforms" ADD CONSTRAINT "eforms_procedure_version_id_procedure_versions_id_fk" FOREIGN KEY ("procedure_version_id") REFERENCES "public"."procedure_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eforms" ADD CONSTRAINT "eforms_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eforms" ADD CONSTRAINT "eforms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_ratings_unit_idx" ON "dossier_ratings" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "eforms_revision_key" ON "eforms" USING btree ("procedure_version_id","unit_id","revision");--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_eform_id_eforms_id_fk" FOREIGN KEY ("eform_id") REFERENCES "public"."eforms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_form_data_check" CHECK ("form_data" is null or (jsonb_typeof("form_data") = 'object' and "eform_id" is not null));--> statement-breakpoint
CREATE OR REPLACE FUNCTION portal_insert_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN
    RAISE EXCEPTION '%: rows are insert-only (a change is a new row)', TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END $$;
--> statement-breakpoint
CREATE TRIGGER eforms_immutable BEFORE UPDATE OR DELETE ON eforms FOR EACH ROW EXECUTE FUNCTION portal_insert_only();
--> statement-breakpoint
CREATE TRIGGER dossier_ratings_immutable BEFORE UPDATE OR DELETE ON dossier_ratings FOR EACH ROW EXECUTE FUNCTION portal_insert_only();
--> statement-breakpoint
COMMENT ON TABLE "eforms" IS 'Application forms (JSON Schema + UI layout) per procedure version and unit; each save is a new revision; insert-only.';
--> statement-breakpoint
COMMENT ON TABLE "dossier_ratings" IS 'Applicants'' satisfaction with returned dossiers: one row per dossier, never changed.';
