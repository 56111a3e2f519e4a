CREATE TABLE "integration_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "national_portal_inbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "national_portal_inbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"message_id" text NOT NULL,
	"national_code" text NOT NULL,
	"kind" text NOT NULL,
	"payload_sha256" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"dossier_id" uuid,
	"error" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "national_portal_inbox_message_id_check" CHECK (length("national_portal_inbox"."message_id") between 1 and 200),
	CONSTRAINT "national_portal_inbox_accepted_has_dossier" CHECK ("national_portal_inbox"."status" <> 'accepted' or "national_portal_inbox"."dossier_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "rate_limit_hits" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rate_limit_hits_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
ALTER TABLE "national_portal_inbox" ADD CONSTRAINT "national_portal_inbox_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "national_portal_inbox_message_key" ON "national_portal_inbox" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "national_portal_inbox_code_idx" ON "national_portal_inbox" USING btree ("national_code");--> statement-breakpoint
CREATE INDEX "rate_limit_hits_expires_idx" ON "rate_limit_hits" USING btree ("expires_at");--> statement-breakpoint
-- What the portal sent is kept as it came: insert-only.
CREATE TRIGGER national_portal_inbox_insert_only BEFORE UPDATE OR DELETE ON national_portal_inbox FOR EACH ROW EXECUTE FUNCTION portal_insert_only();
--> statement-breakpoint
-- Counters only: a crash may forget them, and a replica need not carry them.
ALTER TABLE rate_limit_hits SET UNLOGGED;
