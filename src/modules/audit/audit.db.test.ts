import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { call, login, setupTestApp } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { writeCheckpoint } from "./audit.integrity.ts";
import { insertAudit, verifyChain } from "./audit.repository.ts";

const t = setupTestApp();

describe("hash-chained audit log", () => {
  it("records bad logins and verifies a clean chain", async () => {
    await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "admin", password: "bad-password-1" },
    });
    const admin = await login(t.app, "admin");
    const page = (await call(t.app, admin, "GET", "/api/audit?action=auth.login")).json();
    expect(page.items.map((i: { outcome: number }) => i.outcome)).toEqual([200, 401]);
    const res = await call(t.app, admin, "GET", "/api/audit/verify");
    expect(res.json()).toMatchObject({ ok: true, firstBadSeq: null });
    expect(res.json().checked).toBeGreaterThanOrEqual(2);
  });

  it("the verdict includes the signed checkpoints (demo key in the test settings)", async () => {
    const admin = await login(t.app, "admin");
    const before = (await call(t.app, admin, "GET", "/api/audit/verify")).json();
    expect(before.checkpoints).toMatchObject({ status: "demo_key", checked: 0, newest: null, anchor: null });
    expect(before.checkpoints.unanchoredRows).toBe(before.checked);
    // Enough rows for seq to pass 9: the head is the highest seq as a number, not as text.
    for (let i = 0; i < 12; i++)
      await insertAudit(t.database.db, {
        actorUserId: null,
        actorLabel: "test",
        unitId: null,
        action: "test.row",
        target: null,
        outcome: 200,
        ip: null,
        requestId: null,
        details: null,
      });
    const c = await writeCheckpoint(t.database.db, t.config.audit.keys, "manual");
    const [head] = await queryRows<{ n: string }>(
      t.database.db,
      sql`select max(seq)::text as n from audit_log`,
    );
    expect(c!.seq).toBe(Number(head!.n));
    const res = await call(t.app, admin, "GET", "/api/audit/verify");
    expect(res.statusCode).toBe(200);
    const after = res.json();
    expect(after).toMatchObject({ ok: true, problem: null, firstBadSeq: null, reason: null });
    expect(after.checkpoints).toMatchObject({ checked: 1, newest: { id: 1, seq: c!.seq, at: c!.at } });
    // Rows written after the checkpoint (none, or the audit of this very request) are not anchored yet.
    expect(after.checkpoints.unanchoredRows).toBe(after.checked - c!.seq);
  });

  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    await expect(t.database.db.execute(sql`update audit_log set outcome = 200`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`truncate audit_log`)).rejects.toThrow();
  });

  it("detects an edited row and a deleted row when the guard triggers are bypassed", async () => {
    for (let i = 0; i < 3; i++) {
      await t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "giamsat", password: `bad-password-${i}` },
      });
    }
    expect((await verifyChain(t.database.db)).ok).toBe(true);
    await t.database.db.execute(sql`alter table audit_log disable trigger audit_log_insert_only`);
    await t.database.db.execute(sql`update audit_log set outcome = outcome + 1 where seq = 2`);
    expect(await verifyChain(t.database.db)).toMatchObject({ ok: false, firstBadSeq: 2, reason: "edited" });
    await t.database.db.execute(sql`update audit_log set outcome = outcome - 1 where seq = 2`);
    expect((await verifyChain(t.database.db)).ok).toBe(true);
    await t.database.db.execute(sql`delete from audit_log where seq = 3`);
    expect(await verifyChain(t.database.db)).toMatchObject({ ok: false, firstBadSeq: 4, reason: "gap" });
    await t.database.db.execute(sql`alter table audit_log enable trigger audit_log_insert_only`);
  });
});
