CREATE TABLE "appointment_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "appointment_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"appointment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appointment_rules" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"slot_minutes" integer DEFAULT 30 NOT NULL,
	"book_days_ahead" integer DEFAULT 30 NOT NULL,
	"min_lead_minutes" integer DEFAULT 60 NOT NULL,
	"cancel_minutes_before" integer DEFAULT 120 NOT NULL,
	"per_person_per_day" integer DEFAULT 2 NOT NULL,
	"saturday_morning" jsonb,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_rules_slot_check" CHECK ("appointment_rules"."slot_minutes" between 5 and 240),
	CONSTRAINT "appointment_rules_ahead_check" CHECK ("appointment_rules"."book_days_ahead" between 1 and 365),
	CONSTRAINT "appointment_rules_lead_check" CHECK ("appointment_rules"."min_lead_minutes" between 0 and 10080),
	CONSTRAINT "appointment_rules_cancel_check" CHECK ("appointment_rules"."cancel_minutes_before" between 0 and 10080),
	CONSTRAINT "appointment_rules_person_check" CHECK ("appointment_rules"."per_person_per_day" between 1 and 20)
);
--> statement-breakpoint
CREATE TABLE "appointment_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"desk_id" uuid,
	"sector" text,
	"procedure_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_slots_window_check" CHECK ("appointment_slots"."ends_at" > "appointment_slots"."starts_at"),
	CONSTRAINT "appointment_slots_capacity_check" CHECK ("appointment_slots"."capacity" between 1 and 500),
	CONSTRAINT "appointment_slots_booked_check" CHECK ("appointment_slots"."booked" between 0 and "appointment_slots"."capacity")
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"slot_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"procedure_id" uuid,
	"sector" text,
	"citizen_id" uuid,
	"full_name" text NOT NULL,
	"phone" text NOT NULL,
	"email" text,
	"person_key" text NOT NULL,
	"day" date NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"channel" text NOT NULL,
	"locale" text DEFAULT 'vi' NOT NULL,
	"rescheduled_from" uuid,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointments_name_check" CHECK (length(btrim("appointments"."full_name")) between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "queue_counters" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "queue_counters_unit_id_day_pk" PRIMARY KEY("unit_id","day")
);
--> statement-breakpoint
CREATE TABLE "queue_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "queue_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"ticket_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"desk_id" uuid,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"number" integer NOT NULL,
	"sector" text,
	"source" text NOT NULL,
	"appointment_id" uuid,
	"priority_from" timestamp with time zone,
	"status" text DEFAULT 'waiting' NOT NULL,
	"desk_id" uuid,
	"official_id" uuid,
	"dossier_id" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"called_at" timestamp with time zone,
	"serving_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"calls" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "queue_tickets_number_check" CHECK ("queue_tickets"."number" >= 1)
);
--> statement-breakpoint
CREATE TABLE "service_desks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"name" text NOT NULL,
	"sectors" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_desks_number_check" CHECK ("service_desks"."number" between 1 and 999),
	CONSTRAINT "service_desks_name_check" CHECK (length(btrim("service_desks"."name")) between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "unit_contacts" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"hotline" text,
	"email" text,
	"zalo" text,
	"facebook" text,
	"address" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_contacts_hotline_check" CHECK ("unit_contacts"."hotline" is null or "unit_contacts"."hotline" ~ '^[0-9 .+()-]{3,20}$'),
	CONSTRAINT "unit_contacts_email_check" CHECK ("unit_contacts"."email" is null or length("unit_contacts"."email") <= 254),
	CONSTRAINT "unit_contacts_zalo_check" CHECK ("unit_contacts"."zalo" is null or length("unit_contacts"."zalo") <= 300),
	CONSTRAINT "unit_contacts_facebook_check" CHECK ("unit_contacts"."facebook" is null or length("unit_contacts"."facebook") <= 300)
);
--> statement-breakpoint
ALTER TABLE "appointment_events" ADD CONSTRAINT "appointment_events_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_events" ADD CONSTRAINT "appointment_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_rules" ADD CONSTRAINT "appointment_rules_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_rules" ADD CONSTRAINT "appointment_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD CONSTRAINT "appointment_slots_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD CONSTRAINT "appointment_slots_desk_id_service_desks_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."service_desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD CONSTRAINT "appointment_slots_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD CONSTRAINT "appointment_slots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_slot_id_appointment_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."appointment_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_citizen_id_users_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_counters" ADD CONSTRAINT "queue_counters_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_events" ADD CONSTRAINT "queue_events_ticket_id_queue_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."queue_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_events" ADD CONSTRAINT "queue_events_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_events" ADD CONSTRAINT "queue_events_desk_id_service_desks_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."service_desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_events" ADD CONSTRAINT "queue_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_desk_id_service_desks_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."service_desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_official_id_users_id_fk" FOREIGN KEY ("official_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_desks" ADD CONSTRAINT "service_desks_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_contacts" ADD CONSTRAINT "unit_contacts_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_contacts" ADD CONSTRAINT "unit_contacts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_events_appointment_idx" ON "appointment_events" USING btree ("appointment_id","id");--> statement-breakpoint
CREATE INDEX "appointment_slots_unit_idx" ON "appointment_slots" USING btree ("unit_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_code_key" ON "appointments" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_idempotency_key" ON "appointments" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_person_slot_key" ON "appointments" USING btree ("slot_id","person_key") WHERE "appointments"."status" in ('booked','checked_in');--> statement-breakpoint
CREATE INDEX "appointments_person_day_idx" ON "appointments" USING btree ("person_key","day");--> statement-breakpoint
CREATE INDEX "appointments_unit_day_idx" ON "appointments" USING btree ("unit_id","day");--> statement-breakpoint
CREATE INDEX "appointments_citizen_idx" ON "appointments" USING btree ("citizen_id","created_at");--> statement-breakpoint
CREATE INDEX "queue_events_unit_idx" ON "queue_events" USING btree ("unit_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_tickets_number_key" ON "queue_tickets" USING btree ("unit_id","day","number");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_tickets_appointment_key" ON "queue_tickets" USING btree ("appointment_id");--> statement-breakpoint
CREATE INDEX "queue_tickets_waiting_idx" ON "queue_tickets" USING btree ("unit_id","day","status");--> statement-breakpoint
CREATE UNIQUE INDEX "service_desks_number_key" ON "service_desks" USING btree ("unit_id","number");--> statement-breakpoint
-- Histories are insert-only.
CREATE TRIGGER appointment_events_insert_only BEFORE UPDATE OR DELETE ON appointment_events FOR EACH ROW EXECUTE FUNCTION portal_insert_only();
--> statement-breakpoint
CREATE TRIGGER queue_events_insert_only BEFORE UPDATE OR DELETE ON queue_events FOR EACH ROW EXECUTE FUNCTION portal_insert_only();
