DROP INDEX "users_phone_key";--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "applicant_id_bidx" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_bidx" text;--> statement-breakpoint
CREATE INDEX "dossiers_applicant_id_bidx_idx" ON "dossiers" USING btree ("applicant_id_bidx") WHERE "dossiers"."applicant_id_bidx" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "users_phone_bidx_key" ON "users" USING btree ("phone_bidx");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_phone_bidx_shape" CHECK ("phone_bidx" IS NULL OR "phone_bidx" ~ '^[0-9a-f]{32}$');
--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_applicant_id_bidx_shape" CHECK ("applicant_id_bidx" IS NULL OR "applicant_id_bidx" ~ '^[0-9a-f]{32}$');
--> statement-breakpoint
COMMENT ON COLUMN users.phone IS 'v1.<keyId>.<iv>.<ciphertext>: AES-256-GCM under MOTCUA_DATA_KEYS, bound to the label users.phone (src/db/encrypted.ts). Never compared in SQL: see phone_bidx.';
--> statement-breakpoint
COMMENT ON COLUMN users.phone_bidx IS 'HMAC-SHA256 (MOTCUA_INDEX_KEYS) of the normalised phone, 32 hex: sign-in by phone, account matching, one account per phone.';
--> statement-breakpoint
COMMENT ON COLUMN dossiers.applicant IS 'The applicant block; idNumber and phone inside it are encrypted values (labels dossiers.applicant.id_number / .phone), the other fields readable.';
--> statement-breakpoint
COMMENT ON COLUMN dossiers.applicant_id_bidx IS 'HMAC-SHA256 (MOTCUA_INDEX_KEYS) of applicant.idNumber: the desk''s search by ID number.';
--> statement-breakpoint
COMMENT ON COLUMN appointments.phone IS 'Encrypted (label appointments.phone), or '''' once erased by retention.';
--> statement-breakpoint
COMMENT ON COLUMN appointments.person_key IS 'HMAC-SHA256 (MOTCUA_INDEX_KEYS) of the normalised phone (the per-day limit), or erased:<id>.';
--> statement-breakpoint
COMMENT ON COLUMN feedback_items.phone IS 'Encrypted (label feedback_items.phone).';
--> statement-breakpoint
COMMENT ON COLUMN petition_parties.id_number IS 'Encrypted (label petition_parties.id_number).';
--> statement-breakpoint
COMMENT ON COLUMN petition_parties.phone IS 'Encrypted (label petition_parties.phone).';
