// Three months of demo history at Phường Thuận Hóa, so the dashboard and the workload report
// have something to show: ~60 dossiers received over the past ~90 days in several sectors,
// resolved early, on time or late, a few refused or still open (some overdue), and ratings of
// most returned ones. Made through the same service code the API runs, with past instants;
// deterministic (no randomness), and skipped when the history is already there.
import { sql } from "drizzle-orm";
import type { Config } from "../config.ts";
import { type Executor, queryRows } from "../db/client.ts";
import { findUserByLogin, loadActor } from "../modules/auth/auth.repository.ts";
import { createWorkingCalendar } from "../modules/calendar/calendar.ts";
import { findDossier } from "../modules/dossiers/dossier.repository.ts";
import type { CommandInput } from "../modules/dossiers/dossier.schemas.ts";
import { commandAt, receiveAt } from "../modules/dossiers/dossier.service.ts";
import type { RatingLevel } from "../modules/ratings/ratings.schemas.ts";
import { recordRating } from "../modules/ratings/ratings.service.ts";
import type { Ctx } from "../plugins/context.ts";
import { vietnamDate } from "../shared/dates.ts";

const UNIT = "46.19753";
const COUNT = 60;
/** Commune procedures with a deadline in working days (same-day ones would all be early). */
// (None of them has a demo e-form, so desk reception needs no form data.)
const PROCEDURES = [
  "1.004884",
  "1.004194",
  "2.001035",
  "1.004837",
  "1.001731",
  "1.004222",
  "1.013225",
  "1.116410",
];
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"];
const MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Quốc", "Ngọc", "Hữu", "Thu"];
const GIVEN = [
  "An",
  "Bình",
  "Châu",
  "Dũng",
  "Giang",
  "Hà",
  "Hiếu",
  "Khoa",
  "Linh",
  "Long",
  "Nam",
  "Phúc",
  "Quỳnh",
  "Tâm",
];
const LATE_REASONS = [
  "Chờ kết quả xác minh của cơ quan liên quan",
  "Hồ sơ cần lấy ý kiến của cơ quan cấp trên",
];
const STREETS = ["Lê Lợi", "Hùng Vương", "Trần Hưng Đạo", "Nguyễn Huệ", "Bà Triệu", "Đống Đa", "Ngô Quyền"];

type Outcome = "early" | "on_time" | "late" | "refused" | "rejected" | "result_ready" | "open";
/** The fate of dossier i (older first); the most recent ones are still open. */
const OUTCOMES: Outcome[] = [
  "early",
  "on_time",
  "early",
  "late",
  "on_time",
  "early",
  "on_time",
  "late",
  "early",
  "refused",
];
const fateOf = (i: number): Outcome => {
  if (i >= COUNT - 7) return "open";
  if (i === 20 || i === 33 || i === 41) return "open"; // stuck: long overdue
  if (i === 27 || i === 44) return "rejected";
  if (i === 38 || i === 47) return "result_ready";
  return OUTCOMES[i % OUTCOMES.length]!;
};
const LEVELS: RatingLevel[] = [
  "very_satisfied",
  "satisfied",
  "very_satisfied",
  "normal",
  "satisfied",
  "dissatisfied",
  "satisfied",
];
const REASONS: Record<RatingLevel, string[]> = {
  very_satisfied: ["Giải quyết nhanh", "Cán bộ hướng dẫn tận tình"],
  satisfied: ["Đúng hẹn"],
  normal: ["Thời gian chờ tại quầy lâu"],
  dissatisfied: ["Trả kết quả trễ hẹn", "Phải đi lại nhiều lần"],
};

export async function seedDemoHistory(tx: Executor, config: Config, units: Map<string, string>) {
  const unitId = units.get(UNIT)!;
  const calendar = createWorkingCalendar();
  const today = vietnamDate();
  // The last working day before today: every event of the history is in the past.
  const anchor = vietnamDate(calendar.addWorkingDays(new Date(`${today}T12:00:00+07:00`), -1));
  const workday = (from: Date | string, days: number) =>
    vietnamDate(
      calendar.addWorkingDays(typeof from === "string" ? new Date(`${from}T12:00:00+07:00`) : from, days),
    );
  const at = (day: string, clock: string) => new Date(`${day}T${clock}:00+07:00`);
  const oldest = workday(anchor, -62);
  const [already] = await queryRows<{ n: number | string }>(
    tx,
    sql`select count(*) as n from dossiers where unit_id = ${unitId} and received_at < ${at(workday(anchor, -20), "00:00").toISOString()}::timestamptz`,
  );
  if (Number(already?.n ?? 0) > 0) return { created: 0 };

  const ctxs = new Map<string, Ctx>();
  const as = async (login: string): Promise<Ctx> => {
    if (!ctxs.has(login)) {
      const user = await findUserByLogin(tx, login);
      ctxs.set(login, { actor: await loadActor(tx, user!), tx, audit: {}, config });
    }
    return ctxs.get(login)!;
  };
  const specialist = (await as("chuyenvien.thuanhoa")).actor!.userId;
  const run = async (login: string, id: string, version: number, when: Date, args: Partial<CommandInput>) =>
    commandAt(
      await as(login),
      id,
      { reason: null, note: null, ...args, command: args.command!, expectedVersion: version },
      when,
    );

  let created = 0;
  let lateSeen = 0;
  for (let i = 0; i < COUNT; i++) {
    const fate = fateOf(i);
    const receivedDay = workday(oldest, Math.round((i * 61) / (COUNT - 1)));
    const receivedAt = at(
      receivedDay,
      `${String(8 + (i % 8)).padStart(2, "0")}:${String((i * 7) % 60).padStart(2, "0")}`,
    );
    const name = `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 3) % MIDDLE.length]} ${GIVEN[(i * 5) % GIVEN.length]}`;
    let view = await receiveAt(
      await as("tiepnhan.thuanhoa"),
      {
        unitId,
        procedureCode: PROCEDURES[i % PROCEDURES.length]!,
        channel: "in_person",
        serviceMode: "desk",
        applicant: {
          kind: "person",
          name,
          idNumber: null,
          birthDate: null,
          address: `${1 + ((i * 13) % 90)} ${STREETS[i % STREETS.length]}, phường Thuận Hóa`,
          // No contact details: past dossiers must not queue mail or SMS on the demo's first start.
          phone: null,
          email: null,
        },
        subject: null,
        sets: 1,
        resultDelivery: "desk",
        note: null,
      },
      receivedAt,
    );
    created++;
    const step = (login: string, when: Date, args: Partial<CommandInput>) =>
      run(login, view.id, view.version, when, args).then((v) => {
        view = v;
      });
    const soon = new Date(receivedAt.getTime() + 20 * 60_000);
    if (fate === "refused") {
      await step("tiepnhan.thuanhoa", soon, {
        command: "refuse",
        reason: "Hồ sơ không thuộc thẩm quyền giải quyết của phường",
      });
      continue;
    }
    await step("tiepnhan.thuanhoa", soon, { command: "forward" });
    // No assignment command exists yet: the demo names the specialist who handles it.
    await tx.execute(sql`update dossiers set assignee_id = ${specialist} where id = ${view.id}`);
    if (fate === "open") continue;
    const due = new Date(view.dueAt!);
    const dueDay = vietnamDate(due);
    let resolveDay =
      fate === "early" ? workday(due, -1) : fate === "late" ? workday(due, 1 + (i % 3)) : dueDay;
    if (resolveDay <= receivedDay) resolveDay = dueDay;
    const returnDay = workday(resolveDay, i % 4 === 0 ? 1 : 0);
    if (returnDay > anchor) {
      continue; // would resolve in the future: stays open
    }
    // Half the late ones apologised in time, with a new date and a reason (the report's Form 06c).
    const apologyDay = workday(dueDay, -2);
    if (fate === "late" && lateSeen++ % 2 === 0 && apologyDay > receivedDay) {
      await step("chuyenvien.thuanhoa", at(apologyDay, "08:30"), {
        command: "apologise",
        reason: LATE_REASONS[i % LATE_REASONS.length]!,
        newDueAt: at(resolveDay, "17:00").toISOString(),
      });
    }
    await step("lanhdao.thuanhoa", at(resolveDay, "09:00"), {
      command: fate === "rejected" ? "reject" : "approve",
      reason: fate === "rejected" ? "Không đủ điều kiện theo quy định" : null,
    });
    await step("vanthu.thuanhoa", at(resolveDay, "10:30"), { command: "issue_result" });
    if (fate === "result_ready") continue;
    await step("tiepnhan.thuanhoa", at(returnDay, i % 5 === 0 ? "15:00" : "14:00"), {
      command: "return_result",
      method: i % 6 === 0 ? "postal" : "in_person",
    });
    if (i % 3 === 0) continue; // not every applicant rates
    const level = LEVELS[i % LEVELS.length]!;
    const d = await findDossier(tx, view.id);
    await recordRating(
      tx,
      d!,
      { level, reasons: REASONS[level].slice(0, 1 + (i % 2)), comment: null },
      // Ratings by the link in the result notice (issue #8), where no account signs in.
      { channel: "link", ratedBy: null },
      at(returnDay, "16:30"),
    );
  }
  return { created };
}
