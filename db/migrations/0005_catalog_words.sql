-- Spelling correction for catalog search: the vocabulary of unaccented words in procedure
-- names, kept by a trigger (procedure_versions is insert-only, so words only accumulate),
-- and levenshtein() to map a mistyped query word to the nearest known word.
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
--> statement-breakpoint
CREATE TABLE catalog_words (word text PRIMARY KEY);
--> statement-breakpoint
CREATE INDEX catalog_words_length_idx ON catalog_words (length(word));
--> statement-breakpoint
COMMENT ON TABLE catalog_words IS 'Distinct unaccented words of procedure names, for "did you mean" correction in search.';
--> statement-breakpoint
CREATE OR REPLACE FUNCTION catalog_words_collect() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    INSERT INTO catalog_words (word)
      SELECT DISTINCT w FROM regexp_split_to_table(NEW.search_name, '[^a-z0-9]+') AS w WHERE w ~ '[a-z]'
      ON CONFLICT DO NOTHING;
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER procedure_versions_words AFTER INSERT ON procedure_versions FOR EACH ROW EXECUTE FUNCTION catalog_words_collect();
--> statement-breakpoint
INSERT INTO catalog_words (word)
  SELECT DISTINCT w FROM procedure_versions, regexp_split_to_table(search_name, '[^a-z0-9]+') AS w WHERE w ~ '[a-z]'
  ON CONFLICT DO NOTHING;
