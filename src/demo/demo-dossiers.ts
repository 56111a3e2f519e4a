// Demo dossiers in every state, made through the same service code the API runs (with the
// service's clock set to past instants), so the work queues, forms and lookup have content.
import type { Config } from "../config.ts";
import type { Executor } from "../db/client.ts";
import { findUserByLogin, loadActor } from "../modules/auth/auth.repository.ts";
import { createWorkingCalendar } from "../modules/calendar/calendar.ts";
import { dayStartMillis, getEpochDay } from "../modules/calendar/dates.ts";
import type { CommandInput, ReceiveInput } from "../modules/dossiers/dossier.schemas.ts";
import { commandAt, fileOnline, receiveAt } from "../modules/dossiers/dossier.service.ts";
import type { Ctx } from "../plugins/context.ts";
import { vietnamDate } from "../shared/dates.ts";
import { demoMaritalStatusData } from "./demo-eforms.ts";

type Step = Omit<Partial<CommandInput>, "command"> & {
  command: CommandInput["command"];
  as: string;
  /** Working days before the anchor, and a Vietnam clock time. */
  at: [number, string];
};
type DemoDossier = {
  unit: string;
  procedure: string;
  applicant: ReceiveInput["applicant"];
  received: [number, string];
  by: string;
  channel?: ReceiveInput["channel"];
  steps?: Step[];
};

const person = (name: string, phone: string, email: string | null, address: string) => ({
  kind: "person" as const,
  name,
  idNumber: null,
  birthDate: null,
  address,
  phone,
  email,
});

const DOSSIERS: DemoDossier[] = [
  {
    unit: "46.19753",
    procedure: "1.004873",
    applicant: person(
      "Nguyễn Thị Hồng Nhung",
      "0905123456",
      "hongnhung@example.com",
      "12 Lê Lợi, phường Thuận Hóa",
    ),
    received: [7, "08:40"],
    by: "tiepnhan.thuanhoa",
    steps: [{ command: "forward", as: "tiepnhan.thuanhoa", at: [7, "09:10"] }],
  },
  {
    unit: "46.19753",
    procedure: "1.004873",
    applicant: person("Trần Văn Bình", "0914222333", null, "5 Hùng Vương, phường Thuận Hóa"),
    received: [1, "10:05"],
    by: "tiepnhan.thuanhoa",
    steps: [{ command: "forward", as: "tiepnhan.thuanhoa", at: [1, "10:30"] }],
  },
  {
    unit: "46.19753",
    procedure: "1.001612",
    applicant: person(
      "Lê Thị Mai",
      "0935111222",
      "lethimai@example.com",
      "20 Trần Hưng Đạo, phường Thuận Hóa",
    ),
    received: [8, "14:00"],
    by: "tiepnhan.thuanhoa",
    steps: [
      { command: "forward", as: "tiepnhan.thuanhoa", at: [8, "14:30"] },
      { command: "approve", as: "lanhdao.thuanhoa", at: [3, "09:00"] },
      { command: "issue_result", as: "vanthu.thuanhoa", at: [3, "10:00"] },
      { command: "return_result", as: "tiepnhan.thuanhoa", at: [2, "08:30"], method: "in_person" },
    ],
  },
  {
    unit: "46.19753",
    procedure: "1.004873",
    applicant: person("Phạm Quốc Huy", "0987000111", "quochuy@example.com", "3 Nguyễn Huệ, phường Thuận Hóa"),
    received: [5, "09:20"],
    by: "tiepnhan.thuanhoa",
    steps: [
      { command: "forward", as: "tiepnhan.thuanhoa", at: [5, "09:40"] },
      { command: "approve", as: "lanhdao.thuanhoa", at: [4, "15:00"] },
      { command: "issue_result", as: "vanthu.thuanhoa", at: [4, "16:00"] },
      { command: "return_result", as: "tiepnhan.thuanhoa", at: [3, "08:15"], method: "postal" },
    ],
  },
  {
    unit: "46.19753",
    procedure: "1.004873",
    applicant: person(
      "Hoàng Minh Tuấn",
      "0978123123",
      "minhtuan@example.com",
      "44 Bà Triệu, phường Thuận Hóa",
    ),
    received: [3, "08:10"],
    by: "tiepnhan.thuanhoa",
    steps: [
      { command: "forward", as: "tiepnhan.thuanhoa", at: [3, "08:30"] },
      {
        command: "request_supplement",
        as: "chuyenvien.thuanhoa",
        at: [2, "14:00"],
        items: ["Bản sao trích lục bản án ly hôn", "Tờ khai có chữ ký của người yêu cầu"],
        reason: "Hồ sơ thiếu giấy tờ chứng minh tình trạng hôn nhân trước đây",
      },
    ],
  },
  {
    unit: "46.19753",
    procedure: "1.004873",
    applicant: person("Võ Thị Lan", "0966555444", null, "9 Lý Thường Kiệt, phường Thuận Hóa"),
    received: [2, "09:00"],
    by: "tiepnhan.thuanhoa",
    steps: [
      { command: "forward", as: "tiepnhan.thuanhoa", at: [2, "09:20"] },
      { command: "transfer", as: "chuyenvien.thuanhoa", at: [1, "09:00"], agencyId: "police" },
    ],
  },
  {
    unit: "46.19753",
    procedure: "1.004873",
    applicant: person(
      "Đặng Văn Hải",
      "0909888777",
      "danghai@example.com",
      "18 Phan Đình Phùng, phường Thuận Hóa",
    ),
    received: [3, "13:45"],
    by: "tiepnhan.thuanhoa",
    steps: [
      { command: "forward", as: "tiepnhan.thuanhoa", at: [3, "14:00"] },
      { command: "approve", as: "lanhdao.thuanhoa", at: [1, "10:00"] },
      { command: "issue_result", as: "vanthu.thuanhoa", at: [1, "11:00"] },
    ],
  },
  {
    unit: "46.19753",
    procedure: "1.004873",
    applicant: person("Bùi Thị Thu", "0911000222", null, "7 Đinh Tiên Hoàng, phường Thuận Hóa"),
    received: [1, "15:30"],
    by: "tiepnhan.thuanhoa",
    steps: [
      {
        command: "refuse",
        as: "tiepnhan.thuanhoa",
        at: [1, "15:40"],
        reason: "Người yêu cầu không cư trú và không có giấy tờ tùy thân hợp lệ",
      },
    ],
  },
  {
    unit: "46.19774",
    procedure: "1.004873",
    applicant: person("Ngô Thanh Sơn", "0903444555", "thanhson@example.com", "2 Lê Duẩn, phường Phú Xuân"),
    received: [2, "10:00"],
    by: "tiepnhan.phuxuan",
    steps: [{ command: "forward", as: "tiepnhan.phuxuan", at: [2, "10:30"] }],
  },
];

/** Seed the demo dossiers; `anchor` is the last working day before now (all events in the past). */
export async function seedDemoDossiers(
  tx: Executor,
  config: Config,
  units: Map<string, string>,
  agencies: Map<string, string>,
) {
  const calendar = createWorkingCalendar();
  const now = new Date();
  const anchorDay = vietnamDate(
    calendar.addWorkingDays(new Date(dayStartMillis(getEpochDay(vietnamDate(now)))), -1),
  );
  const at = ([days, clock]: [number, string]) => {
    const day = vietnamDate(calendar.addWorkingDays(new Date(`${anchorDay}T12:00:00+07:00`), -days));
    return new Date(`${day}T${clock}:00+07:00`);
  };
  const ctxs = new Map<string, Ctx>();
  const ctxFor = async (login: string): Promise<Ctx> => {
    if (!ctxs.has(login)) {
      const user = await findUserByLogin(tx, login);
      ctxs.set(login, { actor: await loadActor(tx, user!), tx, audit: {}, config });
    }
    return ctxs.get(login)!;
  };
  for (const d of DOSSIERS) {
    let view = await receiveAt(
      await ctxFor(d.by),
      {
        unitId: units.get(d.unit)!,
        procedureCode: d.procedure,
        channel: d.channel ?? "in_person",
        serviceMode: "desk",
        applicant: d.applicant,
        subject: null,
        sets: 1,
        resultDelivery: "desk",
        note: null,
      },
      at(d.received),
    );
    for (const s of d.steps ?? []) {
      const { as, at: when, command, ...args } = s;
      const agencyId = args.agencyId === "police" ? agencies.get("000.19.753.CA.H57")! : args.agencyId;
      view = await commandAt(
        await ctxFor(as),
        view.id,
        { reason: null, note: null, ...args, agencyId, command, expectedVersion: view.version },
        at(when),
      );
    }
  }
  // One online dossier awaiting the desk's check.
  const citizen = await ctxFor("congdan@motcua.example");
  await fileOnline(citizen, {
    unitId: units.get("46.19753")!,
    procedureCode: "1.004873",
    channel: "online_full",
    serviceMode: "desk",
    applicant: person(
      citizen.actor!.fullName,
      "0912345678",
      "congdan@motcua.example",
      "1 Lê Lợi, phường Thuận Hóa",
    ),
    subject: null,
    sets: 1,
    resultDelivery: "online",
    note: null,
    draft: false,
    formData: demoMaritalStatusData,
  });
}
