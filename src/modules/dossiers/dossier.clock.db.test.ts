// The service with its clock set (receiveAt / commandAt): due dates at reception, pauses,
// and early / on time / late for the dossier and for each step, on stored data.
import { describe, expect, it } from "vitest";
import { setupTestApp, testConfig, unitIdByCode } from "../../../test/app.ts";
import type { Ctx } from "../../plugins/context.ts";
import { findUserByLogin, loadActor } from "../auth/auth.repository.ts";
import type { CommandInput } from "./dossier.schemas.ts";
import { commandAt, receiveAt } from "./dossier.service.ts";

const t = setupTestApp();
const vn = (s: string) => new Date(`${s}+07:00`);
const local = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 16);

async function ctxFor(login: string, tx: Ctx["tx"]): Promise<Ctx> {
  const user = await findUserByLogin(tx, login);
  return { actor: await loadActor(tx, user!), tx, audit: {}, config: testConfig() };
}

/** Runs in a transaction that is rolled back: these dossiers never reach other tests. */
async function scenario(fn: (ctx: (login: string) => Promise<Ctx>, ward: string) => Promise<void>) {
  const ward = await unitIdByCode(t.app, "46.19753");
  await t.database.db
    .transaction(async (tx) => {
      await fn((login) => ctxFor(login, tx), ward);
      tx.rollback();
    })
    .catch((e: Error) => {
      if (!/rollback/i.test(e.message)) throw e;
    });
}

const base = (ward: string, procedureCode = "1.004873") => ({
  unitId: ward,
  procedureCode,
  channel: "in_person" as const,
  serviceMode: "desk" as const,
  applicant: {
    kind: "person" as const,
    name: "Lý Văn Phúc",
    idNumber: null,
    birthDate: null,
    address: null,
    phone: null,
    email: null,
  },
  subject: null,
  sets: 1,
  resultDelivery: "desk" as const,
  note: null,
});
const cmd = (
  command: CommandInput["command"],
  version: number,
  extra: Partial<CommandInput> = {},
): CommandInput => ({
  command,
  expectedVersion: version,
  reason: null,
  note: null,
  ...extra,
});

describe("deadlines on stored dossiers", () => {
  it("a paper dossier received after 15:00 on a Friday counts from Monday; finished on the due day it is on time", async () => {
    await scenario(async (ctx, ward) => {
      const desk = await ctx("tiepnhan.thuanhoa");
      const leader = await ctx("lanhdao.thuanhoa");
      // Friday 27/11/2026 15:30 + 3 working days from Monday 08:00 → Wednesday 02/12 17:00
      let d = await receiveAt(desk, base(ward), vn("2026-11-27T15:30"));
      expect(local(d.dueAt!)).toBe("2026-12-02T17:00");
      d = await commandAt(desk, d.id, cmd("forward", d.version), vn("2026-11-30T08:10"));
      d = await commandAt(leader, d.id, cmd("approve", d.version), vn("2026-12-02T10:00"));
      d = await commandAt(leader, d.id, cmd("issue_result", d.version), vn("2026-12-02T16:00"));
      expect(d.timeliness).toBe("on_time");
    });
  });

  it("a late result is late, and the control sheet marks the late step", async () => {
    await scenario(async (ctx, ward) => {
      const desk = await ctx("tiepnhan.thuanhoa");
      const leader = await ctx("lanhdao.thuanhoa");
      let d = await receiveAt(desk, base(ward), vn("2026-11-23T09:00"));
      expect(local(d.dueAt!)).toBe("2026-11-26T09:00");
      d = await commandAt(desk, d.id, cmd("forward", d.version), vn("2026-11-23T09:30"));
      d = await commandAt(leader, d.id, cmd("approve", d.version), vn("2026-11-30T09:00"));
      d = await commandAt(leader, d.id, cmd("issue_result", d.version), vn("2026-11-30T10:00"));
      expect(d.timeliness).toBe("late");
      expect(d.events.find((e) => e.command === "issue_result")!.stepResult).toBe("late");
    });
  });

  it("the supplement's waiting time does not count: the due date moves by the paused working time", async () => {
    await scenario(async (ctx, ward) => {
      const desk = await ctx("tiepnhan.thuanhoa");
      const specialist = await ctx("chuyenvien.thuanhoa");
      let d = await receiveAt(desk, base(ward), vn("2026-11-23T09:00"));
      d = await commandAt(desk, d.id, cmd("forward", d.version), vn("2026-11-23T09:30"));
      d = await commandAt(
        specialist,
        d.id,
        cmd("request_supplement", d.version, { items: ["Tờ khai"] }),
        vn("2026-11-24T09:00"),
      );
      // back two working days later (Thursday 09:00): the due date moves from Thu 26/11 09:00 to Mon 30/11 09:00
      d = await commandAt(desk, d.id, cmd("resubmit", d.version), vn("2026-11-26T09:00"));
      expect(local(d.dueAt!)).toBe("2026-11-30T09:00");
    });
  });

  it("an apology must come a working day before the due date, and still counts as late", async () => {
    await scenario(async (ctx, ward) => {
      const desk = await ctx("tiepnhan.thuanhoa");
      const leader = await ctx("lanhdao.thuanhoa");
      let d = await receiveAt(desk, base(ward), vn("2026-11-23T09:00")); // due Thu 26/11 09:00
      d = await commandAt(desk, d.id, cmd("forward", d.version), vn("2026-11-23T09:30"));
      const late = commandAt(
        leader,
        d.id,
        cmd("apologise", d.version, { reason: "Cần xác minh", newDueAt: "2026-12-01T09:00:00+07:00" }),
        vn("2026-11-25T10:00"),
      );
      await expect(late).rejects.toMatchObject({ code: "dossier.apology_too_late" });
    });
    await scenario(async (ctx, ward) => {
      const desk = await ctx("tiepnhan.thuanhoa");
      const leader = await ctx("lanhdao.thuanhoa");
      let d = await receiveAt(desk, base(ward), vn("2026-11-23T09:00"));
      d = await commandAt(desk, d.id, cmd("forward", d.version), vn("2026-11-23T09:30"));
      d = await commandAt(
        leader,
        d.id,
        cmd("apologise", d.version, { reason: "Cần xác minh", newDueAt: "2026-12-01T09:00:00+07:00" }),
        vn("2026-11-24T10:00"),
      );
      expect(local(d.promisedAt!)).toBe("2026-12-01T09:00");
      d = await commandAt(leader, d.id, cmd("approve", d.version), vn("2026-11-25T10:00"));
      d = await commandAt(leader, d.id, cmd("issue_result", d.version), vn("2026-11-25T11:00"));
      expect(d.timeliness).toBe("late");
    });
  });

  it("a same-day procedure received after 15:00 is due at the close of the next working day", async () => {
    await scenario(async (ctx, ward) => {
      const desk = await ctx("tiepnhan.thuanhoa");
      const d = await receiveAt(desk, base(ward, "1.001193"), vn("2026-11-23T15:20"));
      expect(local(d.dueAt!)).toBe("2026-11-24T17:00");
    });
  });

  it("a reception dated before the procedure version came into force is refused", async () => {
    await scenario(async (ctx, ward) => {
      const desk = await ctx("tiepnhan.thuanhoa");
      // The demo catalog is in force from 2025-07-01; nothing is in force before it.
      await expect(receiveAt(desk, base(ward), vn("2025-06-30T09:00"))).rejects.toMatchObject({
        status: 400,
      });
    });
  });
});
