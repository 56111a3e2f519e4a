CREATE TABLE "payment_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payment_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"payment_id" uuid,
	"txn_ref" text,
	"kind" text NOT NULL,
	"signature_valid" boolean,
	"outcome" text,
	"status_after" text,
	"params" jsonb NOT NULL,
	"note" text,
	"actor_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_receipt_counters" (
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "payment_receipt_counters_unit_id_year_pk" PRIMARY KEY("unit_id","year")
);
--> statement-breakpoint
CREATE TABLE "payment_refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"request_id" text NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"transaction_type" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"response_code" text,
	"provider_txn_no" text,
	"last_error" text,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "payment_refunds_amount_check" CHECK ("payment_refunds"."amount_vnd" > 0),
	CONSTRAINT "payment_refunds_reason_check" CHECK (length(btrim("payment_refunds"."reason")) between 1 and 500),
	CONSTRAINT "payment_refunds_request_id_check" CHECK ("payment_refunds"."request_id" ~ '^[A-Za-z0-9_-]{1,32}$')
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"txn_ref" text NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"fee_lines" jsonb NOT NULL,
	"fee_key" text NOT NULL,
	"order_info" text NOT NULL,
	"locale" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"refunded_vnd" bigint DEFAULT 0 NOT NULL,
	"provider_txn_no" text,
	"bank_code" text,
	"card_type" text,
	"response_code" text,
	"transaction_status" text,
	"paid_at" timestamp with time zone,
	"receipt_year" integer,
	"receipt_no" integer,
	"expires_at" timestamp with time zone NOT NULL,
	"next_query_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_amount_check" CHECK ("payments"."amount_vnd" > 0),
	CONSTRAINT "payments_refunded_check" CHECK ("payments"."refunded_vnd" between 0 and "payments"."amount_vnd"),
	CONSTRAINT "payments_txn_ref_check" CHECK ("payments"."txn_ref" ~ '^[A-Za-z0-9_-]{1,100}$'),
	CONSTRAINT "payments_receipt_when_received" CHECK (("payments"."receipt_no" is null) = ("payments"."receipt_year" is null) and ("payments"."status" not in ('paid', 'partially_refunded', 'refunded', 'duplicate') or ("payments"."receipt_no" is not null and "payments"."paid_at" is not null))),
	CONSTRAINT "payments_refund_status_check" CHECK (("payments"."status" = 'refunded') = ("payments"."refunded_vnd" = "payments"."amount_vnd") and ("payments"."status" = 'partially_refunded') = ("payments"."refunded_vnd" > 0 and "payments"."refunded_vnd" < "payments"."amount_vnd") or "payments"."status" = 'duplicate')
);
--> statement-breakpoint
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_receipt_counters" ADD CONSTRAINT "payment_receipt_counters_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_events_payment_idx" ON "payment_events" USING btree ("payment_id","id");--> statement-breakpoint
CREATE INDEX "payment_events_txn_ref_idx" ON "payment_events" USING btree ("txn_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_refunds_request_key" ON "payment_refunds" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "payment_refunds_payment_idx" ON "payment_refunds" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "payment_refunds_due_idx" ON "payment_refunds" USING btree ("next_attempt_at") WHERE "payment_refunds"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "payments_txn_ref_key" ON "payments" USING btree ("txn_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_one_paid_key" ON "payments" USING btree ("dossier_id","fee_key") WHERE "payments"."status" in ('paid', 'partially_refunded');--> statement-breakpoint
CREATE UNIQUE INDEX "payments_receipt_key" ON "payments" USING btree ("unit_id","receipt_year","receipt_no");--> statement-breakpoint
CREATE INDEX "payments_dossier_idx" ON "payments" USING btree ("dossier_id","created_at");--> statement-breakpoint
CREATE INDEX "payments_unit_created_idx" ON "payments" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "payments_pending_query_idx" ON "payments" USING btree ("next_query_at") WHERE "payments"."status" = 'pending';--> statement-breakpoint
-- Hand-written below: closed sets, insert-only history, refunds within the payment, fixed terms.
ALTER TABLE "payments" ADD CONSTRAINT "payments_status_check" CHECK ("status" in ('pending', 'paid', 'failed', 'expired', 'refunded', 'partially_refunded', 'duplicate'));
--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_provider_check" CHECK ("provider" in ('vnpay'));
--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_status_check" CHECK ("status" in ('pending', 'succeeded', 'failed'));
--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_type_check" CHECK ("transaction_type" in ('02', '03'));
--> statement-breakpoint
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_kind_check" CHECK ("kind" in ('redirect', 'return', 'ipn', 'query', 'refund_request', 'refund_result', 'expire'));
--> statement-breakpoint
-- Every message exchanged with the gateway is kept as it came: insert-only.
CREATE TRIGGER payment_events_insert_only BEFORE UPDATE OR DELETE ON payment_events FOR EACH ROW EXECUTE FUNCTION portal_insert_only();
--> statement-breakpoint
-- What was asked of the gateway is never changed afterwards: amount, reference, dossier, unit, fee lines.
CREATE OR REPLACE FUNCTION payments_fixed_terms() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN
    IF TG_OP = 'DELETE' THEN
      RAISE EXCEPTION 'payments: rows are never deleted' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.amount_vnd <> OLD.amount_vnd OR NEW.txn_ref <> OLD.txn_ref OR NEW.dossier_id <> OLD.dossier_id
       OR NEW.unit_id <> OLD.unit_id OR NEW.fee_lines <> OLD.fee_lines OR NEW.fee_key <> OLD.fee_key
       OR NEW.refunded_vnd < OLD.refunded_vnd
       OR (OLD.receipt_no IS NOT NULL AND (NEW.receipt_no IS DISTINCT FROM OLD.receipt_no OR NEW.receipt_year IS DISTINCT FROM OLD.receipt_year)) THEN
      RAISE EXCEPTION 'payments: the terms of a payment, its receipt and its refunds are fixed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END $$;
--> statement-breakpoint
CREATE TRIGGER payments_fixed_terms BEFORE UPDATE OR DELETE ON payments FOR EACH ROW EXECUTE FUNCTION payments_fixed_terms();
--> statement-breakpoint
-- The refunds of a payment that are not failed never exceed it (the payment row is locked, so
-- two concurrent requests are checked one after the other).
CREATE OR REPLACE FUNCTION payment_refunds_within_amount() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    paid bigint;
    asked bigint;
  BEGIN
    IF TG_OP = 'DELETE' THEN
      RAISE EXCEPTION 'payment_refunds: rows are never deleted' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.payment_id <> OLD.payment_id OR NEW.amount_vnd <> OLD.amount_vnd
        OR NEW.request_id <> OLD.request_id OR (OLD.status <> 'pending' AND NEW.status <> OLD.status)) THEN
      RAISE EXCEPTION 'payment_refunds: a request and its outcome are fixed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT amount_vnd INTO paid FROM payments WHERE id = NEW.payment_id FOR UPDATE;
    SELECT coalesce(sum(amount_vnd), 0) INTO asked FROM payment_refunds
      WHERE payment_id = NEW.payment_id AND status <> 'failed' AND id <> NEW.id;
    IF NEW.status <> 'failed' AND asked + NEW.amount_vnd > paid THEN
      RAISE EXCEPTION 'payment_refunds: refunds (% + %) exceed the payment (%)', asked, NEW.amount_vnd, paid
        USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_refunds_within_amount';
    END IF;
    RETURN NEW;
  END $$;
--> statement-breakpoint
CREATE TRIGGER payment_refunds_within_amount BEFORE INSERT OR UPDATE OR DELETE ON payment_refunds FOR EACH ROW EXECUTE FUNCTION payment_refunds_within_amount();
--> statement-breakpoint
COMMENT ON TABLE "payments" IS 'Online fee payments: one row per attempt through a gateway; only the IPN or a query changes its status.';
--> statement-breakpoint
COMMENT ON TABLE "payment_events" IS 'Every message exchanged with the payment gateway (redirect, return, IPN, query, refund), insert-only, without the hash secret.';
