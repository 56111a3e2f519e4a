// Demo petitions (issue #8): Thuận Hóa's register holds a few complaints, denunciations
// (confidential) and recommendations in every state — in progress, extended and closed, waiting
// past the acceptance deadline, not accepted, forwarded to Phú Xuân — so the register, the due
// colours, the timeline and the figures show something. Written through the service with its clock.
import type { Config } from "../config.ts";
import type { Executor } from "../db/client.ts";
import { findUserByLogin, loadActor } from "../modules/auth/auth.repository.ts";
import type { CommandBody, RegisterBody } from "../modules/petitions/petitions.schemas.ts";
import { command, register } from "../modules/petitions/petitions.service.ts";
import type { Ctx } from "../plugins/context.ts";

const DAY = 86_400_000;

type Step = { daysAgo: number; by: string; body: CommandBody | { command: "assign" } };
type DemoPetition = {
  daysAgo: number;
  body: Omit<RegisterBody, "unit" | "round" | "remoteArea" | "receivedAt" | "concerns"> & {
    concerns?: string;
  };
  steps: Step[];
};

const person = (fullName: string, phone: string, address: string) => ({
  fullName,
  phone,
  address,
  idNumber: null,
  email: null,
  confidential: false,
});

const PETITIONS: DemoPetition[] = [
  {
    daysAgo: 20,
    body: {
      kind: "complaint",
      channel: "postal",
      subject: "Khiếu nại quyết định xử phạt vi phạm hành chính về trật tự xây dựng",
      content: "Ông đề nghị xem xét lại quyết định xử phạt vì cho rằng công trình đã có giấy phép sửa chữa.",
      concerns: "Quyết định xử phạt vi phạm hành chính số 125/QĐ-XPHC",
      petitioner: person("Trần Văn Khải", "0905222333", "25 Nguyễn Huệ, phường Thuận Hóa"),
    },
    steps: [
      { daysAgo: 18, by: "lanhdao.thuanhoa", body: { command: "assign" } },
      { daysAgo: 15, by: "chuyenvien.thuanhoa", body: { command: "accept" } },
    ],
  },
  {
    daysAgo: 2,
    body: {
      kind: "denunciation",
      channel: "in_person",
      subject: "Tố cáo cán bộ gây khó khăn khi chứng thực giấy tờ",
      content: "Người tố cáo trình bày cán bộ tiếp nhận yêu cầu nộp thêm giấy tờ không có trong quy định.",
      concerns: "Công chức bộ phận một cửa",
      petitioner: person("Phạm Thị Minh", "0914333444", "8 Lê Lợi, phường Thuận Hóa"),
    },
    steps: [],
  },
  {
    daysAgo: 70,
    body: {
      kind: "denunciation",
      channel: "postal",
      subject: "Tố cáo việc lấn chiếm đất công tại tổ dân phố 5",
      content: "Đề nghị kiểm tra việc xây dựng tường rào lấn chiếm đất công.",
      concerns: "Hộ gia đình tại tổ dân phố 5",
      petitioner: person("Lê Văn Chính", "0935444555", "Tổ dân phố 5, phường Thuận Hóa"),
    },
    steps: [
      { daysAgo: 68, by: "lanhdao.thuanhoa", body: { command: "assign" } },
      { daysAgo: 66, by: "chuyenvien.thuanhoa", body: { command: "accept" } },
      {
        daysAgo: 40,
        by: "chuyenvien.thuanhoa",
        body: { command: "extend", reason: "Phải xác minh tại hai địa điểm", complexity: "complex" },
      },
      {
        daysAgo: 12,
        by: "lanhdao.thuanhoa",
        body: { command: "decide", decision: "Tố cáo đúng; yêu cầu tháo dỡ phần tường rào lấn chiếm." },
      },
      { daysAgo: 10, by: "lanhdao.thuanhoa", body: { command: "close", note: "Đã thông báo kết quả" } },
    ],
  },
  {
    daysAgo: 21,
    body: {
      kind: "recommendation",
      channel: "online",
      subject: "Kiến nghị sửa chữa đèn chiếu sáng kiệt 12 Phan Đình Phùng",
      content: "Đèn chiếu sáng hỏng nhiều tháng, đề nghị phường sửa chữa.",
      petitioner: person("Hoàng Thị Lan", "0978555666", "Kiệt 12 Phan Đình Phùng"),
    },
    steps: [],
  },
  {
    daysAgo: 30,
    body: {
      kind: "complaint",
      channel: "in_person",
      subject: "Khiếu nại việc chậm cấp giấy chứng nhận",
      content: "Khiếu nại quyết định hành chính đã ban hành từ năm 2023.",
      petitioner: person("Võ Văn Hùng", "0903666777", "40 Trần Hưng Đạo"),
    },
    steps: [
      {
        daysAgo: 27,
        by: "lanhdao.thuanhoa",
        body: { command: "not_accept", reason: "Đã hết thời hiệu khiếu nại (Điều 9 Luật Khiếu nại)." },
      },
    ],
  },
  {
    daysAgo: 4,
    body: {
      kind: "recommendation",
      channel: "postal",
      subject: "Kiến nghị về vệ sinh môi trường chợ Tây Lộc",
      content: "Đề nghị tăng tần suất thu gom rác tại chợ.",
      petitioner: person("Nguyễn Thị Thu", "0986777888", "Chợ Tây Lộc"),
    },
    steps: [
      {
        daysAgo: 3,
        by: "lanhdao.thuanhoa",
        body: { command: "forward", toUnit: "46.19774", reason: "Chợ thuộc địa bàn phường Phú Xuân" },
      },
    ],
  },
];

export async function seedDemoPetitions(tx: Executor, config: Config, now = new Date()) {
  const ctxs = new Map<string, Ctx>();
  const ctxFor = async (login: string): Promise<Ctx> => {
    if (!ctxs.has(login)) {
      const user = await findUserByLogin(tx, login);
      ctxs.set(login, { actor: await loadActor(tx, user!), tx, audit: {}, config });
    }
    return ctxs.get(login)!;
  };
  const handler = (await findUserByLogin(tx, "chuyenvien.thuanhoa"))!;
  const ago = (days: number, hour = 9) => {
    const d = new Date(now.getTime() - days * DAY);
    return new Date(Math.min(d.getTime() + (hour - 9) * 3_600_000, now.getTime() - 60_000));
  };
  for (const p of PETITIONS) {
    const receivedAt = ago(p.daysAgo);
    const created = await register(
      await ctxFor("tiepnhan.thuanhoa"),
      {
        ...p.body,
        concerns: p.body.concerns ?? null,
        unit: "46.19753",
        round: 1,
        remoteArea: false,
        receivedAt: receivedAt.toISOString(),
      },
      receivedAt,
    );
    for (const s of p.steps) {
      const body: CommandBody =
        s.body.command === "assign" ? { command: "assign", handlerId: handler.id } : (s.body as CommandBody);
      await command(await ctxFor(s.by), created.id, body, ago(s.daysAgo, 14));
    }
  }
}
