CREATE TABLE "procedure_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"title" text,
	"signed_on" date NOT NULL,
	"effective_from" date NOT NULL,
	"issuer_unit_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedure_decisions_dates_check" CHECK ("procedure_decisions"."effective_from" >= "procedure_decisions"."signed_on")
);
--> statement-breakpoint
CREATE TABLE "procedure_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"decision_id" uuid NOT NULL,
	"change" text NOT NULL,
	"effective_from" date NOT NULL,
	"name" text NOT NULL,
	"sector" text NOT NULL,
	"levels" text[] NOT NULL,
	"online" text NOT NULL,
	"postal" boolean NOT NULL,
	"in_person" boolean NOT NULL,
	"deadline_kind" text NOT NULL,
	"deadline_value" numeric,
	"has_fee" boolean NOT NULL,
	"record" jsonb NOT NULL,
	"search_name" text GENERATED ALWAYS AS (f_unaccent(name)) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedure_versions_change_check" CHECK ("procedure_versions"."change" in ('added','amended','abolished')),
	CONSTRAINT "procedure_versions_online_check" CHECK ("procedure_versions"."online" in ('fully','partly','none')),
	CONSTRAINT "procedure_versions_version_check" CHECK ("procedure_versions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "unit_procedures" (
	"unit_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"local_notes" text,
	"reception_address" text,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_procedures_unit_id_procedure_id_pk" PRIMARY KEY("unit_id","procedure_id")
);
--> statement-breakpoint
ALTER TABLE "procedure_decisions" ADD CONSTRAINT "procedure_decisions_issuer_unit_id_org_units_id_fk" FOREIGN KEY ("issuer_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD CONSTRAINT "procedure_versions_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD CONSTRAINT "procedure_versions_decision_id_procedure_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."procedure_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_procedures" ADD CONSTRAINT "unit_procedures_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_procedures" ADD CONSTRAINT "unit_procedures_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_decisions_number_key" ON "procedure_decisions" USING btree (coalesce("issuer_unit_id", '00000000-0000-0000-0000-000000000000'::uuid),"number");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_versions_version_key" ON "procedure_versions" USING btree ("procedure_id","version");--> statement-breakpoint
CREATE INDEX "procedure_versions_effective_idx" ON "procedure_versions" USING btree ("procedure_id","effective_from");--> statement-breakpoint
CREATE INDEX "procedure_versions_sector_idx" ON "procedure_versions" USING btree ("sector");--> statement-breakpoint
CREATE INDEX "unit_procedures_procedure_idx" ON "unit_procedures" USING btree ("procedure_id");--> statement-breakpoint
-- Carry procedures created before versioning into version 1 under one "initial data" decision.
INSERT INTO "procedure_decisions" ("number", "title", "signed_on", "effective_from", "issuer_unit_id")
  SELECT 'KHOI-TAO', 'Dữ liệu ban đầu (trước khi quản lý phiên bản)', DATE '2025-07-01', DATE '2025-07-01',
         (SELECT id FROM org_units WHERE parent_id IS NULL ORDER BY code LIMIT 1)
  WHERE EXISTS (SELECT 1 FROM procedures);--> statement-breakpoint
INSERT INTO "procedure_versions" ("procedure_id", "version", "decision_id", "change", "effective_from", "name", "sector",
    "levels", "online", "postal", "in_person", "deadline_kind", "deadline_value", "has_fee", "record")
  SELECT p.id, 1, d.id, 'added', DATE '2025-07-01', p.name, p.sector, p.levels, 'none', false, true,
         CASE WHEN p.same_day THEN 'same_day' ELSE 'working_days' END, p.deadline_working_days, false,
         jsonb_build_object('code', p.code, 'name', p.name, 'sector', p.sector, 'levels', to_jsonb(p.levels),
           'channels', jsonb_build_object('inPerson', true, 'online', 'none', 'postal', false),
           'deadline', jsonb_build_object('kind', CASE WHEN p.same_day THEN 'same_day' ELSE 'working_days' END,
                                          'value', p.deadline_working_days, 'note', null),
           'fees', '[]'::jsonb, 'documents', '[]'::jsonb, 'legalBasis', '[]'::jsonb, 'onTheSpot', false)
  FROM procedures p CROSS JOIN (SELECT id FROM procedure_decisions WHERE number = 'KHOI-TAO') d;--> statement-breakpoint
ALTER TABLE "procedures" DROP COLUMN "name";--> statement-breakpoint
ALTER TABLE "procedures" DROP COLUMN "sector";--> statement-breakpoint
ALTER TABLE "procedures" DROP COLUMN "levels";--> statement-breakpoint
ALTER TABLE "procedures" DROP COLUMN "deadline_working_days";--> statement-breakpoint
ALTER TABLE "procedures" DROP COLUMN "same_day";--> statement-breakpoint
-- Typo-tolerant, diacritics-free search: trigram index over the unaccented name.
CREATE INDEX "procedure_versions_search_trgm" ON "procedure_versions" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
COMMENT ON TABLE "procedure_versions" IS 'Insert-only: every published change of a procedure (added, amended, abolished) under a decision. The version in force on a date is the latest with effective_from <= date; an abolished one means not in force.';--> statement-breakpoint
COMMENT ON TABLE "procedure_decisions" IS 'Published decisions (number, dates, issuer) that add, amend or abolish procedures.';--> statement-breakpoint
COMMENT ON TABLE "unit_procedures" IS 'Procedures a unit serves, with its local details.';
