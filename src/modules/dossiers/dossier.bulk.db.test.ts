import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp, unitIdByCode } from "../../../test/app.ts";

const t = setupTestApp();
const key = () => ({ "idempotency-key": randomUUID() });
type D = { id: string; version: number; state: string };

async function received(desk: Session): Promise<D> {
  const res = await call(
    t.app,
    desk,
    "POST",
    "/api/dossiers",
    // A procedure without a demo e-form: no form data needed.
    {
      unitId: await unitIdByCode(t.app, "46.19753"),
      procedureCode: "1.004194",
      applicant: { name: "Lê Văn Tám" },
    },
    key(),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const bulk = (s: Session | null, body: unknown, headers: Record<string, string> = key()) =>
  call(t.app, s, "POST", "/api/dossiers/bulk", body, headers);
const read = async (s: Session, id: string): Promise<D> =>
  (await call(t.app, s, "GET", `/api/dossiers/${id}`)).json();

describe("bulk commands", () => {
  it("forwards several dossiers in one go, once per Idempotency-Key", async () => {
    const desk = await login(t.app, "tiepnhan.thuanhoa");
    const a = await received(desk);
    const b = await received(desk);
    const headers = key();
    const body = {
      command: "forward",
      items: [a, b].map((d) => ({ id: d.id, expectedVersion: d.version })),
      note: "Chuyển xử lý",
    };
    const res = await bulk(desk, body, headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((d: D) => [d.id, d.state, d.version])).toEqual([
      [a.id, "processing", a.version + 1],
      [b.id, "processing", b.version + 1],
    ]);
    const replay = await bulk(desk, body, headers);
    expect(replay.json()).toEqual(res.json());
    expect((await read(desk, a.id)).version).toBe(a.version + 1);
  });

  it("changes nothing when one item fails, and names the item (items.N, vi/en)", async () => {
    const desk = await login(t.app, "tiepnhan.thuanhoa");
    const a = await received(desk);
    const b = await received(desk);
    const c = await received(desk);
    const res = await bulk(desk, {
      command: "forward",
      items: [
        { id: a.id, expectedVersion: a.version },
        { id: b.id, expectedVersion: b.version + 5 }, // stale
        { id: c.id, expectedVersion: c.version },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: "items.1", code: "dossier.stale" })]);
    expect(res.json().errors[0].message.vi).toMatch(/cập nhật/);
    expect(res.json().message.en).toMatch(/no dossier was changed/);
    for (const d of [a, b, c])
      expect(await read(desk, d.id)).toMatchObject({ state: "received", version: d.version });

    // A command the state does not allow: return_result of a dossier still being received.
    const wrong = await bulk(desk, {
      command: "return_result",
      method: "in_person",
      items: [{ id: a.id, expectedVersion: a.version }],
    });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().errors[0].field).toBe("items.0");

    const dup = await bulk(desk, {
      command: "forward",
      items: [
        { id: a.id, expectedVersion: a.version },
        { id: a.id, expectedVersion: a.version },
      ],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors).toEqual([
      expect.objectContaining({ field: "items.1", code: "dossier.bulk_duplicate" }),
    ]);
    expect((await read(desk, a.id)).version).toBe(a.version);
  });

  it("returns results in bulk (the method applies to each)", async () => {
    const desk = await login(t.app, "tiepnhan.thuanhoa");
    const leader = await login(t.app, "lanhdao.thuanhoa");
    const clerk = await login(t.app, "vanthu.thuanhoa");
    const ready: D[] = [];
    for (let i = 0; i < 2; i++) {
      let d = await received(desk);
      for (const [who, command] of [
        [desk, "forward"],
        [leader, "approve"],
        [clerk, "issue_result"],
      ] as const) {
        const res = await call(
          t.app,
          who,
          "POST",
          `/api/dossiers/${d.id}/commands`,
          { command, expectedVersion: d.version },
          key(),
        );
        expect(res.statusCode, res.body).toBe(200);
        d = res.json();
      }
      ready.push(d);
    }
    const items = ready.map((d) => ({ id: d.id, expectedVersion: d.version }));
    const noMethod = await bulk(desk, { command: "return_result", items });
    expect(noMethod.statusCode).toBe(400);
    expect(noMethod.json().errors.map((e: { field: string }) => e.field)).toEqual(["items.0", "items.1"]);
    const res = await bulk(desk, { command: "return_result", method: "in_person", items });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((d: D) => d.state)).toEqual(["returned", "returned"]);
  });

  it("refuses others: 401, 404 outside the unit, 403 without the role; validates the body", async () => {
    const desk = await login(t.app, "tiepnhan.thuanhoa");
    const d = await received(desk);
    const items = [{ id: d.id, expectedVersion: d.version }];
    expect((await bulk(null, { command: "forward", items })).statusCode).toBe(401);
    expect(
      (await bulk(await login(t.app, "tiepnhan.phuxuan"), { command: "forward", items })).statusCode,
    ).toBe(404);
    expect((await bulk(await login(t.app, "giamsat"), { command: "forward", items })).statusCode).toBe(403);
    const citizen = await login(t.app, "congdan@motcua.example");
    expect((await bulk(citizen, { command: "forward", items })).statusCode).toBe(403);
    const approve = await bulk(desk, { command: "approve", items });
    expect(approve.statusCode).toBe(400);
    expect(approve.json().errors[0].field).toBe("command");
    const many = Array.from({ length: 51 }, () => ({ id: d.id, expectedVersion: 1 }));
    expect((await bulk(desk, { command: "forward", items: many })).statusCode).toBe(400);
    expect((await bulk(desk, { command: "forward", items: [] })).statusCode).toBe(400);
    const noKey = await bulk(desk, { command: "forward", items }, {});
    expect(noKey.json().errors[0].field).toBe("idempotency-key");
    expect((await read(desk, d.id)).version).toBe(d.version);
  });
});
