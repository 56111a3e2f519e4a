// Realistic sample data for every form of both regimes, shared by the unit and rendering tests.
import type { BookRow, FormDossier, Regime } from "./form-data.ts";
import type { FormDataByKind } from "./forms.ts";

const APPLICANT = {
  name: "Nguyễn Thị Hồng Nhung",
  address: "Số 12 đường Lê Lợi, Phường Thuận Hóa, thành phố Huế",
  phone: "0905 123 456",
  email: "hongnhung.nguyen@example.vn",
};

// The 2018 regime applied to dossiers received until 2025-06-30; the 2025 one since 2025-07-01.
const BY_REGIME = {
  "2018": {
    header: {
      governingBody: "Ủy ban nhân dân quận Thuận Hóa",
      issuer: "Bộ phận tiếp nhận và trả kết quả",
      place: "Thuận Hóa",
    },
    code: "000.00.20.H57-250314-0012",
    day: "2025-03-14",
  },
  "2025": {
    header: {
      governingBody: "ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ",
      issuer: "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG THUẬN HÓA",
      place: "Thuận Hóa",
    },
    code: "46.19753-261123-0001",
    day: "2026-11-23",
  },
} as const;

/** Every form's data for a regime; `stop` is built for 2018 too, to check it is refused there. */
export function sampleForms(regime: Regime): FormDataByKind {
  const r = BY_REGIME[regime];
  // Times of day are given in UTC: 07:05Z is 14:05 in Vietnam.
  const at = (dayOffset: number, utcTime: string) => {
    const d = new Date(`${r.day}T${utcTime}Z`);
    d.setUTCDate(d.getUTCDate() + dayOffset);
    return d.toISOString();
  };
  const dossier: FormDossier = {
    regime,
    header: r.header,
    code: r.code,
    procedureName: "Cấp Giấy xác nhận tình trạng hôn nhân",
    applicant: APPLICANT,
    receivedAt: at(0, "07:05:00"), // 14:05
    dueAt: at(3, "09:00:00"), // 16:00, three days later
  };
  const bookRow = (i: number, name: string): BookRow => ({
    code: r.code.replace(/\d{4}$/, String(i).padStart(4, "0")),
    procedureName: dossier.procedureName,
    sets: 1,
    applicantName: name,
    applicantContact: "Phường Thuận Hóa, thành phố Huế; 0905 123 456",
    leadAgency: "UBND phường Thuận Hóa",
    receivedAt: dossier.receivedAt,
    dueAt: dossier.dueAt,
    transferredAt: at(0, "09:30:00"),
    resultBackAt: i === 1 ? at(2, "08:00:00") : null,
    returnedAt: i === 1 ? at(3, "02:00:00") : null,
    note: i === 1 ? "Trả qua bưu chính" : null,
  });
  return {
    receipt: {
      ...dossier,
      documents: [
        { name: "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", form: "Bản chính", count: 1 },
        {
          name: "Trích lục bản án ly hôn đã có hiệu lực pháp luật",
          form: "Bản sao có chứng thực",
          count: 1,
        },
        { name: "Giấy xác nhận tình trạng hôn nhân đã cấp trước đây", form: "Bản chính", count: 1 },
      ],
      sets: 1,
      legalDeadlineText: "03 ngày làm việc",
      resultDelivery: "postal",
      resultPlace: APPLICANT.address,
      bookRef: { volume: "03", number: 125 },
      receivedBy: "Lê Văn Hùng",
      lookupUrl: `https://dichvucong.hue.gov.vn/tra-cuu-ho-so?ma=${r.code}`,
    },
    supplement: {
      ...dossier,
      items: [
        "Bản sao Giấy chứng nhận kết hôn có chứng thực",
        "Ghi đầy đủ nơi cư trú trước đây trong tờ khai",
      ],
      reason: "Hồ sơ chưa đủ thành phần theo quy định của thủ tục",
      contact: { name: "Lê Văn Hùng", phone: "0234 3822 123" },
      issuedAt: at(0, "08:00:00"),
      signedBy: "Lê Văn Hùng",
    },
    refusal: {
      ...dossier,
      reason: "Yêu cầu không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường",
      issuedAt: at(0, "08:00:00"),
      signedBy: "Lê Văn Hùng",
    },
    apology: {
      ...dossier,
      reason: "Cần xác minh thêm tình trạng hôn nhân tại nơi cư trú trước đây",
      newDueAt: at(6, "02:30:00"), // 09:30
      issuedAt: at(2, "03:00:00"),
      signedBy: "Trần Đức Thắng",
      signerTitle: "Chủ tịch Ủy ban nhân dân",
    },
    stop: {
      ...dossier,
      stage: "Thẩm định hồ sơ",
      reason: "Người yêu cầu có văn bản đề nghị rút hồ sơ",
      legalBasis: "Đơn đề nghị rút hồ sơ của người yêu cầu",
      financialConsequences: "Lệ phí đã nộp không được hoàn trả",
      issuedAt: at(2, "03:00:00"),
      signedBy: "Trần Đức Thắng",
    },
    control: {
      ...dossier,
      resolvingAgency: "Phòng Văn hóa - Xã hội",
      coordinatingAgencies: ["Công an phường Thuận Hóa"],
      rows: [
        {
          agency: "Bộ phận Một cửa",
          handedBy: "Lê Văn Hùng",
          receivedBy: "Trần Thị Mai",
          at: at(0, "09:30:00"), // 16:30
          result: null,
          note: null,
        },
        {
          agency: "Phòng Văn hóa - Xã hội",
          handedBy: "Trần Thị Mai",
          receivedBy: "Phạm Quốc Bảo",
          at: at(1, "02:15:00"), // 09:15 next day
          result: "early",
          note: null,
        },
        {
          agency: "Lãnh đạo UBND",
          handedBy: "Phạm Quốc Bảo",
          receivedBy: "Lê Văn Hùng",
          at: at(3, "08:00:00"),
          result: "on_time",
          note: null,
        },
        {
          agency: "Bộ phận Một cửa",
          handedBy: "Lê Văn Hùng",
          receivedBy: APPLICANT.name,
          at: at(4, "01:00:00"),
          result: "late",
          note: "Trả qua bưu chính",
        },
      ],
    },
    book: {
      regime,
      header: r.header,
      from: `${r.day.slice(0, 8)}01`,
      to: `${r.day.slice(0, 8)}30`,
      rows: [bookRow(1, APPLICANT.name), bookRow(2, "Trần Văn Bình"), bookRow(3, "Hoàng Thị Lan Anh")],
    },
  };
}
