CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid,
	"owner_user_id" uuid,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"reused_from" uuid,
	"uploaded_by" uuid,
	"signed" boolean DEFAULT false NOT NULL,
	"signature" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_kind_check" CHECK ("documents"."kind" in ('submitted','result','digitized')),
	CONSTRAINT "documents_size_check" CHECK ("documents"."size" > 0),
	CONSTRAINT "documents_sha256_check" CHECK ("documents"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "documents_name_check" CHECK (length(btrim("documents"."name")) between 1 and 255),
	CONSTRAINT "documents_signature_check" CHECK ("documents"."signed" = ("documents"."signature" is not null)),
	CONSTRAINT "documents_result_signed_check" CHECK ("documents"."kind" <> 'result' or "documents"."signed"),
	CONSTRAINT "documents_attached_check" CHECK ("documents"."dossier_id" is not null or "documents"."owner_user_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_reused_from_documents_id_fk" FOREIGN KEY ("reused_from") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_dossier_idx" ON "documents" USING btree ("dossier_id","created_at");--> statement-breakpoint
CREATE INDEX "documents_owner_idx" ON "documents" USING btree ("owner_user_id","created_at");--> statement-breakpoint
CREATE INDEX "documents_sha256_idx" ON "documents" USING btree ("sha256");--> statement-breakpoint
CREATE OR REPLACE FUNCTION documents_guard() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN
    IF TG_OP = 'DELETE' AND OLD.kind <> 'result' THEN RETURN OLD; END IF;
    RAISE EXCEPTION 'documents: rows are never updated and results never deleted (a new version is a new row)'
      USING ERRCODE = 'insufficient_privilege';
  END $$;
--> statement-breakpoint
CREATE TRIGGER documents_immutable BEFORE UPDATE OR DELETE ON documents FOR EACH ROW EXECUTE FUNCTION documents_guard();
--> statement-breakpoint
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents FOR EACH STATEMENT EXECUTE FUNCTION documents_guard();
--> statement-breakpoint
COMMENT ON TABLE "documents" IS 'Files of dossiers and citizens'' document stores; bytes in the content-addressed blob store by sha256. Rows are never updated; results (signed electronic results) are never deleted: a corrected result is a new row.';
