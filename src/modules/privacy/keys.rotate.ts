// `motcua keys rotate [--check]`: brings every encrypted identifier and every blind index to the
// first key of MOTCUA_DATA_KEYS / MOTCUA_INDEX_KEYS. One pass does three jobs: encrypts values
// still in plaintext (a database from before column encryption), re-encrypts values under an
// older data key, and recomputes blind indexes made with an older index key. Rows are read in
// primary-key order in batches, each batch in its own transaction, and every update is guarded by
// the value it replaces, so a row edited meanwhile is left for the next run.
//
// The database cannot do this itself (it never holds the keys): the values go through the app.
import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { uniqueViolation } from "../../shared/errors.ts";
import {
  blindIndex,
  decrypt,
  encrypt,
  type FieldKeyRing,
  type IdentifierKind,
  isEncrypted,
  needsRotation,
  normaliseIdentifier,
} from "./field-crypto.ts";

/** One encrypted value of a row: how to read it, write it back, and the blind index it feeds. */
type Field = {
  /** SQL reading the stored value (a column, or a jsonb field as text). */
  read: string;
  /** The label the value is bound to (src/db/schema*.ts, encryptedText / encryptedJsonb). */
  label: string;
  /** SQL assignment of the new stored value ($v is the value's placeholder). */
  write: (v: string) => SQL;
  /** The blind-index column this value feeds, with the identifier's kind. */
  bidx?: { column: string; kind: IdentifierKind };
};

type Target = {
  table: string;
  pk: string;
  where?: string;
  /** A `set local` each batch's transaction starts with (the inbox's trigger lets a re-seal through). */
  session?: SQL;
  fields: Field[];
};

const col = (name: string) => (v: string) => sql`${sql.raw(name)} = ${v}`;
const jsonField = (column: string, key: string) => (v: string) =>
  sql`${sql.raw(column)} = jsonb_set(${sql.raw(column)}, ${`{${key}}`}::text[], to_jsonb(${v}::text))`;

/**
 * A jsonb column sealed whole (`sealedJsonb`, `{"$enc": …}`): the ciphertext is read, or the
 * document's text when it was stored before sealing; either way it is written back sealed.
 */
const sealedColumn = (column: string, label: string): Field => ({
  read: `case when ${column} ? '$enc' then ${column}->>'$enc' else ${column}::text end`,
  label,
  write: (v) => sql`${sql.raw(column)} = jsonb_build_object('$enc', ${v}::text)`,
});

/** Every encrypted identifier of the schema (keep in step with src/db/schema*.ts and SECURITY.md). */
export const ROTATION_TARGETS: readonly Target[] = [
  {
    table: "users",
    pk: "id",
    fields: [
      {
        read: "phone",
        label: "users.phone",
        write: col("phone"),
        bidx: { column: "phone_bidx", kind: "phone" },
      },
    ],
  },
  {
    table: "account_tokens",
    pk: "id",
    // A contact change's new e-mail or phone, until the link is used or retention deletes it.
    fields: [{ read: "new_contact", label: "account_tokens.new_contact", write: col("new_contact") }],
  },
  {
    table: "dossiers",
    pk: "id",
    fields: [
      {
        read: "applicant->>'idNumber'",
        label: "dossiers.applicant.id_number",
        write: jsonField("applicant", "idNumber"),
        bidx: { column: "applicant_id_bidx", kind: "idNumber" },
      },
      {
        read: "applicant->>'phone'",
        label: "dossiers.applicant.phone",
        write: jsonField("applicant", "phone"),
      },
      sealedColumn("form_data", "dossiers.form_data"),
    ],
  },
  {
    table: "appointments",
    pk: "id",
    fields: [
      {
        read: "phone",
        label: "appointments.phone",
        write: col("phone"),
        bidx: { column: "person_key", kind: "phone" },
      },
    ],
  },
  {
    table: "feedback_items",
    pk: "id",
    fields: [{ read: "phone", label: "feedback_items.phone", write: col("phone") }],
  },
  {
    table: "petition_parties",
    pk: "petition_id",
    fields: [
      { read: "id_number", label: "petition_parties.id_number", write: col("id_number") },
      { read: "phone", label: "petition_parties.phone", write: col("phone") },
    ],
  },
  {
    table: "outbox",
    pk: "id",
    // Mail and SMS recipients; the national portal's rows carry a dossier code in clear.
    where: "channel in ('email', 'sms')",
    fields: [{ read: "recipient", label: "outbox.recipient", write: col("recipient") }],
  },
  {
    table: "idempotency_keys",
    pk: "(scope || ' ' || key)",
    // A command's first answer (a reception's holds the applicant), kept sealed as {"$enc": …}.
    fields: [sealedColumn("response", "idempotency_keys.response")],
  },
  {
    table: "national_portal_inbox",
    pk: "id",
    // Insert-only: its trigger lets the payload alone be re-sealed under this setting (migration 0023).
    session: sql`set local motcua.key_rotation = 'on'`,
    fields: [sealedColumn("payload", "national_portal_inbox.payload")],
  },
];

export type RotationCounts = Record<
  string,
  {
    rows: number;
    values: number;
    indexes: number;
    /** Rows whose new blind index another row already holds (one number, two spellings). */
    conflicts: string[];
  }
>;

export type RotationOptions = {
  data: FieldKeyRing;
  index: FieldKeyRing;
  /** Count what would change, change nothing. */
  check?: boolean;
  batchSize?: number;
  onProgress?: (table: string, done: number) => void;
};

type Row = { pk: string } & Record<string, string | null>;

/** What one row needs: new stored values and new blind indexes (empty when it is up to date). */
function planRow(row: Row, target: Target, opts: RotationOptions) {
  const sets: SQL[] = [];
  const guards: SQL[] = [];
  let values = 0;
  let indexes = 0;
  target.fields.forEach((field, i) => {
    const stored = row[`v${i}`];
    if (stored == null || stored === "") return; // absent, or erased by retention
    const plain = isEncrypted(stored) ? decrypt(opts.data, stored, field.label) : stored;
    if (needsRotation(opts.data, stored)) {
      sets.push(field.write(encrypt(opts.data, plain, field.label)));
      guards.push(sql`${sql.raw(field.read)} is not distinct from ${stored}`);
      values++;
    }
    if (field.bidx && normaliseIdentifier(field.bidx.kind, plain) !== "") {
      const expected = blindIndex(opts.index[0]!, field.bidx.kind, plain);
      if (row[`b${i}`] !== expected) {
        sets.push(sql`${sql.raw(field.bidx.column)} = ${expected}`);
        indexes++;
      }
    }
  });
  return { sets, guards, values, indexes };
}

/** Rotates (or, with `check`, counts) every target; returns the counts per table. */
export async function rotateKeys(db: Executor, opts: RotationOptions) {
  if (opts.data.length === 0 || opts.index.length === 0)
    throw new Error("MOTCUA_DATA_KEYS and MOTCUA_INDEX_KEYS are needed to rotate");
  const batchSize = opts.batchSize ?? 500;
  const counts: RotationCounts = {};
  for (const target of ROTATION_TARGETS) {
    const total = { rows: 0, values: 0, indexes: 0, conflicts: [] as string[] };
    counts[target.table] = total;
    const columns = target.fields.flatMap((f, i) => [
      sql`${sql.raw(f.read)} as ${sql.raw(`v${i}`)}`,
      sql`${sql.raw(f.bidx ? f.bidx.column : "null::text")} as ${sql.raw(`b${i}`)}`,
    ]);
    let after: string | null = null;
    let seen = 0;
    for (;;) {
      const done: number = await db.transaction(async (tx) => {
        if (target.session) await tx.execute(target.session);
        const rows = await queryRows<Row>(
          tx,
          sql`select ${sql.raw(target.pk)}::text as pk, ${sql.join(columns, sql`, `)}
              from ${sql.raw(target.table)}
              where ${sql.raw(target.where ?? "true")}
                and (${after}::text is null or ${sql.raw(target.pk)}::text > ${after})
              order by ${sql.raw(target.pk)}::text
              limit ${batchSize}`,
        );
        for (const row of rows) {
          const plan = planRow(row, target, opts);
          if (plan.sets.length === 0) continue;
          total.rows++;
          total.values += plan.values;
          total.indexes += plan.indexes;
          if (opts.check) continue;
          try {
            // A savepoint per row: a unique blind index already taken (two accounts holding one
            // number in two spellings, which plaintext uniqueness let through) is reported, and
            // the batch goes on.
            await tx.transaction((sp) =>
              sp.execute(
                sql`update ${sql.raw(target.table)} set ${sql.join(plan.sets, sql`, `)}
                    where ${sql.raw(target.pk)}::text = ${row.pk}
                    ${plan.guards.length ? sql`and ${sql.join(plan.guards, sql` and `)}` : sql``}`,
              ),
            );
          } catch (err) {
            if (uniqueViolation(err) !== undefined) total.conflicts.push(row.pk);
            else throw err;
          }
        }
        after = rows.at(-1)?.pk ?? after;
        return rows.length;
      });
      seen += done;
      opts.onProgress?.(target.table, seen);
      if (done < batchSize) break;
    }
  }
  return counts;
}
