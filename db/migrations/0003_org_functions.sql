-- The unit's name in force on a date; a unit created with a future name shows that name.
CREATE OR REPLACE FUNCTION unit_name_at(p_unit uuid, p_at date) RETURNS text
  LANGUAGE sql STABLE
  AS $$
    SELECT name FROM org_unit_names
    WHERE unit_id = p_unit
    ORDER BY (valid_from <= p_at) DESC,
             CASE WHEN valid_from <= p_at THEN valid_from END DESC,
             valid_from ASC
    LIMIT 1
  $$;
--> statement-breakpoint
-- Ancestor chain of a unit, root first and the unit itself last (empty when it does not exist).
CREATE OR REPLACE FUNCTION unit_path(p_unit uuid) RETURNS uuid[]
  LANGUAGE sql STABLE
  AS $$
    WITH RECURSIVE up(id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM org_units WHERE id = p_unit
      UNION ALL
      SELECT u.id, u.parent_id, up.depth + 1 FROM org_units u JOIN up ON u.id = up.parent_id
      WHERE up.depth < 64
    )
    SELECT coalesce(array_agg(id ORDER BY depth DESC), '{}') FROM up
  $$;
--> statement-breakpoint
-- Where a unit's history rolls up on a date: follow successors of units abolished before it.
CREATE OR REPLACE FUNCTION unit_rollup_at(p_unit uuid, p_at date) RETURNS uuid
  LANGUAGE sql STABLE
  AS $$
    WITH RECURSIVE chain(id, successor_id, valid_to, depth) AS (
      SELECT id, successor_id, valid_to, 0 FROM org_units WHERE id = p_unit
      UNION ALL
      SELECT u.id, u.successor_id, u.valid_to, c.depth + 1 FROM org_units u JOIN chain c ON u.id = c.successor_id
      WHERE c.valid_to IS NOT NULL AND c.valid_to < p_at AND c.depth < 64
    )
    SELECT id FROM chain ORDER BY depth DESC LIMIT 1
  $$;
