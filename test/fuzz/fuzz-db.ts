// The fuzz database's own instruments (installed by the runner on its copy of the demo database,
// never by a migration): a change counter bumped by statement triggers, and pools of real ids.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../src/db/client.ts";

/**
 * Tables whose changes on a refused request are expected, so they get no counter trigger:
 * - audit_log: refused requests are audited by design (plugins/audit.ts, onSend);
 * - rate_limit_hits: the PostgreSQL rate-limit store counts every request, refused or not.
 * Per-route exceptions (a refused sign-in counts the failed attempt on `users`) are in run.ts.
 */
export const UNCOUNTED_TABLES = ["audit_log", "rate_limit_hits"] as const;

/**
 * One counter row per table, bumped by AFTER … FOR EACH STATEMENT triggers that look at the
 * transition table, so a statement that changed no row (an UPDATE matching nothing) does not
 * count. A rolled-back transaction rolls its bumps back too: only committed changes are seen.
 */
export async function installChangeCounters(db: Executor): Promise<string[]> {
  const tables = (
    await queryRows<{ name: string }>(
      db,
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
          order by 1`,
    )
  )
    .map((r) => r.name)
    .filter((t) => !(UNCOUNTED_TABLES as readonly string[]).includes(t));
  const statements = [
    "create table fuzz_changes (tbl text primary key, n bigint not null default 0)",
    `create function fuzz_bump() returns trigger language plpgsql as $$
     begin
       if exists (select 1 from fuzz_rows) then
         update fuzz_changes set n = n + 1 where tbl = TG_TABLE_NAME;
       end if;
       return null;
     end $$`,
  ];
  for (const t of tables) {
    statements.push(`insert into fuzz_changes (tbl) values ('${t}')`);
    for (const [name, event, rows] of [
      ["fuzz_ins", "insert", "new"],
      ["fuzz_upd", "update", "new"],
      ["fuzz_del", "delete", "old"],
    ])
      statements.push(
        `create trigger ${name} after ${event} on "${t}" referencing ${rows} table as fuzz_rows
         for each statement execute function fuzz_bump()`,
      );
  }
  for (const s of statements) await db.execute(sql.raw(s));
  return tables;
}

export async function changeTotal(db: Executor): Promise<number> {
  const rows = await queryRows<{ total: string | number }>(db, sql`select sum(n) as total from fuzz_changes`);
  return Number(rows[0]?.total ?? 0);
}

export async function changesByTable(db: Executor): Promise<Map<string, number>> {
  const rows = await queryRows<{ tbl: string; n: string | number }>(db, sql`select tbl, n from fuzz_changes`);
  return new Map(rows.map((r) => [r.tbl, Number(r.n)]));
}

/** Tables whose counters differ between two snapshots. */
export function changedTables(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after].filter(([t, n]) => (before.get(t) ?? 0) !== n).map(([t]) => t);
}

/** Path segment before a parameter (or the parameter's own name) → the table its values come from. */
const SEGMENT_TABLE: Record<string, string> = {
  units: "org_units",
  dossiers: "dossiers",
  documents: "documents",
  imports: "import_runs",
  sets: "par_criteria_sets",
  assessments: "par_assessments",
  "self-scores": "par_criteria",
  evidence: "par_evidence",
  slots: "appointment_slots",
  bookings: "appointments",
  appointments: "appointments",
  desks: "service_desks",
  tickets: "queue_tickets",
  petitions: "petitions",
  feedback: "feedback_items",
  photos: "feedback_photos",
  payments: "payments",
  desk: "dossiers",
  procedures: "procedures",
  processes: "procedures",
  eforms: "procedures",
  roles: "role_grants",
  display: "org_units",
  stream: "org_units",
  services: "feedback_services",
  requests: "feedback_items",
};
const FIELD_TABLE: Record<string, string> = {
  unitId: "org_units",
  handlingUnitId: "org_units",
  toUnit: "org_units",
  issuerUnitId: "org_units",
  parentId: "org_units",
  successorId: "org_units",
  unitCode: "org_units",
  parentCode: "org_units",
  jurisdiction_id: "org_units",
  grantId: "role_grants",
  docId: "documents",
  documentId: "documents",
  photoId: "feedback_photos",
  procedureCode: "procedures",
  procedure_code: "procedures",
  dossierId: "dossiers",
  dossierCode: "dossiers",
  deskId: "service_desks",
  desk_id: "service_desks",
  slotId: "appointment_slots",
  assigneeId: "users",
  handlerId: "users",
  userId: "users",
  agencyId: "agencies",
  serviceCode: "feedback_services",
  service_code: "feedback_services",
  // Sign-in with real user names (and wrong passwords): refusals that count failed attempts.
  username: "users",
};
const columnOf = (name: string) =>
  name === "username"
    ? "username"
    : /code$/i.test(name) || name === "file" || name === "jurisdiction_id"
      ? "code"
      : "id";

export type IdPools = {
  /** Real values for a body or query field, by its name. */
  field: (name: string) => readonly string[] | undefined;
  /** Real values for a path parameter of a route. */
  path: (route: string, param: string) => readonly string[] | undefined;
};

/**
 * Up to 40 ids (or codes) of each table the routes name, read once from the demo database.
 * `exclude` keeps values out of the pools (the fuzz's own role grants: revoking them would
 * leave the rest of the run without its roles).
 */
export async function loadPools(db: Executor, exclude: Set<string>): Promise<IdPools> {
  const cache = new Map<string, string[]>();
  const columns = await queryRows<{ t: string; c: string }>(
    db,
    sql`select table_name as t, column_name as c from information_schema.columns where table_schema = 'public'`,
  );
  const has = new Set(columns.map((r) => `${r.t}.${r.c}`));
  for (const table of new Set([...Object.values(SEGMENT_TABLE), ...Object.values(FIELD_TABLE)]))
    for (const column of ["id", "code", "username"]) {
      if (!has.has(`${table}.${column}`)) continue;
      const rows = await queryRows<{ v: string }>(
        db,
        sql.raw(
          `select "${column}"::text as v from "${table}" where "${column}" is not null order by md5("${column}"::text) limit 40`,
        ),
      );
      cache.set(
        `${table}.${column}`,
        rows.map((r) => r.v).filter((v) => !exclude.has(v)),
      );
    }
  const formCodes = ["01", "02", "03", "04", "05", "06", "07", "receipt", "x"];
  return {
    field: (name) => {
      const table = FIELD_TABLE[name];
      return table ? cache.get(`${table}.${columnOf(name)}`) : undefined;
    },
    path: (route, param) => {
      if (param === "form") return formCodes;
      const segments = route.split("/");
      const at = segments.indexOf(`{${param}}`);
      const table = FIELD_TABLE[param] ?? SEGMENT_TABLE[segments[at - 1] ?? ""];
      if (!table) return undefined;
      const values = cache.get(`${table}.${columnOf(param)}`);
      return param === "file" ? values?.map((v) => `${v}.json`) : values;
    },
  };
}
