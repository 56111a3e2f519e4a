// Demo data: a province-level city under today's two-level model, one historical district
// (abolished 2025-07-01) with its old communes merged into today's wards, agencies including
// vertical ones, and one demo user per role. Names follow Huế; the administrative codes are
// illustrative, not the official ones.
import type { Role } from "../db/schema.ts";
import type { ProcedureRecordInput } from "../modules/catalog/catalog.schemas.ts";

export type DemoUnit = {
  code: string;
  name: string;
  level: "province" | "district" | "commune";
  parent?: string;
  validFrom: string;
  validTo?: string;
  successor?: string;
};

export const DEMO_PASSWORD = "Motcua@2026";

export const demoUnits: DemoUnit[] = [
  { code: "46", name: "Thành phố Huế", level: "province", validFrom: "2025-01-01" },
  // Today's communes and wards (two-level model, from 2025-07-01).
  { code: "46.19753", name: "Phường Thuận Hóa", level: "commune", parent: "46", validFrom: "2025-07-01" },
  { code: "46.19774", name: "Phường Phú Xuân", level: "commune", parent: "46", validFrom: "2025-07-01" },
  { code: "46.19900", name: "Phường Phú Bài", level: "commune", parent: "46", validFrom: "2025-07-01" },
  { code: "46.19918", name: "Phường Thanh Thủy", level: "commune", parent: "46", validFrom: "2025-07-01" },
  { code: "46.20002", name: "Xã Phú Vinh", level: "commune", parent: "46", validFrom: "2025-07-01" },
  // History: a district-level town and its communes, abolished or merged on 2025-07-01.
  {
    code: "46.479",
    name: "Thị xã Hương Thủy",
    level: "district",
    parent: "46",
    validFrom: "2010-02-09",
    validTo: "2025-06-30",
    successor: "46",
  },
  {
    code: "46.19891",
    name: "Phường Phú Bài",
    level: "commune",
    parent: "46.479",
    validFrom: "2010-02-09",
    validTo: "2025-06-30",
    successor: "46.19900",
  },
  {
    code: "46.19894",
    name: "Phường Thủy Châu",
    level: "commune",
    parent: "46.479",
    validFrom: "2010-02-09",
    validTo: "2025-06-30",
    successor: "46.19900",
  },
  {
    code: "46.19897",
    name: "Phường Thủy Lương",
    level: "commune",
    parent: "46.479",
    validFrom: "2010-02-09",
    validTo: "2025-06-30",
    successor: "46.19918",
  },
  {
    code: "46.19906",
    name: "Xã Thủy Phù",
    level: "commune",
    parent: "46.479",
    validFrom: "2010-02-09",
    validTo: "2025-06-30",
    successor: "46.19900",
  },
];

export const demoAgencies: { unit: string; code: string; name: string; kind: "internal" | "vertical" }[] = [
  {
    unit: "46",
    code: "000.00.00.H57",
    name: "Trung tâm Phục vụ hành chính công thành phố Huế",
    kind: "internal",
  },
  { unit: "46", code: "000.00.12.H57", name: "Sở Tư pháp", kind: "internal" },
  { unit: "46", code: "000.00.15.H57", name: "Sở Xây dựng", kind: "internal" },
  { unit: "46", code: "000.00.T01.H57", name: "Thuế thành phố Huế", kind: "vertical" },
  { unit: "46", code: "000.00.B01.H57", name: "Bảo hiểm xã hội thành phố Huế", kind: "vertical" },
  {
    unit: "46.19753",
    code: "000.19.753.H57",
    name: "Trung tâm Phục vụ hành chính công phường Thuận Hóa",
    kind: "internal",
  },
  { unit: "46.19753", code: "000.19.753.CA.H57", name: "Công an phường Thuận Hóa", kind: "vertical" },
  {
    unit: "46.19774",
    code: "000.19.774.H57",
    name: "Trung tâm Phục vụ hành chính công phường Phú Xuân",
    kind: "internal",
  },
  { unit: "46.19774", code: "000.19.774.CA.H57", name: "Công an phường Phú Xuân", kind: "vertical" },
  { unit: "46.479", code: "000.47.9.H57", name: "Bộ phận Một cửa thị xã Hương Thủy", kind: "internal" },
];

export const demoUsers: {
  username: string;
  fullName: string;
  email: string;
  grants: { role: Role; unit: string }[];
}[] = [
  {
    username: "admin",
    fullName: "Quản trị hệ thống",
    email: "admin@motcua.example",
    grants: [{ role: "system_admin", unit: "46" }],
  },
  {
    username: "giamsat",
    fullName: "Trần Thị Giám Sát",
    email: "giamsat@motcua.example",
    grants: [{ role: "supervisor", unit: "46" }],
  },
  {
    username: "quantri.thuanhoa",
    fullName: "Lê Văn Quản",
    email: "quantri.th@motcua.example",
    grants: [{ role: "unit_admin", unit: "46.19753" }],
  },
  {
    username: "tiepnhan.thuanhoa",
    fullName: "Nguyễn Thị Tiếp",
    email: "tiepnhan.th@motcua.example",
    grants: [{ role: "receptionist", unit: "46.19753" }],
  },
  {
    username: "chuyenvien.thuanhoa",
    fullName: "Phạm Văn Chuyên",
    email: "chuyenvien.th@motcua.example",
    grants: [{ role: "specialist", unit: "46.19753" }],
  },
  {
    username: "lanhdao.thuanhoa",
    fullName: "Hoàng Minh Lãnh",
    email: "lanhdao.th@motcua.example",
    grants: [{ role: "leader", unit: "46.19753" }],
  },
  {
    username: "vanthu.thuanhoa",
    fullName: "Đỗ Thị Văn",
    email: "vanthu.th@motcua.example",
    grants: [{ role: "clerk", unit: "46.19753" }],
  },
  {
    username: "tiepnhan.phuxuan",
    fullName: "Võ Thị Xuân",
    email: "tiepnhan.px@motcua.example",
    grants: [{ role: "receptionist", unit: "46.19774" }],
  },
  {
    username: "quantri.phuxuan",
    fullName: "Bùi Văn Phú",
    email: "quantri.px@motcua.example",
    grants: [{ role: "unit_admin", unit: "46.19774" }],
  },
];

export const demoCitizen = {
  fullName: "Nguyễn Văn An",
  email: "congdan@motcua.example",
  phone: "0912345678",
};

// Fallback catalog when db/seed/procedures.json is absent: a handful of common commune-level
// procedures (codes and names from the national database; deadlines as in legal-notes.md §12).
const civil = {
  levels: ["commune" as const],
  executingAgency: "Ủy ban nhân dân cấp xã",
  legalBasis: ["Luật Hộ tịch 2014"],
};
export const fallbackProcedures: ProcedureRecordInput[] = [
  {
    ...civil,
    code: "1.001193",
    name: "Đăng ký khai sinh",
    sector: "Hộ tịch",
    channels: { inPerson: true, online: "fully", postal: true },
    deadline: { kind: "same_day", note: "Nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo" },
    onTheSpot: true,
  },
  {
    ...civil,
    code: "1.000656",
    name: "Đăng ký khai tử",
    sector: "Hộ tịch",
    channels: { inPerson: true, online: "fully", postal: true },
    deadline: { kind: "same_day" },
  },
  {
    ...civil,
    code: "1.000894",
    name: "Đăng ký kết hôn",
    sector: "Hộ tịch",
    channels: { inPerson: true, online: "partly", postal: false },
    deadline: { kind: "same_day", note: "Trường hợp cần xác minh: không quá 05 ngày làm việc" },
  },
  {
    ...civil,
    code: "1.004873",
    name: "Cấp Giấy xác nhận tình trạng hôn nhân",
    sector: "Hộ tịch",
    channels: { inPerson: true, online: "fully", postal: true },
    deadline: { kind: "working_days", value: 3 },
  },
  {
    code: "2.000815",
    name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
    sector: "Chứng thực",
    levels: ["commune"],
    channels: { inPerson: true, online: "partly", postal: false },
    deadline: { kind: "same_day" },
    fees: [
      {
        name: "Phí chứng thực",
        amountVnd: 2000,
        note: "2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang, tối đa 200.000 đồng/bản",
      },
    ],
  },
  {
    code: "1.004194",
    name: "Đăng ký tạm trú",
    sector: "Cư trú",
    levels: ["commune"],
    executingAgency: "Công an cấp xã",
    channels: { inPerson: true, online: "fully", postal: false },
    deadline: { kind: "working_days", value: 3 },
    fees: [{ name: "Lệ phí", amountVnd: 15000, note: "7.000 đồng khi nộp trực tuyến" }],
  },
];
