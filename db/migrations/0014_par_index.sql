CREATE TABLE "par_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"set_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"self_total" numeric(6, 2) DEFAULT 0 NOT NULL,
	"appraised_total" numeric(6, 2),
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"appraised_by" uuid,
	"appraised_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "par_assessments_status" CHECK ("par_assessments"."status" in ('draft','submitted','appraised')),
	CONSTRAINT "par_assessments_totals" CHECK ("par_assessments"."self_total" between 0 and 100 and ("par_assessments"."appraised_total" is null or "par_assessments"."appraised_total" between 0 and 100)),
	CONSTRAINT "par_assessments_submitted" CHECK (("par_assessments"."status" = 'draft') = ("par_assessments"."submitted_at" is null) and ("par_assessments"."submitted_at" is null) = ("par_assessments"."submitted_by" is null)),
	CONSTRAINT "par_assessments_appraised" CHECK (("par_assessments"."status" = 'appraised') = ("par_assessments"."appraised_at" is not null)
        and ("par_assessments"."appraised_at" is null) = ("par_assessments"."appraised_by" is null)
        and ("par_assessments"."status" <> 'appraised' or "par_assessments"."appraised_total" is not null))
);
--> statement-breakpoint
CREATE TABLE "par_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"set_id" uuid NOT NULL,
	"code" text NOT NULL,
	"parent_code" text,
	"title" text NOT NULL,
	"title_en" text,
	"max_points" numeric(6, 2) NOT NULL,
	"guidance" text,
	"auto_source" text,
	"sort_order" integer NOT NULL,
	CONSTRAINT "par_criteria_code" CHECK ("par_criteria"."code" ~ '^[0-9]{1,3}(\.[0-9]{1,3}){0,5}$'),
	CONSTRAINT "par_criteria_parent" CHECK ("par_criteria"."parent_code" is null or "par_criteria"."parent_code" <> "par_criteria"."code"),
	CONSTRAINT "par_criteria_max_points" CHECK ("par_criteria"."max_points" > 0 and "par_criteria"."max_points" <= 100),
	CONSTRAINT "par_criteria_title" CHECK (length(btrim("par_criteria"."title")) > 0),
	CONSTRAINT "par_criteria_auto_source" CHECK ("par_criteria"."auto_source" is null or "par_criteria"."auto_source" in ('on_time_share','online_share','satisfaction_share','apology_share'))
);
--> statement-breakpoint
CREATE TABLE "par_criteria_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuer_unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"level" text NOT NULL,
	"title" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "par_criteria_sets_year" CHECK ("par_criteria_sets"."year" between 2000 and 2100),
	CONSTRAINT "par_criteria_sets_level" CHECK ("par_criteria_sets"."level" in ('province','district','commune')),
	CONSTRAINT "par_criteria_sets_title" CHECK (length(btrim("par_criteria_sets"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "par_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "par_evidence_size" CHECK ("par_evidence"."size" > 0),
	CONSTRAINT "par_evidence_sha256" CHECK ("par_evidence"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "par_scores" (
	"assessment_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"max_points" numeric(6, 2) NOT NULL,
	"self_points" numeric(6, 2),
	"self_note" text,
	"auto_figure" jsonb,
	"self_by" uuid,
	"self_at" timestamp with time zone,
	"appraised_points" numeric(6, 2),
	"appraisal_note" text,
	"appraised_by" uuid,
	"appraised_at" timestamp with time zone,
	CONSTRAINT "par_scores_assessment_id_criterion_id_pk" PRIMARY KEY("assessment_id","criterion_id"),
	CONSTRAINT "par_scores_max" CHECK ("par_scores"."max_points" > 0),
	CONSTRAINT "par_scores_self_points" CHECK ("par_scores"."self_points" is null or ("par_scores"."self_points" >= 0 and "par_scores"."self_points" <= "par_scores"."max_points")),
	CONSTRAINT "par_scores_appraised_points" CHECK ("par_scores"."appraised_points" is null or ("par_scores"."appraised_points" >= 0 and "par_scores"."appraised_points" <= "par_scores"."max_points"))
);
--> statement-breakpoint
ALTER TABLE "par_assessments" ADD CONSTRAINT "par_assessments_set_id_par_criteria_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."par_criteria_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_assessments" ADD CONSTRAINT "par_assessments_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_assessments" ADD CONSTRAINT "par_assessments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_assessments" ADD CONSTRAINT "par_assessments_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_assessments" ADD CONSTRAINT "par_assessments_appraised_by_users_id_fk" FOREIGN KEY ("appraised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_criteria" ADD CONSTRAINT "par_criteria_set_id_par_criteria_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."par_criteria_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_criteria_sets" ADD CONSTRAINT "par_criteria_sets_issuer_unit_id_org_units_id_fk" FOREIGN KEY ("issuer_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_criteria_sets" ADD CONSTRAINT "par_criteria_sets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_criteria_sets" ADD CONSTRAINT "par_criteria_sets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_evidence" ADD CONSTRAINT "par_evidence_assessment_id_par_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."par_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_evidence" ADD CONSTRAINT "par_evidence_criterion_id_par_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."par_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_evidence" ADD CONSTRAINT "par_evidence_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_scores" ADD CONSTRAINT "par_scores_assessment_id_par_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."par_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_scores" ADD CONSTRAINT "par_scores_criterion_id_par_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."par_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_scores" ADD CONSTRAINT "par_scores_self_by_users_id_fk" FOREIGN KEY ("self_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_scores" ADD CONSTRAINT "par_scores_appraised_by_users_id_fk" FOREIGN KEY ("appraised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "par_assessments_set_unit_key" ON "par_assessments" USING btree ("set_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "par_assessments_unit_year_key" ON "par_assessments" USING btree ("unit_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "par_criteria_set_code_key" ON "par_criteria" USING btree ("set_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "par_criteria_sets_issuer_year_level_key" ON "par_criteria_sets" USING btree ("issuer_unit_id","year","level");--> statement-breakpoint
CREATE INDEX "par_evidence_assessment_idx" ON "par_evidence" USING btree ("assessment_id","criterion_id");--> statement-breakpoint
CREATE INDEX "par_evidence_criterion_idx" ON "par_evidence" USING btree ("criterion_id");--> statement-breakpoint
CREATE INDEX "par_scores_criterion_idx" ON "par_scores" USING btree ("criterion_id");--> statement-breakpoint
-- The criteria of a set are frozen once one of its assessments has been submitted.
CREATE OR REPLACE FUNCTION par_criteria_frozen() RETURNS trigger
  LANGUAGE plpgsql
AS $$
DECLARE
  s uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN s := OLD.set_id; ELSE s := NEW.set_id; END IF;
  IF EXISTS (SELECT 1 FROM par_assessments WHERE set_id = s AND status <> 'draft') THEN
    RAISE EXCEPTION 'par_criteria: set % has a submitted assessment; its criteria cannot change', s
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER par_criteria_frozen BEFORE INSERT OR UPDATE OR DELETE ON par_criteria FOR EACH ROW EXECUTE FUNCTION par_criteria_frozen();
--> statement-breakpoint
-- At commit: a set's top-level maximum points add up to 100, every parent exists in the set, and
-- the sub-criteria of a criterion add up to its maximum (the service checks the same first).
CREATE OR REPLACE FUNCTION par_criteria_sums() RETURNS trigger
  LANGUAGE plpgsql
AS $$
DECLARE
  s uuid;
  top numeric;
  bad text;
BEGIN
  IF TG_OP = 'DELETE' THEN s := OLD.set_id; ELSE s := NEW.set_id; END IF;
  IF NOT EXISTS (SELECT 1 FROM par_criteria_sets WHERE id = s) THEN RETURN NULL; END IF;
  SELECT coalesce(sum(max_points), 0) INTO top FROM par_criteria WHERE set_id = s AND parent_code IS NULL;
  IF top <> 100 THEN
    RAISE EXCEPTION 'par_criteria: the top-level criteria of set % add up to %, not 100', s, top
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT c.code INTO bad FROM par_criteria c
    WHERE c.set_id = s AND c.parent_code IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM par_criteria p WHERE p.set_id = s AND p.code = c.parent_code)
    LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'par_criteria: the parent of criterion % of set % does not exist', bad, s
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT p.code INTO bad FROM par_criteria p JOIN par_criteria c ON c.set_id = p.set_id AND c.parent_code = p.code
    WHERE p.set_id = s GROUP BY p.code, p.max_points HAVING sum(c.max_points) <> p.max_points
    LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'par_criteria: the sub-criteria of % in set % do not add up to its maximum', bad, s
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER par_criteria_sums AFTER INSERT OR UPDATE OR DELETE ON par_criteria
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION par_criteria_sums();
