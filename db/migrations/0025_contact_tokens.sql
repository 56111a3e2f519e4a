ALTER TABLE "account_tokens" DROP CONSTRAINT "account_tokens_purpose_check";--> statement-breakpoint
ALTER TABLE "account_tokens" ADD COLUMN "new_contact" text;--> statement-breakpoint
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_contact_check" CHECK (("account_tokens"."purpose" = 'contact') = ("account_tokens"."new_contact" is not null));--> statement-breakpoint
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_purpose_check" CHECK ("account_tokens"."purpose" in ('invite','reset','contact'));--> statement-breakpoint
COMMENT ON TABLE account_tokens IS 'Single-use links: set a password (invite a new official, reset) or confirm a new e-mail or phone (contact). The token''s SHA-256 only; used_at set once.';
--> statement-breakpoint
COMMENT ON COLUMN account_tokens.new_contact IS 'A contact change: the new e-mail or phone (encrypted, label account_tokens.new_contact); null for the other purposes.';
