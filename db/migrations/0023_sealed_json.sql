-- E-form answers and the national portal's raw messages are sealed whole by the app
-- (src/db/encrypted.ts sealedJsonb): {"$enc": "v1.<keyId>.<iv>.<ciphertext>"}, AES-256-GCM under
-- MOTCUA_DATA_KEYS. No SQL reads inside them. Rows from before stay readable until
-- `motcua keys rotate` seals them.
COMMENT ON COLUMN dossiers.form_data IS 'The e-form answers sealed whole: {"$enc": v1.…} (label dossiers.form_data; src/db/encrypted.ts). Never read inside in SQL.';
--> statement-breakpoint
COMMENT ON COLUMN national_portal_inbox.payload IS 'The message as received, sealed whole: {"$enc": v1.…} (label national_portal_inbox.payload).';
--> statement-breakpoint
COMMENT ON COLUMN idempotency_keys.response IS 'The first answer, sealed whole: {"$enc": v1.…} (label idempotency_keys.response).';
--> statement-breakpoint
-- The inbox stays insert-only, with one exception: `motcua keys rotate` may re-seal a message
-- (payload alone changes, and both the old and the new payload are sealed or the old one is
-- plaintext), inside a transaction that says so with `set local motcua.key_rotation = 'on'`.
CREATE OR REPLACE FUNCTION national_portal_inbox_reseal_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN
    IF TG_OP = 'UPDATE'
       AND coalesce(current_setting('motcua.key_rotation', true), '') = 'on'
       AND NEW.payload ? '$enc'
       AND (to_jsonb(NEW) - 'payload') = (to_jsonb(OLD) - 'payload') THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION '%: rows are insert-only (a change is a new row)', TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END $$;
--> statement-breakpoint
DROP TRIGGER national_portal_inbox_insert_only ON national_portal_inbox;
--> statement-breakpoint
CREATE TRIGGER national_portal_inbox_insert_only BEFORE UPDATE OR DELETE ON national_portal_inbox FOR EACH ROW EXECUTE FUNCTION national_portal_inbox_reseal_only();
