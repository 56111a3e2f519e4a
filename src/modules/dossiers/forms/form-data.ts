// The data each official form needs (spec §7, legal-notes §5), independent of how the dossier
// is stored. The dossier service fills these from the database; the builders in this folder
// turn them into pdfmake documents for the regime in force when the dossier was received.
export type Regime = "2018" | "2025";

export type FormKind =
  | "receipt" // 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả
  | "supplement" // 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
  | "refusal" // 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ
  | "apology" // 04 Phiếu xin lỗi và hẹn lại ngày trả kết quả / Văn bản xin lỗi và đề nghị gia hạn
  | "stop" // 05 Thông báo dừng giải quyết hồ sơ (2025 regime only)
  | "control" // 05 (2018) / 06 (2025) Phiếu kiểm soát quá trình giải quyết hồ sơ
  | "book"; // 06 (2018) / 07 (2025) Sổ theo dõi hồ sơ

/** The letterhead: governing body above, the issuing desk or agency below, and the place. */
export type FormHeader = {
  /** e.g. "ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ" */
  governingBody: string;
  /** e.g. "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG THUẬN HÓA" */
  issuer: string;
  /** Place name for the dateline "Thuận Hóa, ngày … tháng … năm …" */
  place: string;
  /** The receiving unit's hotline and e-mail (its own or inherited), printed in the page footer. */
  contact?: { hotline: string | null; email: string | null } | null;
};

export type FormApplicant = {
  name: string;
  address: string | null;
  phone: string | null;
  email: string | null;
};

export type FormDossier = {
  regime: Regime;
  header: FormHeader;
  /** Dossier code, e.g. "46.19753-261123-0001". */
  code: string;
  procedureName: string;
  applicant: FormApplicant;
  /** Instants as ISO strings (UTC); builders print them in Vietnam time (UTC+7). */
  receivedAt: string;
  dueAt: string;
};

export type ReceiptData = FormDossier & {
  documents: { name: string; form: string; count: number }[];
  sets: number;
  /** e.g. "05 ngày làm việc" */
  legalDeadlineText: string;
  resultDelivery: "desk" | "postal" | "online";
  /** Where the result is collected or sent, e.g. the desk's address or the postal address. */
  resultPlace: string | null;
  bookRef: { volume: string; number: number } | null;
  receivedBy: string;
  /** Public lookup URL encoded in the QR code and printed under it. */
  lookupUrl: string;
};

export type SupplementData = FormDossier & {
  items: string[];
  reason: string | null;
  contact: { name: string; phone: string | null };
  issuedAt: string;
  signedBy: string;
};

export type RefusalData = FormDossier & {
  reason: string;
  issuedAt: string;
  signedBy: string;
};

export type ApologyData = FormDossier & {
  reason: string;
  /** The new appointment (2018) / proposed extended date (2025). */
  newDueAt: string;
  issuedAt: string;
  signedBy: string;
  signerTitle: string;
};

export type StopData = FormDossier & {
  /** The stage the dossier had reached, e.g. "Thẩm định hồ sơ". */
  stage: string;
  reason: string;
  legalBasis: string | null;
  financialConsequences: string | null;
  issuedAt: string;
  signedBy: string;
};

export type ControlRow = {
  /** Agency or step name, e.g. "Bộ phận tiếp nhận và trả kết quả". */
  agency: string;
  handedBy: string;
  receivedBy: string;
  at: string;
  /** Result of the step just handed over; null for the first row (reception). */
  result: "early" | "on_time" | "late" | null;
  note: string | null;
};

export type ControlSheetData = FormDossier & {
  resolvingAgency: string;
  coordinatingAgencies: string[];
  rows: ControlRow[];
};

export type BookRow = {
  code: string;
  procedureName: string;
  sets: number;
  applicantName: string;
  applicantContact: string | null;
  leadAgency: string | null;
  receivedAt: string;
  dueAt: string;
  transferredAt: string | null;
  resultBackAt: string | null;
  returnedAt: string | null;
  note: string | null;
};

export type TrackingBookData = {
  regime: Regime;
  header: FormHeader;
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD
  rows: BookRow[];
};
