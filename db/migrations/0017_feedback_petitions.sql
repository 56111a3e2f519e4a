CREATE TABLE "feedback_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feedback_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"feedback_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"service_code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"procedure_id" uuid,
	"desk_id" uuid,
	"description" text NOT NULL,
	"lat" double precision,
	"long" double precision,
	"address" text,
	"citizen_id" uuid,
	"first_name" text,
	"last_name" text,
	"email" text,
	"phone" text,
	"device_id" text,
	"client_key" text,
	"consent_publish" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"reply" text,
	"replied_at" timestamp with time zone,
	"replied_by" uuid,
	"public_text" text,
	"published_at" timestamp with time zone,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_items_description_check" CHECK (length(btrim("feedback_items"."description")) between 1 and 5000),
	CONSTRAINT "feedback_items_point_check" CHECK (("feedback_items"."lat" is null) = ("feedback_items"."long" is null) and ("feedback_items"."lat" is null or ("feedback_items"."lat" between -90 and 90 and "feedback_items"."long" between -180 and 180))),
	CONSTRAINT "feedback_items_published_check" CHECK ("feedback_items"."published_at" is null or ("feedback_items"."consent_publish" and "feedback_items"."public_text" is not null and "feedback_items"."reply" is not null))
);
--> statement-breakpoint
CREATE TABLE "feedback_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"feedback_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_photos_size_check" CHECK ("feedback_photos"."size" between 1 and 10485760),
	CONSTRAINT "feedback_photos_type_check" CHECK ("feedback_photos"."content_type" in ('image/jpeg','image/png','image/webp'))
);
--> statement-breakpoint
CREATE TABLE "feedback_services" (
	"code" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"description_vi" text NOT NULL,
	"description_en" text NOT NULL,
	"group_name" text NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"answer_days" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "feedback_services_code_check" CHECK ("feedback_services"."code" ~ '^[a-z0-9_.-]{2,40}$'),
	CONSTRAINT "feedback_services_days_check" CHECK ("feedback_services"."answer_days" between 1 and 90)
);
--> statement-breakpoint
CREATE TABLE "petition_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "petition_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"petition_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_parties" (
	"petition_id" uuid PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"id_number" text,
	"address" text,
	"phone" text,
	"email" text,
	"confidential" boolean NOT NULL,
	CONSTRAINT "petition_parties_name_check" CHECK (length(btrim("petition_parties"."full_name")) between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "petitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"subject" text NOT NULL,
	"content" text NOT NULL,
	"concerns" text,
	"status" text DEFAULT 'received' NOT NULL,
	"accept_due_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"resolve_due_at" timestamp with time zone,
	"extensions" integer DEFAULT 0 NOT NULL,
	"handler_id" uuid,
	"decision" text,
	"decided_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "petitions_subject_check" CHECK (length(btrim("petitions"."subject")) between 1 and 500),
	CONSTRAINT "petitions_content_check" CHECK (length(btrim("petitions"."content")) between 1 and 20000),
	CONSTRAINT "petitions_extensions_check" CHECK ("petitions"."extensions" between 0 and 2)
);
--> statement-breakpoint
ALTER TABLE "feedback_events" ADD CONSTRAINT "feedback_events_feedback_id_feedback_items_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."feedback_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_events" ADD CONSTRAINT "feedback_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_service_code_feedback_services_code_fk" FOREIGN KEY ("service_code") REFERENCES "public"."feedback_services"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_desk_id_service_desks_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."service_desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_citizen_id_users_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_replied_by_users_id_fk" FOREIGN KEY ("replied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_photos" ADD CONSTRAINT "feedback_photos_feedback_id_feedback_items_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."feedback_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_events" ADD CONSTRAINT "petition_events_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_events" ADD CONSTRAINT "petition_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_parties" ADD CONSTRAINT "petition_parties_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_handler_id_users_id_fk" FOREIGN KEY ("handler_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_events_item_idx" ON "feedback_events" USING btree ("feedback_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_items_code_key" ON "feedback_items" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_items_idempotency_key" ON "feedback_items" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "feedback_items_unit_idx" ON "feedback_items" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "feedback_items_status_idx" ON "feedback_items" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "feedback_photos_item_idx" ON "feedback_photos" USING btree ("feedback_id");--> statement-breakpoint
CREATE INDEX "petition_events_petition_idx" ON "petition_events" USING btree ("petition_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "petitions_code_key" ON "petitions" USING btree ("unit_id","code");--> statement-breakpoint
CREATE INDEX "petitions_unit_idx" ON "petitions" USING btree ("unit_id","received_at");--> statement-breakpoint
CREATE INDEX "petitions_due_idx" ON "petitions" USING btree ("status","resolve_due_at");--> statement-breakpoint
-- Histories are insert-only.
CREATE TRIGGER feedback_events_insert_only BEFORE UPDATE OR DELETE ON feedback_events FOR EACH ROW EXECUTE FUNCTION portal_insert_only();
--> statement-breakpoint
CREATE TRIGGER petition_events_insert_only BEFORE UPDATE OR DELETE ON petition_events FOR EACH ROW EXECUTE FUNCTION portal_insert_only();
