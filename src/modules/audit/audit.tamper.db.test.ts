// Tampering with the audit log as a database superuser would (insert-only triggers switched
// off), and what the combined verdict (hash chain + signed checkpoints + anchor file) and
// `motcua audit verify` make of it. Each case starts from the same clean chain: three signed
// checkpoints, the newest at the head of the chain, each also in an anchor file. The limits that
// remain are tests too, named KNOWN LIMIT.

import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliTarget, cli, makeCliTarget } from "../../../test/cli-target.ts";
import { TEST_FIELD_KEYS } from "../../../test/field-keys.ts";
import { type Executor, queryRows } from "../../db/client.ts";
import { type AuditKey, parseAuditKeys, signCheckpoint } from "./audit.checkpoint.ts";
import { type AuditVerdict, recordCheckpoint, verifyAudit, writeCheckpoint } from "./audit.integrity.ts";
import { insertAudit } from "./audit.repository.ts";

let target: CliTarget;
let last = 0; // seq of the newest row of the clean chain
const anchored: number[] = []; // seq of checkpoints #1, #2, #3

const secret = () => randomBytes(32).toString("base64");
const KEYS = `k1:${secret()}`;
const keys = parseAuditKeys(KEYS);
const dir = mkdtempSync(path.join(tmpdir(), "motcua-anchor-"));
const cleanAnchor = path.join(dir, "clean.jsonl");
const anchorFile = path.join(dir, "anchor.jsonl");

const row = (i: number) => ({
  actorUserId: null,
  actorLabel: "test:tamper",
  unitId: null,
  action: `test.action.${i}`,
  target: `dossier-${i}`,
  outcome: 200,
  ip: "127.0.0.1",
  requestId: `req-${i}`,
  details: { amount: i * 1000, note: `row ${i}` },
});

const maxSeq = async (db: Executor) =>
  Number((await queryRows<{ n: string }>(db, sql`select max(seq) as n from audit_log`))[0]!.n);

beforeAll(async () => {
  target = await makeCliTarget("template");
  const database = await target.open();
  try {
    // Activity through the real chain trigger, a signed checkpoint after every second row (each
    // also in the anchor file), then a copy of the clean state to reset from.
    for (let i = 1; i <= 6; i++) {
      await insertAudit(database.db, row(i));
      if (i % 2 === 0) {
        const c = await recordCheckpoint(database.db, { keys, anchorFile: cleanAnchor }, "manual");
        anchored.push(c!.seq);
      }
    }
    await database.db.execute(sql`create table audit_clean as select * from audit_log`);
    await database.db.execute(sql`create table checkpoints_clean as select * from audit_checkpoints`);
    last = await maxSeq(database.db);
  } finally {
    await database.close();
  }
});
afterAll(async () => {
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

type Options = { anchor?: boolean; keys?: readonly AuditKey[] };

/** The CLI's environment: the same key ring, the anchor file only when asked. */
const cliEnv = (o: Options = {}) => ({
  ...target.env,
  AUDIT_SIGNING_KEYS: KEYS,
  AUDIT_ANCHOR_FILE: o.anchor ? anchorFile : undefined,
});

/**
 * Resets the chain and the checkpoints (and the anchor file), tampers with them in one
 * superuser transaction with every trigger off (session_replication_role = replica: the chain
 * and insert-only triggers do not fire), then asks verifyAudit and the CLI.
 */
async function tamperWith(
  change: (tx: Executor) => Promise<void>,
  o: Options = {},
): Promise<{ verdict: AuditVerdict; code: number; out: string }> {
  copyFileSync(cleanAnchor, anchorFile);
  const database = await target.open();
  let verdict: AuditVerdict;
  try {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`delete from audit_log`);
      await tx.execute(sql`insert into audit_log select * from audit_clean`);
      await tx.execute(sql`delete from audit_checkpoints`);
      await tx.execute(sql`insert into audit_checkpoints select * from checkpoints_clean`);
      await change(tx);
    });
    verdict = await verifyAudit(database.db, {
      keys: o.keys ?? keys,
      demoKey: false,
      anchorFile: o.anchor ? anchorFile : undefined,
    });
  } finally {
    await database.close(); // embedded: the CLI opens the data directory next
  }
  return { verdict, ...(await cli(cliEnv(o), ["audit", "verify"])) };
}

/** Every hash from `from` on recomputed, in order, as an attacker with the table would. */
const rehashFrom = (tx: Executor, from: number) =>
  tx.execute(
    sql.raw(`do $$ declare s bigint; begin
      for s in select seq from audit_log where seq >= ${from} order by seq loop
        update audit_log set prev_hash = coalesce((select hash from audit_log p where p.seq = s - 1), '') where seq = s;
        update audit_log a set hash = audit_row_hash(a) where seq = s;
      end loop; end $$`),
  );

const renumber = (tx: Executor, from: number, by: number) =>
  // Two steps: one `seq = seq + 1` would collide with the next row's key midway.
  tx
    .execute(sql`update audit_log set seq = -seq where seq >= ${from}`)
    .then(() => tx.execute(sql`update audit_log set seq = -seq + ${by} where seq < 0`));

describe("audit chain against a superuser", { timeout: 90_000 }, () => {
  it("an untouched chain verifies, in the API's check and in the CLI (exit 0)", async () => {
    const r = await tamperWith(async () => {});
    expect(r.verdict).toMatchObject({
      ok: true,
      checked: last,
      firstBadSeq: null,
      reason: null,
      problem: null,
    });
    expect(r.verdict.checkpoints).toEqual({
      status: "on",
      checked: 3,
      newest: { id: 3, seq: last, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) },
      unanchoredRows: 0,
      anchor: null,
    });
    expect(anchored).toEqual([last - 4, last - 2, last]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      new RegExp(
        `^Audit chain intact: ${last} rows checked\\.\nCheckpoints: 3 checked; newest #3 at seq ${last} \\(.+\\); 0 rows after it not yet anchored\\.\nAnchor file: not set`,
      ),
    );
  });

  it("an edited payload is found at its own seq", async () => {
    const r = await tamperWith(async (tx) => {
      await tx.execute(
        sql`update audit_log set details = jsonb_set(details, '{amount}', '1') where seq = ${last - 3}`,
      );
    });
    expect(r.verdict).toMatchObject({ ok: false, firstBadSeq: last - 3, reason: "edited" });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`AUDIT CHAIN BROKEN at seq ${last - 3} (edited)`);
  });

  it("an edit through ALTER TABLE … DISABLE TRIGGER ALL is found too, and the guard comes back", async () => {
    const r = await tamperWith(async (tx) => {
      await tx.execute(sql`set local session_replication_role = origin`);
      await tx.execute(sql`alter table audit_log disable trigger all`);
      await tx.execute(sql`update audit_log set outcome = 403 where seq = ${last - 1}`);
      await tx.execute(sql`alter table audit_log enable trigger all`);
    });
    expect(r.verdict).toMatchObject({ ok: false, firstBadSeq: last - 1, reason: "edited" });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`at seq ${last - 1} (edited)`);
    const database = await target.open();
    try {
      await expect(database.db.execute(sql`update audit_log set outcome = 200`)).rejects.toThrow();
    } finally {
      await database.close();
    }
  });

  it("a deleted row in the middle is found at the next seq (gap)", async () => {
    const r = await tamperWith(async (tx) => {
      await tx.execute(sql`delete from audit_log where seq = ${last - 2}`);
    });
    expect(r.verdict).toMatchObject({ ok: false, checked: last - 1, firstBadSeq: last - 1, reason: "gap" });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`AUDIT CHAIN BROKEN at seq ${last - 1} (gap)`);
  });

  it("a deleted row renumbered to close the gap is found (its hash covers its seq)", async () => {
    const r = await tamperWith(async (tx) => {
      await tx.execute(sql`delete from audit_log where seq = ${last - 2}`);
      await renumber(tx, last - 1, -1);
    });
    expect(r.verdict).toMatchObject({ ok: false, firstBadSeq: last - 2, reason: "edited" });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`at seq ${last - 2}`);
  });

  it("a forged row appended with an invented hash is found", async () => {
    const r = await tamperWith(async (tx) => {
      await tx.execute(sql`
        insert into audit_log (seq, at, action, outcome, prev_hash, hash)
        select seq + 1, at, 'dossier.read', 200, hash, repeat('f', 64) from audit_log where seq = ${last}`);
    });
    expect(r.verdict).toMatchObject({
      ok: false,
      checked: last + 1,
      firstBadSeq: last + 1,
      reason: "edited",
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`at seq ${last + 1} (edited)`);
  });

  it("a forged row slipped into the middle (with a correct hash) breaks the next row", async () => {
    const k = last - 3;
    const r = await tamperWith(async (tx) => {
      await renumber(tx, k + 1, 1);
      await tx.execute(sql`
        insert into audit_log (seq, at, actor_label, action, outcome, prev_hash, hash)
        select seq + 1, at, 'forger', 'org.unit.rename', 200, hash, '' from audit_log where seq = ${k}`);
      await tx.execute(sql`update audit_log a set hash = audit_row_hash(a) where seq = ${k + 1}`);
    });
    expect(r.verdict).toMatchObject({ ok: false, firstBadSeq: k + 2, reason: "edited" });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`at seq ${k + 2}`);
  });

  it("two rows swapped (reordered) are found at the first of them", async () => {
    const [a, b] = [last - 4, last - 2];
    const r = await tamperWith(async (tx) => {
      await tx.execute(sql`update audit_log set seq = -1 where seq = ${a}`);
      await tx.execute(sql`update audit_log set seq = ${a} where seq = ${b}`);
      await tx.execute(sql`update audit_log set seq = ${b} where seq = -1`);
    });
    expect(r.verdict).toMatchObject({ ok: false, firstBadSeq: a, reason: "edited" });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`AUDIT CHAIN BROKEN at seq ${a}`);
  });

  it("deleting the newest rows is found at the checkpoint that anchored them (truncated)", async () => {
    const r = await tamperWith(async (tx) => {
      await tx.execute(sql`delete from audit_log where seq > ${last - 2}`);
    });
    // The chain alone still holds together; the checkpoint does not.
    expect(r.verdict).toMatchObject({
      ok: false,
      checked: last - 2,
      firstBadSeq: last,
      reason: "truncated",
      problem: { source: "checkpoint", checkpointId: 3, seq: last, reason: "truncated" },
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`AUDIT CHAIN BROKEN at checkpoint #3, seq ${last} (truncated)`);
  });

  it("an edit followed by recomputing every later hash is found (rewritten)", async () => {
    const r = await tamperWith(async (tx) => {
      await tx.execute(sql`update audit_log set outcome = 500 where seq = ${last - 3}`);
      await rehashFrom(tx, last - 3);
    });
    // Checkpoint #1 (seq last - 4) is before the edit and holds; #2 anchored a hash now gone.
    expect(r.verdict).toMatchObject({
      ok: false,
      checked: last,
      firstBadSeq: last - 2,
      reason: "rewritten",
      problem: { source: "checkpoint", checkpointId: 2 },
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`AUDIT CHAIN BROKEN at checkpoint #2, seq ${last - 2} (rewritten)`);
  });

  it("a rewrite of the whole chain from its first row is found at the first checkpoint", async () => {
    const r = await tamperWith(async (tx) => {
      await tx.execute(sql`update audit_log set actor_label = 'forger' where seq = 1`);
      await rehashFrom(tx, 1);
    });
    expect(r.verdict).toMatchObject({ ok: false, firstBadSeq: last - 4, reason: "rewritten" });
    expect(r.verdict.problem?.checkpointId).toBe(1);
    expect(r.code).toBe(1);
  });

  it("a rewritten chain with checkpoints re-signed under another key fails their signature", async () => {
    const forger = randomBytes(32);
    const r = await tamperWith(async (tx) => {
      await tx.execute(sql`update audit_log set outcome = 500 where seq = ${last - 3}`);
      await rehashFrom(tx, last - 3);
      // Every checkpoint re-signed over the new hashes, claiming the real key id.
      const cps = await queryRows<{ id: string; at: string; seq: string; reason: "manual" }>(
        tx,
        sql`select id::text, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, seq::text, reason
              from audit_checkpoints order by id`,
      );
      await tx.execute(sql`delete from audit_checkpoints`);
      let prevSignature = "";
      for (const c of cps) {
        const hash = (
          await queryRows<{ hash: string }>(tx, sql`select hash from audit_log where seq = ${c.seq}`)
        )[0]!.hash;
        const f = {
          id: Number(c.id),
          at: c.at,
          seq: Number(c.seq),
          hash,
          reason: c.reason,
          keyId: "k1",
          prevSignature,
        };
        prevSignature = signCheckpoint(forger, f);
        await tx.execute(sql`
          insert into audit_checkpoints (id, at, seq, hash, reason, key_id, prev_signature, signature)
          values (${f.id}, ${f.at}, ${f.seq}, ${hash}, ${f.reason}, 'k1', ${f.prevSignature}, ${prevSignature})`);
      }
    });
    expect(r.verdict).toMatchObject({ ok: false, reason: "bad_signature", problem: { checkpointId: 1 } });
    expect(r.code).toBe(1);
    expect(r.out).toContain("(bad_signature)");
  });

  it("a forged newest checkpoint (blessing a truncated log) signed with another key fails its signature", async () => {
    const r = await tamperWith(async (tx) => {
      await tx.execute(sql`delete from audit_log where seq > ${last - 1}`);
      await tx.execute(sql`delete from audit_checkpoints where id = 3`);
      const prev = (
        await queryRows<{ signature: string }>(tx, sql`select signature from audit_checkpoints where id = 2`)
      )[0]!.signature;
      const hash = (
        await queryRows<{ hash: string }>(tx, sql`select hash from audit_log where seq = ${last - 1}`)
      )[0]!.hash;
      const f = {
        id: 3,
        at: new Date().toISOString(),
        seq: last - 1,
        hash,
        reason: "interval" as const,
        keyId: "k1",
        prevSignature: prev,
      };
      await tx.execute(sql`
        insert into audit_checkpoints (id, at, seq, hash, reason, key_id, prev_signature, signature)
        values (3, ${f.at}, ${f.seq}, ${hash}, 'interval', 'k1', ${prev}, ${signCheckpoint(randomBytes(32), f)})`);
    });
    expect(r.verdict).toMatchObject({
      ok: false,
      firstBadSeq: last - 1,
      reason: "bad_signature",
      problem: { source: "checkpoint", checkpointId: 3 },
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`at checkpoint #3, seq ${last - 1} (bad_signature)`);
  });

  it("a checkpoint deleted from the middle is found at the next one (checkpoint_gap)", async () => {
    const r = await tamperWith(async (tx) => {
      await tx.execute(sql`delete from audit_checkpoints where id = 2`);
    });
    expect(r.verdict).toMatchObject({ ok: false, reason: "checkpoint_gap", problem: { checkpointId: 3 } });
    expect(r.code).toBe(1);
    expect(r.out).toContain("at checkpoint #3");
  });

  it("KNOWN LIMIT without AUDIT_ANCHOR_FILE: the newest checkpoint deleted with the rows it anchored verifies", async () => {
    const r = await tamperWith(async (tx) => {
      await tx.execute(sql`delete from audit_log where seq > ${last - 2}`);
      await tx.execute(sql`delete from audit_checkpoints where id = 3`);
    });
    expect(r.verdict).toMatchObject({ ok: true, checked: last - 2, problem: null });
    expect(r.verdict.checkpoints).toMatchObject({
      checked: 2,
      newest: { id: 2, seq: last - 2 },
      anchor: null,
    });
    expect(r.code).toBe(0);
    expect(r.out).toContain("Anchor file: not set (AUDIT_ANCHOR_FILE)");
  });

  it("…and the same deletion is found through the anchor file (anchor_mismatch)", async () => {
    const r = await tamperWith(
      async (tx) => {
        await tx.execute(sql`delete from audit_log where seq > ${last - 2}`);
        await tx.execute(sql`delete from audit_checkpoints where id = 3`);
      },
      { anchor: true },
    );
    expect(r.verdict).toMatchObject({
      ok: false,
      firstBadSeq: last,
      reason: "anchor_mismatch",
      problem: { source: "anchor", checkpointId: 3, line: 3 },
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      "AUDIT CHAIN BROKEN: line 3 of the anchor file (checkpoint #3) (anchor_mismatch)",
    );
  });

  it("with the anchor file, an untouched state verifies and every line is checked", async () => {
    const r = await tamperWith(async () => {}, { anchor: true });
    expect(r.verdict).toMatchObject({ ok: true, checkpoints: { anchor: { lines: 3, found: true } } });
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Anchor file ${anchorFile}: 3 lines checked.`);
  });

  it("an anchor line that differs from its checkpoint is anchor_mismatch", async () => {
    const r = await tamperWith(async () => {}, { anchor: true });
    expect(r.verdict.ok).toBe(true);
    const lines = readFileSync(cleanAnchor, "utf8").trim().split("\n");
    const edited = { ...JSON.parse(lines[1]!), seq: last - 3 };
    const file = path.join(dir, "edited.jsonl");
    writeFileSync(file, [lines[0], JSON.stringify(edited), lines[2]].join("\n"));
    const out = await cli({ ...cliEnv(), AUDIT_ANCHOR_FILE: file }, ["audit", "verify"]);
    expect(out.code).toBe(1);
    expect(out.out).toContain("line 2 of the anchor file (checkpoint #2) (anchor_mismatch)");
  });

  it("KNOWN LIMIT: rows added after the newest checkpoint can be removed unnoticed until the next one", async () => {
    await tamperWith(async () => {});
    const database = await target.open();
    try {
      await insertAudit(database.db, row(7));
      await insertAudit(database.db, row(8));
      const before = await verifyAudit(database.db, { keys, demoKey: false, anchorFile: undefined });
      expect(before).toMatchObject({ ok: true, checkpoints: { newest: { id: 3 }, unanchoredRows: 2 } });
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`delete from audit_log where seq > ${last}`);
      });
      const after = await verifyAudit(database.db, { keys, demoKey: false, anchorFile: undefined });
      expect(after).toMatchObject({ ok: true, checked: last, checkpoints: { unanchoredRows: 0 } });
    } finally {
      await database.close();
    }
  });
});

describe("writing checkpoints", { timeout: 90_000 }, () => {
  it("an interval checkpoint is skipped when no row was added; a manual one is not", async () => {
    await tamperWith(async () => {});
    const database = await target.open();
    try {
      expect(await writeCheckpoint(database.db, keys, "interval")).toBeNull();
      await insertAudit(database.db, row(9));
      const c = await writeCheckpoint(database.db, keys, "interval");
      expect(c).toMatchObject({ id: 4, seq: last + 1, reason: "interval", keyId: "k1" });
      expect(await writeCheckpoint(database.db, keys, "interval")).toBeNull();
      const m = await writeCheckpoint(database.db, keys, "manual");
      expect(m).toMatchObject({ id: 5, seq: last + 1, reason: "manual", prevSignature: c!.signature });
      expect(await verifyAudit(database.db, { keys, demoKey: false, anchorFile: undefined })).toMatchObject({
        ok: true,
        checkpoints: { checked: 5, newest: { id: 5, seq: last + 1 }, unanchoredRows: 0 },
      });
      // Checkpoints are insert-only like the log.
      await expect(database.db.execute(sql`delete from audit_checkpoints where id = 5`)).rejects.toThrow();
      await expect(database.db.execute(sql`update audit_checkpoints set seq = 1`)).rejects.toThrow();
    } finally {
      await database.close();
    }
  });

  it("refuses to sign a log shorter than its newest checkpoint", async () => {
    await tamperWith(async (tx) => {
      await tx.execute(sql`delete from audit_log where seq > ${last - 1}`);
    });
    const database = await target.open();
    try {
      await expect(writeCheckpoint(database.db, keys, "manual")).rejects.toThrow(/before checkpoint #3/);
      expect(await queryRows(database.db, sql`select 1 from audit_checkpoints where id = 4`)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it("rotation: old checkpoints verify while the old key stays in the ring, unknown_key once it is dropped", async () => {
    const NEW = `k2:${secret()}`;
    const ring = parseAuditKeys(`${NEW},${KEYS}`);
    const r = await tamperWith(async () => {}, { keys: ring });
    expect(r.verdict.ok).toBe(true);
    const database = await target.open();
    try {
      await insertAudit(database.db, row(10));
      const c = await writeCheckpoint(database.db, ring, "manual");
      expect(c).toMatchObject({ id: 4, keyId: "k2" });
      expect(
        await verifyAudit(database.db, { keys: ring, demoKey: false, anchorFile: undefined }),
      ).toMatchObject({
        ok: true,
        checkpoints: { checked: 4 },
      });
      expect(
        await verifyAudit(database.db, { keys: parseAuditKeys(NEW), demoKey: false, anchorFile: undefined }),
      ).toMatchObject({ ok: false, reason: "unknown_key", problem: { checkpointId: 1 } });
    } finally {
      await database.close();
    }
  });

  it("`motcua audit checkpoint` writes a manual one, appends it to the anchor file and prints it", async () => {
    await tamperWith(async () => {}, { anchor: true });
    const r = await cli(cliEnv({ anchor: true }), ["audit", "checkpoint"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      new RegExp(`^Checkpoint #4 written: seq ${last}, hash [0-9a-f]{64}, at .+Z, key k1\\.$`),
    );
    const lines = readFileSync(anchorFile, "utf8").trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[3]!)).toMatchObject({ id: 4, seq: last, reason: "manual", keyId: "k1" });
    const verified = await cli(cliEnv({ anchor: true }), ["audit", "verify"]);
    expect(verified.code).toBe(0);
    expect(verified.out).toContain("4 lines checked");
  });

  it("without AUDIT_SIGNING_KEYS outside the demo: checkpoints are off and verify says the chain is unanchored", async () => {
    await tamperWith(async () => {});
    const env = { ...target.env, AUDIT_SIGNING_KEYS: undefined, MOTCUA_DEMO: "0", ...TEST_FIELD_KEYS };
    const verified = await cli(env, ["audit", "verify"]);
    expect(verified.code).toBe(0);
    expect(verified.out).toContain(
      `Audit chain intact: ${last} rows checked.\nUNANCHORED: AUDIT_SIGNING_KEYS is not set`,
    );
    const written = await cli(env, ["audit", "checkpoint"]);
    expect(written.code).toBe(78);
    expect(written.out).toContain("checkpoints are off");
  });

  it("a bad AUDIT_SIGNING_KEYS stops the CLI with a message naming the setting", async () => {
    await expect(cli({ ...target.env, AUDIT_SIGNING_KEYS: "k1:short" }, ["audit", "verify"])).rejects.toThrow(
      /AUDIT_SIGNING_KEYS: entry 1 \("k1"\)/,
    );
  });
});
