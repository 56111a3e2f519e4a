// Reception load with client retries, and the checks that nothing acknowledged was lost or
// duplicated: shared by the crash test (scripts/kill-test.ts) and the fault tests (test/faults/).
//
// Clients post receptions, each with a fresh Idempotency-Key; every 201 is remembered as
// acknowledged (key → id, code). A request whose outcome is unknown (connection broken or never
// made; with `retry5xx` also a 5xx answer, as when the database went away under the request) is
// retried later with the SAME key and body, as a real client does. `checkReceptions` then reads
// the database and lists every violation.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { openDatabase } from "../../src/db/client.ts";
import { verifyChain } from "../../src/modules/audit/audit.repository.ts";
import { openResponse } from "../../src/shared/idempotency.ts";
import { receptionBody, receptionHeaders, type Session } from "./http.ts";

export type Ack = { id: string; code: string };

export class ReceptionLoad {
  readonly acked = new Map<string, Ack>();
  /** Keys whose outcome is unknown: retried with the same key and body. */
  readonly pending: string[] = [];
  readonly retried = new Set<string>();
  readonly unexpected: string[] = [];
  /** performance.now() of every 201, in order. */
  readonly ackTimes: number[] = [];
  /** Answers by status, 201 included (a broken connection counts as 0). */
  readonly statuses = new Map<number, number>();
  private readonly bodies = new Map<string, string>();
  private keyCounter = 0;

  constructor(
    private readonly opts: {
      base: string;
      session: Session;
      unit: string;
      /** Every key starts with it; `checkReceptions` looks the stored keys up by it. */
      keyPrefix: string;
      /** A 5xx answer is an unknown outcome too (retried), not a violation. */
      retry5xx?: boolean;
      /** Pause before a client goes on after an unknown outcome (default 20 ms). */
      retryPauseMs?: number;
    },
  ) {}

  private newKey() {
    const n = ++this.keyCounter;
    const key = `${this.opts.keyPrefix}${n}-${randomUUID().slice(0, 8)}`;
    this.bodies.set(key, JSON.stringify(receptionBody(this.opts.unit, n)));
    return key;
  }

  private count(status: number) {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  /** Posts receptions until `stop()` says so; `drainOnly`: only retries the pending keys. */
  async client(stop: () => boolean, drainOnly = false): Promise<void> {
    const { base, session } = this.opts;
    while (!stop()) {
      const key = this.pending.shift() ?? (drainOnly ? undefined : this.newKey());
      if (!key) return;
      let unknown = false;
      try {
        const res = await fetch(`${base}/api/dossiers`, {
          method: "POST",
          headers: receptionHeaders(session, key),
          body: this.bodies.get(key)!,
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        this.count(res.status);
        if (res.status === 201) {
          const d = JSON.parse(text) as Ack;
          const before = this.acked.get(key);
          if (before && (before.id !== d.id || before.code !== d.code))
            this.unexpected.push(`key ${key} acknowledged twice with different dossiers`);
          this.acked.set(key, { id: d.id, code: d.code });
          this.ackTimes.push(performance.now());
        } else if (res.status >= 500 && this.opts.retry5xx) {
          unknown = true;
        } else {
          this.unexpected.push(`HTTP ${res.status} for key ${key}: ${text.slice(0, 300)}`);
        }
      } catch {
        // Connection refused, reset, or cut mid-response: unknown outcome.
        this.count(0);
        unknown = true;
      }
      if (unknown) {
        this.pending.push(key);
        this.retried.add(key);
        if (stop()) return;
        await new Promise((r) => setTimeout(r, this.opts.retryPauseMs ?? 20));
      }
    }
  }
}

export type ReceptionCheck = {
  violations: string[];
  lost: number;
  duplicateNumbers: number;
  historiesWithGap: number;
  /** Numbers of the daily sequences never given (reported, not judged). */
  gaps: number;
  created: number;
  /** Retries answered from the stored response. */
  replays: number;
  auditRowsChecked: number;
};

/**
 * Checks the database after a run, for the dossiers created since `start` (the database's
 * now() before the load) and the keys of `load`:
 *   - every acknowledged (id, code) exists, with its first event (seq 1, receive);
 *   - no code twice, and per receiving agency and day no sequence number twice; the daily
 *     counter is at least the highest number given;
 *   - every dossier has the events seq 1..version, no gap, no extra;
 *   - one dossier per idempotency key: dossiers created == keys that succeeded, each key's stored
 *     response is the dossier acknowledged for it, no dossier without a key;
 *   - each new dossier has its outbox rows (e-mail, SMS) and exactly one audit row, and the audit
 *     hash chain verifies.
 */
export async function checkReceptions(
  db: pg.Client,
  dbUrl: string,
  opts: { start: string; keyPrefix: string; acked: Map<string, Ack>; pending?: string[] },
): Promise<ReceptionCheck> {
  const { start, keyPrefix, acked } = opts;
  const violations: string[] = [];
  if (opts.pending?.length) violations.push(`${opts.pending.length} keys still pending after the last start`);
  const q = async <T>(text: string, values: unknown[] = []) => (await db.query(text, values)).rows as T[];

  // 1. Every acknowledged dossier is there, with the code it was acknowledged with and its first event.
  const ids = [...acked.values()].map((a) => a.id);
  const found = await q<{ id: string; code: string; first: string | null }>(
    `select d.id, d.code, e.command as first from dossiers d
       left join dossier_events e on e.dossier_id = d.id and e.seq = 1
      where d.id = any($1::uuid[])`,
    [ids],
  );
  const byId = new Map(found.map((r) => [r.id, r]));
  let lost = 0;
  for (const [key, a] of acked) {
    const row = byId.get(a.id);
    if (!row) {
      lost++;
      violations.push(`acknowledged dossier ${a.id} (${a.code}, key ${key}) is missing`);
    } else if (row.code !== a.code)
      violations.push(`dossier ${a.id} has code ${row.code}, acknowledged ${a.code}`);
    else if (row.first !== "receive") violations.push(`dossier ${a.id} has no first event (receive)`);
  }

  // 2. Codes: unique; per agency and day no number twice; the counter is ahead of every number.
  const codes = await q<{ code: string }>("select code from dossiers where code is not null");
  const seen = new Map<string, number[]>();
  for (const { code } of codes) {
    const m = /^(.*)-(\d{6})-(\d+)$/.exec(code);
    if (!m) {
      violations.push(`code ${code} does not have the {agency}-{yyMMdd}-{number} form`);
      continue;
    }
    const k = `${m[1]}-${m[2]}`;
    seen.set(k, [...(seen.get(k) ?? []), Number(m[3])]);
  }
  let gaps = 0;
  let duplicateNumbers = 0;
  const counters = await q<{ prefix: string; day: string; last: number }>(
    "select prefix, to_char(day, 'YYMMDD') as day, last from dossier_code_counters",
  );
  const lastOf = new Map(counters.map((c) => [`${c.prefix}-${c.day}`, c.last]));
  for (const [k, nums] of seen) {
    const sorted = [...nums].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++)
      if (sorted[i] === sorted[i - 1]) {
        duplicateNumbers++;
        violations.push(`${k}: number ${sorted[i]} given twice`);
      }
    gaps += sorted[sorted.length - 1]! - new Set(sorted).size;
    const last = lastOf.get(k);
    if (last === undefined || last < sorted[sorted.length - 1]!)
      violations.push(
        `${k}: counter at ${last}, below the highest number given ${sorted[sorted.length - 1]}`,
      );
  }

  // 3. History: events 1..version for every dossier.
  const badHistory = await q<{ id: string; version: number; n: number; lo: number; hi: number }>(
    `select d.id, d.version, count(e.id)::int as n, min(e.seq) as lo, max(e.seq) as hi
       from dossiers d left join dossier_events e on e.dossier_id = d.id
      group by d.id, d.version
     having count(e.id) <> d.version or min(e.seq) <> 1 or max(e.seq) <> d.version`,
  );
  for (const b of badHistory)
    violations.push(`dossier ${b.id}: version ${b.version} but events ${b.n} (seq ${b.lo}..${b.hi})`);

  // 4. One dossier per key.
  const created = await q<{ id: string }>("select id from dossiers where created_at >= $1::timestamptz", [
    start,
  ]);
  // The stored answers are sealed (idempotency_keys.response): opened with this process's keys,
  // which must be the server's (test/field-keys.ts useTestFieldKeys).
  const keyRows = (
    await q<{ key: string; status: number | null; response: unknown }>(
      `select key, status, response from idempotency_keys
        where scope like '%:dossier.receive' and key like $1`,
      [`${keyPrefix}%`],
    )
  ).map((r) => ({ ...r, id: ((openResponse(r.response) ?? {}) as { id?: string }).id ?? null }));
  if (created.length !== acked.size)
    violations.push(`${created.length} dossiers created for ${acked.size} keys that succeeded`);
  if (keyRows.length !== acked.size) violations.push(`${keyRows.length} stored keys for ${acked.size} keys`);
  const keyOfDossier = new Map<string, string>();
  for (const r of keyRows) {
    const a = acked.get(r.key);
    if (r.status !== 200 || !r.id) violations.push(`key ${r.key} stored without a response`);
    else if (a && a.id !== r.id) violations.push(`key ${r.key} stored dossier ${r.id}, acknowledged ${a.id}`);
    if (r.id) keyOfDossier.set(r.id, r.key);
  }
  for (const d of created)
    if (!keyOfDossier.has(d.id)) violations.push(`dossier ${d.id} has no idempotency key`);

  // 5. Written with the reception: outbox rows, one audit row; the audit chain holds.
  const [side] = await q<{ no_outbox: number; audit_not_one: number; replays: number }>(
    `with c as (select id from dossiers where created_at >= $1::timestamptz)
     select (select count(*)::int from c where
               (select count(*) from outbox o where o.dedupe_key in ('dossier:' || c.id || ':1:email',
                                                                  'dossier:' || c.id || ':1:sms')) <> 2) as no_outbox,
            (select count(*)::int from c where
               (select count(*) from audit_log a where a.action = 'dossier.receive' and a.target = c.id::text
                  and a.outcome = 201) <> 1) as audit_not_one,
            (select count(*)::int from audit_log a where a.action = 'dossier.receive'
               and a.details->>'idempotentReplay' = 'true' and a.at >= $1::timestamptz) as replays`,
    [start],
  );
  if (side!.no_outbox) violations.push(`${side!.no_outbox} dossiers without their two outbox rows`);
  if (side!.audit_not_one) violations.push(`${side!.audit_not_one} dossiers without exactly one audit row`);
  const database = await openDatabase({ databaseUrl: dbUrl, poolSize: 1 });
  const chain = await verifyChain(database.db);
  await database.close();
  if (!chain.ok) violations.push(`audit chain broken at seq ${chain.firstBadSeq}: ${chain.reason}`);

  return {
    violations,
    lost,
    duplicateNumbers,
    historiesWithGap: badHistory.length,
    gaps,
    created: created.length,
    replays: side!.replays,
    auditRowsChecked: chain.checked,
  };
}
