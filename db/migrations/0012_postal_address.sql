ALTER TABLE "dossiers" ADD COLUMN "postal_address" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_postal_address_check" CHECK ("postal_address" is null or length("postal_address") between 1 and 500);
