// Searching the audit log (GET /api/audit): by actor, action, entity, unit and Vietnam days,
// with paging, always within the caller's scope.
import { beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp, unitIdByCode } from "../../../test/app.ts";

const t = setupTestApp();

type Entry = {
  seq: number;
  actorName: string | null;
  action: string;
  target: string | null;
  unitId: string | null;
};
type Page = { items: Entry[]; total: number; page: number; pageSize: number };

let admin: Session;
let desk: Session;
let ward: string;
let dossierId: string;

const search = async (who: Session, query: string): Promise<Page> => {
  const res = await call(t.app, who, "GET", `/api/audit?pageSize=200&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const vietnamDay = (offsetDays: number) =>
  new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  admin = await login(t.app, "admin");
  desk = await login(t.app, "tiepnhan.thuanhoa");
  ward = await unitIdByCode(t.app, "46.19753");
  const list = await call(t.app, desk, "GET", "/api/dossiers?pageSize=1");
  dossierId = list.json().items[0].id;
  expect((await call(t.app, desk, "GET", `/api/dossiers/${dossierId}`)).statusCode).toBe(200);
});

describe("audit log search", () => {
  it("by action prefix, actor, entity and unit; each filter narrows to matching rows", async () => {
    const all = await search(admin, "");
    const auth = await search(admin, "action=auth.");
    expect(auth.total).toBeGreaterThanOrEqual(2);
    expect(auth.total).toBeLessThan(all.total);
    expect(auth.items.every((i) => i.action.startsWith("auth."))).toBe(true);

    const byDesk = await search(admin, "actor=tiepnhan.thuanhoa");
    expect(byDesk.total).toBeGreaterThanOrEqual(2); // sign-in, list, read
    const names = new Set(byDesk.items.map((i) => i.actorName));
    expect(names.size).toBe(1);
    expect([...names][0]).toBeTruthy();
    // Part of the full name finds the same rows, case-insensitively.
    const part = [...names][0]!.split(" ").at(-1)!.toLowerCase();
    expect((await search(admin, `actor=${encodeURIComponent(part)}`)).items.map((i) => i.seq)).toEqual(
      expect.arrayContaining(byDesk.items.map((i) => i.seq)),
    );
    // LIKE wildcards are searched for as text.
    expect((await search(admin, "actor=%25")).total).toBe(0);

    const entity = await search(admin, `target=${dossierId}`);
    expect(entity.items.map((i) => i.action)).toContain("dossier.read");
    expect(entity.items.every((i) => i.target === dossierId)).toBe(true);

    const unit = await search(admin, `unit=${ward}`);
    expect(unit.total).toBeGreaterThan(0);
    expect(unit.items.every((i) => i.unitId === ward)).toBe(true);
    const combined = await search(admin, `unit=${ward}&action=dossier.read&actor=tiepnhan`);
    expect(combined.items.map((i) => i.target)).toContain(dossierId);
  });

  it("by Vietnam days: from today and up to yesterday split the log without overlap", async () => {
    const all = await search(admin, "");
    const today = await search(admin, `from=${vietnamDay(0)}`);
    const before = await search(admin, `to=${vietnamDay(-1)}`);
    expect(today.total).toBeGreaterThan(0);
    expect(today.total + before.total).toBe(all.total);
    expect((await search(admin, `from=${vietnamDay(1)}`)).total).toBe(0);
    expect((await search(admin, `from=${vietnamDay(0)}&to=${vietnamDay(0)}`)).total).toBe(today.total);
  });

  it("pages newest first without overlap", async () => {
    const res1 = await call(t.app, admin, "GET", "/api/audit?pageSize=2&page=1");
    const res2 = await call(t.app, admin, "GET", "/api/audit?pageSize=2&page=2");
    const [p1, p2] = [res1.json() as Page, res2.json() as Page];
    expect(p1).toMatchObject({ page: 1, pageSize: 2 });
    expect(p1.total).toBe(p2.total);
    const seqs = [...p1.items, ...p2.items].map((i) => i.seq);
    expect(seqs).toHaveLength(4);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(4);
  });

  it("refuses malformed filters with field errors", async () => {
    const bad = await call(t.app, admin, "GET", "/api/audit?unit=not-a-uuid&from=2025-13-01");
    expect(bad.statusCode).toBe(400);
    const fields = bad
      .json()
      .errors.map((e: { path: string }) => e.path)
      .join(" ");
    expect(fields).toContain("unit");
    expect(fields).toContain("from");
    expect((await call(t.app, admin, "GET", "/api/audit?who=me")).statusCode).toBe(400);
  });

  it("a supervisor's search stays within their units; a receptionist may not search", async () => {
    const supervisor = await login(t.app, "giamsat");
    const scoped = await search(supervisor, `unit=${ward}`);
    expect(scoped.items.every((i) => i.unitId === ward)).toBe(true);
    const anywhere = await search(supervisor, "");
    expect(anywhere.items.every((i) => i.unitId !== null)).toBe(true);
    expect((await call(t.app, desk, "GET", `/api/audit?unit=${ward}`)).statusCode).toBe(403);
  });
});
