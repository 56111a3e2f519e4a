// The receipt of a petition (giấy biên nhận đơn), A4 in Vietnamese, handed to the petitioner:
// register number, kind, time of receipt and the deadline to decide on acceptance with its legal
// basis. The builder is pure; rendering goes through src/shared/pdf.ts (pdfmake, Tinos).
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces.js";
import { renderPdf } from "../../shared/pdf.ts";
import { dateVi, timeTextVi, unitLetterhead } from "../dossiers/forms/forms.ts";
import type { PetitionKind } from "./petitions.logic.ts";

export type ReceiptData = {
  unitName: string;
  code: string;
  kind: PetitionKind;
  channel: string;
  receivedAt: string;
  acceptDueAt: string;
  subject: string;
  /** Null when the reader may not see a confidential petitioner's name. */
  petitionerName: string | null;
  confidential: boolean;
  receiverName: string | null;
};

const KIND_TITLES: Record<PetitionKind, string> = {
  complaint: "Đơn khiếu nại",
  denunciation: "Đơn tố cáo",
  recommendation: "Đơn kiến nghị, phản ánh",
};

const CHANNELS: Record<string, string> = {
  in_person: "Trực tiếp tại trụ sở tiếp công dân",
  postal: "Qua dịch vụ bưu chính",
  online: "Trực tuyến",
  forwarded: "Do cơ quan, đơn vị khác chuyển đến",
};

const BASIS: Record<PetitionKind, string> = {
  complaint: "Điều 27 Luật Khiếu nại năm 2011",
  denunciation: "khoản 1 Điều 24 Luật Tố cáo năm 2018",
  recommendation: "quy định về xử lý đơn kiến nghị, phản ánh",
};

const PERSON: Record<PetitionKind, string> = {
  complaint: "Người khiếu nại",
  denunciation: "Người tố cáo",
  recommendation: "Người gửi đơn",
};

const upper = (s: string) => s.toLocaleUpperCase("vi");
const field = (label: string, value: string): Content => ({
  text: [`${label}: `, { text: value, bold: true }],
  margin: [0, 3, 0, 3],
});

export function buildReceipt(d: ReceiptData): TDocumentDefinitions {
  const name = d.petitionerName ?? "(thông tin được giữ bí mật)";
  const content: Content[] = [
    unitLetterhead(d.unitName, d.receivedAt),
    { text: "GIẤY BIÊN NHẬN ĐƠN", bold: true, fontSize: 14, alignment: "center", margin: [0, 20, 0, 2] },
    { text: ["Số vào sổ: ", { text: d.code, bold: true }], alignment: "center", margin: [0, 0, 0, 12] },
    field(PERSON[d.kind], name),
    field("Loại đơn", KIND_TITLES[d.kind]),
    field("Hình thức tiếp nhận", CHANNELS[d.channel] ?? d.channel),
    field("Thời điểm tiếp nhận", timeTextVi(d.receivedAt)),
    field("Nội dung tóm tắt", d.subject),
    {
      text: [
        "Trong thời hạn đến hết ngày ",
        { text: dateVi(d.acceptDueAt), bold: true },
        ` (theo ${BASIS[d.kind]}), cơ quan có thẩm quyền xem xét, quyết định việc thụ lý đơn và thông báo cho ${PERSON[d.kind].toLocaleLowerCase("vi")}.`,
      ],
      margin: [0, 8, 0, 4],
    },
    ...(d.confidential
      ? [
          {
            text: "Họ tên, địa chỉ, bút tích và thông tin cá nhân khác của người tố cáo được giữ bí mật (Điều 9, Điều 47, Điều 48 Luật Tố cáo năm 2018).",
            italics: true,
            margin: [0, 4, 0, 4],
          } as Content,
        ]
      : []),
    {
      columns: [
        {
          width: "*",
          stack: [
            { text: upper(PERSON[d.kind]), bold: true },
            { text: "(Ký và ghi rõ họ tên)", italics: true, fontSize: 11 },
          ],
          alignment: "center",
        },
        {
          width: "*",
          stack: [
            { text: "NGƯỜI TIẾP NHẬN", bold: true },
            { text: "(Ký và ghi rõ họ tên)", italics: true, fontSize: 11 },
            { text: d.receiverName ?? "", bold: true, margin: [0, 56, 0, 0] },
          ],
          alignment: "center",
        },
      ],
      margin: [0, 20, 0, 0],
      unbreakable: true,
    },
  ];
  return {
    pageSize: "A4",
    pageMargins: [70, 56, 56, 56],
    info: { title: `Giấy biên nhận đơn ${d.code}` },
    content,
    defaultStyle: { fontSize: 13, lineHeight: 1.2 },
  };
}

export const renderReceipt = (d: ReceiptData): Promise<Buffer> => renderPdf(buildReceipt(d));
