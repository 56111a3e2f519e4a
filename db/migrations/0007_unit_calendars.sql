CREATE TABLE "unit_calendars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"config" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "unit_calendars" ADD CONSTRAINT "unit_calendars_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unit_calendars_unit_idx" ON "unit_calendars" USING btree ("unit_id","created_at");--> statement-breakpoint
COMMENT ON TABLE "unit_calendars" IS 'Insert-only versions of a unit''s working calendar (hours, weekly days, swaps, make-up days). The latest row is in force; a unit without rows uses its nearest ancestor''s, and the national defaults above the root.';
