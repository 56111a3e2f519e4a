// `motcua backup` → `motcua restore` into an empty database gives back every table's rows
// exactly (count and md5 in primary-key order, sequences' positions), and the restored audit
// chain verifies, anchored by the signed checkpoint the backup wrote before dumping. On whichever
// engine the run uses: pg_dump/psql, or the embedded data directory.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { queryRows } from "../src/db/client.ts";
import { call, login, testConfig, unitIdByCode } from "./app.ts";
import { databaseDigest } from "./cli-digest.ts";
import { type CliTarget, cli, makeCliTarget } from "./cli-target.ts";

const dir = mkdtempSync(path.join(tmpdir(), "motcua-backup-"));
const targets: CliTarget[] = [];
afterAll(async () => {
  for (const t of targets) await t.drop();
  rmSync(dir, { recursive: true, force: true });
});

// The CLI signs audit checkpoints with this ring (not the demo key).
const AUDIT_SIGNING_KEYS = `backup-test:${randomBytes(32).toString("base64")}`;
const withKeys = (t: CliTarget) => ({ ...t.env, AUDIT_SIGNING_KEYS });

const UNITS_CSV = `code,name,level,parent_code
79,Thành phố Hồ Chí Minh,province,
79.26734,Phường Sài Gòn,commune,79
`;

describe("backup and restore", () => {
  it("round-trips every table after demo data and activity; the audit chain still verifies", {
    timeout: 180_000,
  }, async () => {
    const source = await makeCliTarget("template");
    targets.push(source);

    // Activity through the real app: a refused and a good sign-in, a reception, a read of
    // personal data (audited), each leaving rows in several tables.
    const database = await source.open();
    let code: string;
    try {
      const app = await buildApp({ database, config: testConfig(), logger: false });
      await app.ready();
      try {
        const bad = await app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { username: "tiepnhan.thuanhoa", password: "not-the-password-1" },
        });
        expect(bad.statusCode).toBe(401);
        const desk = await login(app, "tiepnhan.thuanhoa");
        const received = await call(
          app,
          desk,
          "POST",
          "/api/dossiers",
          {
            unitId: await unitIdByCode(app, "46.19753"),
            procedureCode: "1.004873",
            applicant: {
              name: "Trần Văn Sao Lưu",
              idNumber: "046190009876",
              birthDate: "1990-02-03",
              address: "3 Trần Hưng Đạo, phường Thuận Hóa, thành phố Huế",
              phone: "0912000111",
            },
          },
          { "idempotency-key": randomUUID() },
        );
        expect(received.statusCode).toBe(201);
        code = received.json().code;
        expect((await call(app, desk, "GET", `/api/dossiers/${received.json().id}`)).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
    // And through the CLI, which audits its own imports.
    const csv = path.join(dir, "units.csv");
    writeFileSync(csv, UNITS_CSV);
    expect((await cli(source.env, ["import", "units", csv])).code).toBe(0);

    // The backup signs a checkpoint of the chain's head, then dumps: the digest is taken after it.
    const file = path.join(dir, "motcua.backup");
    const backup = await cli(withKeys(source), ["backup", file]);
    expect(backup.code).toBe(0);
    expect(statSync(file).size).toBeGreaterThan(10_000);
    const checkpoint = /Audit checkpoint #1 written at seq (\d+)\./.exec(backup.out);
    expect(checkpoint, backup.out).not.toBeNull();

    const before = await source.open();
    const original = await databaseDigest(before.db);
    const audited = await queryRows<{ action: string }>(
      before.db,
      sql`select action from audit_log where action in ('auth.login', 'dossier.receive', 'dossier.read', 'cli.import.units') order by seq`,
    );
    const [head] = await queryRows<{ seq: string }>(
      before.db,
      sql`select max(seq)::text as seq from audit_log`,
    );
    await before.close();
    expect(new Set(audited.map((a) => a.action))).toEqual(
      new Set(["auth.login", "dossier.receive", "dossier.read", "cli.import.units"]),
    );
    expect(checkpoint![1]).toBe(head!.seq);

    const copy = await makeCliTarget("empty");
    targets.push(copy);
    expect((await cli(copy.env, ["restore", file])).code).toBe(0);

    const after = await copy.open();
    try {
      const restored = await databaseDigest(after.db);
      // Every table, the same rows: compared table by table so a failure names the table.
      expect(restored.tables.map((t) => t.table)).toEqual(original.tables.map((t) => t.table));
      for (const [i, t] of original.tables.entries()) expect(restored.tables[i], t.table).toEqual(t);
      expect(restored.sequences).toEqual(original.sequences);
      // The comparison is not vacuous: the tables the activity wrote are there and not empty.
      const rows = Object.fromEntries(restored.tables.map((t) => [t.table, t.rows]));
      for (const table of [
        "audit_log",
        "audit_checkpoints",
        "dossiers",
        "dossier_events",
        "sessions",
        "org_units",
        "users",
      ])
        expect(rows[table], table).toBeGreaterThan(0);
      const [found] = await queryRows<{ n: number }>(
        after.db,
        sql`select count(*)::int as n from dossiers where code = ${code!}`,
      );
      expect(found!.n).toBe(1);
    } finally {
      await after.close();
    }
    // The restored copy verifies under the same key, anchored at the backup's checkpoint.
    const verified = await cli(withKeys(copy), ["audit", "verify"]);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(
      new RegExp(
        `^Audit chain intact: ${head!.seq} rows checked\\.\nCheckpoints: 1 checked; newest #1 at seq ${head!.seq} \\(.+Z\\); 0 rows after it not yet anchored\\.`,
      ),
    );
    // Under another key it does not: the checkpoint is the backup's own, not something a restore can fake.
    const other = await cli(
      { ...copy.env, AUDIT_SIGNING_KEYS: `other:${randomBytes(32).toString("base64")}` },
      ["audit", "verify"],
    );
    expect(other.code).toBe(1);
    expect(other.out).toContain("(unknown_key)");
  });
});
