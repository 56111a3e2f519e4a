// Notification texts (pure): one e-mail (subject, text, HTML) and one short SMS per template
// and locale, rendered from the payload the dossier module enqueues. The payload is validated
// here: a payload that does not fit its template can never be sent, so the worker marks the
// row failed at once instead of retrying it.
import { z } from "zod";
import type { NotificationTemplate } from "./outbox.ts";

export type Locale = "vi" | "en";
/** A file sent with an e-mail (the booking's .ics); text content, sent as UTF-8. */
export type MailAttachment = { filename: string; contentType: string; content: string };
export type EmailContent = { subject: string; text: string; html: string; attachments?: MailAttachment[] };
export type SmsContent = { text: string };

export const NOTIFICATION_TEMPLATES = [
  "dossier.received",
  "dossier.supplement_requested",
  "dossier.result_ready",
  "dossier.apology",
  "dossier.returned",
  "appointment.booked",
  "appointment.reminder",
  "appointment.cancelled",
  "appointment.slot_withdrawn",
  "feedback.answered",
  "feedback.rejected",
  "account.invited",
  "account.password_reset",
  "account.password_changed",
  "account.contact_changed",
  "account.contact_verify",
] as const satisfies readonly NotificationTemplate[];

export const isNotificationTemplate = (value: string): value is NotificationTemplate =>
  (NOTIFICATION_TEMPLATES as readonly string[]).includes(value);

/** A payload that does not fit its template (or an unknown template): permanent, never retried. */
export class TemplateError extends Error {
  override name = "TemplateError";
}

// --- payload schemas ------------------------------------------------------------------------

/** One line of text: no control characters (the code and names go into the Subject header). */
const line = z
  .string()
  .trim()
  .normalize("NFC")
  .min(1)
  .max(500)
  .regex(/^[^\p{Cc}]*$/u, "must be one line of text");
const paragraph = z.string().trim().normalize("NFC").min(1).max(2000);
/**
 * An instant with an explicit offset: ISO 8601 (`2025-07-01T03:00:00.000Z`) or PostgreSQL's
 * text form (`2025-07-01 03:00:00+00`). Without an offset the instant would be ambiguous.
 */
const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/, "must be an instant")
  .refine((v) => !Number.isNaN(toDate(v).getTime()), "must be an instant");

const base = z.object({
  code: line,
  procedureName: line,
  applicantName: line,
  receivedAt: instant,
  /** The appointment for the result; absent when the dossier has none yet. */
  dueAt: instant.nullish(),
  lookupUrl: z.url({ protocol: /^https?$/ }),
});

/** A booking (appointments module): where and when, and the page to manage it. */
const appointmentBase = z.object({
  code: line,
  applicantName: line,
  unitName: line,
  /** The procedure's name, else the sector, else the desk in general. */
  serviceName: line,
  startsAt: instant,
  endsAt: instant,
  address: line.nullish(),
  manageUrl: z.url({ protocol: /^https?$/ }),
});

/** A feedback item's answer (feedback module): the code, the text and the public status page. */
const feedbackBase = z.object({
  code: line,
  /** The sender's name, when they gave one. */
  senderName: line.nullish(),
  statusUrl: z.url({ protocol: /^https?$/ }),
});
const answerText = z.string().trim().normalize("NFC").min(1).max(5000);

/** Account mail (auth module): who, and the single-use link (sealed in the outbox row). */
const accountBase = z.object({ fullName: line, link: z.url({ protocol: /^https?$/ }), expiresAt: instant });
const ROLE_NAMES = {
  receptionist: { vi: "Cán bộ tiếp nhận", en: "Receptionist" },
  specialist: { vi: "Chuyên viên xử lý", en: "Specialist" },
  leader: { vi: "Lãnh đạo", en: "Leader" },
  clerk: { vi: "Văn thư", en: "Clerk" },
  unit_admin: { vi: "Quản trị đơn vị", en: "Unit administrator" },
  supervisor: { vi: "Giám sát", en: "Supervisor" },
  system_admin: { vi: "Quản trị hệ thống", en: "System administrator" },
} as const;

export const payloadSchemas = {
  "dossier.received": base,
  "dossier.supplement_requested": base.extend({
    items: z.array(paragraph).min(1).max(50),
    reason: paragraph.nullish(),
  }),
  "dossier.result_ready": base.extend({ resultDelivery: z.enum(["desk", "postal", "online"]) }),
  "dossier.apology": base.extend({ newDueAt: instant, reason: paragraph }),
  /** The result handed over: thanks, and the signed link to rate the service (ratings.link.ts). */
  "dossier.returned": base.extend({ ratingUrl: z.url({ protocol: /^https?$/ }) }),
  /** `ics`: the calendar file attached to the e-mail (none in an SMS). */
  "appointment.booked": appointmentBase.extend({ ics: z.string().min(1).max(20_000).nullish() }),
  "appointment.reminder": appointmentBase,
  "appointment.cancelled": appointmentBase.extend({ ics: z.string().min(1).max(20_000).nullish() }),
  /** The desk withdrew the booking's slot: the booking stands, the person is asked to move it. */
  "appointment.slot_withdrawn": appointmentBase,
  "feedback.answered": feedbackBase.extend({ reply: answerText }),
  "feedback.rejected": feedbackBase.extend({ reason: answerText }),
  /** A new official's invitation: set a password through the link, then sign in. */
  "account.invited": accountBase.extend({
    username: line,
    unitName: line,
    role: z.enum(Object.keys(ROLE_NAMES) as [keyof typeof ROLE_NAMES]),
  }),
  "account.password_reset": accountBase,
  /** Sent after a change or a reset: if it was not them, the link asks for a new reset. */
  "account.password_changed": z.object({
    fullName: line,
    at: instant,
    link: z.url({ protocol: /^https?$/ }),
  }),
  /** Sent to the old contact when an administrator changes an account's e-mail or phone. */
  "account.contact_changed": z
    .object({
      fullName: line,
      at: instant,
      /** Who changed it: the account's owner (through a link) or the unit's administrator. */
      by: z.enum(["owner", "administrator"]),
      email: z.boolean(),
      phone: z.boolean(),
      link: z.url({ protocol: /^https?$/ }),
    })
    .refine((p) => p.email || p.phone, "names the e-mail, the phone or both"),
  /** Sent to a new e-mail or phone: the link that makes it the account's. */
  "account.contact_verify": z.object({
    fullName: line,
    kind: z.enum(["email", "phone"]),
    link: z.url({ protocol: /^https?$/ }),
    expiresAt: instant,
  }),
} satisfies Record<NotificationTemplate, z.ZodType>;

export type Payloads = { [K in NotificationTemplate]: z.infer<(typeof payloadSchemas)[K]> };

/** Validates a payload for a template; throws TemplateError naming the fields at fault. */
export function parsePayload<T extends NotificationTemplate>(template: T, payload: unknown): Payloads[T];
export function parsePayload(template: string, payload: unknown): Payloads[NotificationTemplate];
export function parsePayload(template: string, payload: unknown) {
  if (!isNotificationTemplate(template)) throw new TemplateError(`unknown template ${template}`);
  const parsed = payloadSchemas[template].safeParse(payload);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`);
    throw new TemplateError(`bad payload for ${template}: ${fields.join("; ")}`);
  }
  return parsed.data;
}

// --- formatting -----------------------------------------------------------------------------

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

function toDate(value: string): Date {
  // PostgreSQL's "+00" offset is not ISO; "2025-07-01 03:00:00+00" → "2025-07-01T03:00:00+00:00".
  const iso = value.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00");
  return new Date(iso);
}

/** An instant in Vietnam time (UTC+7, no daylight saving): dd/mm/yyyy HH:mm. */
export function formatVietnamTime(value: string | Date): string {
  const d = typeof value === "string" ? toDate(value) : value;
  const v = new Date(d.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)} ${v.slice(11, 16)}`;
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

// --- documents ------------------------------------------------------------------------------
// A message is a list of blocks; text and HTML are both rendered from it, so they say the same
// thing and every payload value passes through escapeHtml exactly once on the HTML side.

type Block =
  | { kind: "p"; text: string }
  | { kind: "fields"; rows: [label: string, value: string][] }
  | { kind: "list"; title: string; items: string[] }
  | { kind: "link"; label: string; url: string };

/** `false` leaves out a block whose data is absent. */
type Doc = { subject: string; blocks: (Block | false)[]; sms: string; attachments?: MailAttachment[] };

const present = (doc: Doc): Block[] => doc.blocks.filter((b): b is Block => b !== false);

function textBlock(b: Block): string {
  switch (b.kind) {
    case "p":
      return b.text;
    case "fields":
      return b.rows.map(([label, value]) => `${label}: ${value}`).join("\n");
    case "list":
      return [b.title, ...b.items.map((item, i) => `${i + 1}. ${item}`)].join("\n");
    case "link":
      return `${b.label}: ${b.url}`;
  }
}

function renderText(doc: Doc, locale: Locale): string {
  return `${[...present(doc).map(textBlock), FOOTER[locale]].join("\n\n")}\n`;
}

function htmlBlock(b: Block): string {
  const e = escapeHtml;
  switch (b.kind) {
    case "p":
      return `<p>${e(b.text).replace(/\n/g, "<br>")}</p>`;
    case "fields":
      return `<table role="presentation" style="border-collapse:collapse">${b.rows
        .map(
          ([label, value]) =>
            `<tr><th scope="row" style="text-align:left;padding:2px 12px 2px 0;font-weight:normal;color:#555">${e(label)}</th><td style="padding:2px 0"><strong>${e(value)}</strong></td></tr>`,
        )
        .join("")}</table>`;
    case "list":
      return `<p>${e(b.title)}</p><ol>${b.items.map((item) => `<li>${e(item)}</li>`).join("")}</ol>`;
    case "link":
      return `<p>${e(b.label)}: <a href="${e(b.url)}">${e(b.url)}</a></p>`;
  }
}

function renderHtml(doc: Doc, locale: Locale): string {
  const e = escapeHtml;
  return [
    "<!doctype html>",
    `<html lang="${locale}">`,
    `<head><meta charset="utf-8"><title>${e(doc.subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222">',
    ...present(doc).map(htmlBlock),
    `<p style="color:#777;font-size:13px">${e(FOOTER[locale])}</p>`,
    "</body>",
    "</html>",
  ].join("\n");
}

const FOOTER: Record<Locale, string> = {
  vi: "Thư này được gửi tự động từ hệ thống Một cửa, vui lòng không trả lời thư này.",
  en: "This message was sent automatically by the one-stop desk system; please do not reply to it.",
};

// --- the texts ------------------------------------------------------------------------------

type Builders = { [K in NotificationTemplate]: Record<Locale, (p: Payloads[K]) => Doc> };

const t = formatVietnamTime;
/** A field row for an optional instant: none when it is absent. */
const due = (label: string, at: string | null | undefined): [string, string][] =>
  at ? [[label, t(at)]] : [];

const DELIVERY: Record<Locale, Record<"desk" | "postal" | "online", string>> = {
  vi: {
    desk: "Mời ông/bà đến Bộ phận Một cửa để nhận kết quả, khi đến vui lòng mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả.",
    postal: "Kết quả sẽ được gửi đến ông/bà qua dịch vụ bưu chính theo địa chỉ đã đăng ký.",
    online: "Ông/bà nhận kết quả trực tuyến theo đường dẫn dưới đây.",
  },
  en: {
    desk: "Please collect the result at the one-stop desk, bringing the receipt you were given when the application was received.",
    postal: "The result will be sent to you by post, to the address you gave.",
    online: "You can receive the result online at the link below.",
  },
};

const SMS_DELIVERY: Record<Locale, Record<"desk" | "postal" | "online", string>> = {
  vi: {
    desk: "Mời ông/bà đến Bộ phận Một cửa nhận kết quả.",
    postal: "Kết quả được gửi qua bưu chính.",
    online: "Mời ông/bà nhận kết quả trực tuyến.",
  },
  en: {
    desk: "Please collect it at the one-stop desk.",
    postal: "It will be sent to you by post.",
    online: "Please receive it online.",
  },
};

// --- appointments ---------------------------------------------------------------------------

type AppointmentPayload = z.infer<typeof appointmentBase>;
const clock = (at: string) => t(at).slice(11);
const when = (p: AppointmentPayload) => `${t(p.startsAt)}-${clock(p.endsAt)}`;
const icsFile = (code: string, ics: string | null | undefined): MailAttachment[] | undefined =>
  ics
    ? [
        {
          filename: `lich-hen-${code}.ics`,
          contentType: "text/calendar; charset=utf-8; method=PUBLISH",
          content: ics,
        },
      ]
    : undefined;
const bookingRows = (p: AppointmentPayload, locale: Locale): [string, string][] =>
  locale === "vi"
    ? [
        ["Mã lịch hẹn", p.code],
        ["Thời gian", when(p)],
        ["Nơi tiếp", p.address ? `${p.unitName}, ${p.address}` : p.unitName],
        ["Nội dung", p.serviceName],
      ]
    : [
        ["Booking code", p.code],
        ["When", when(p)],
        ["Where", p.address ? `${p.unitName}, ${p.address}` : p.unitName],
        ["For", p.serviceName],
      ];

const appointmentBuilders: Pick<
  Builders,
  "appointment.booked" | "appointment.reminder" | "appointment.cancelled" | "appointment.slot_withdrawn"
> = {
  "appointment.booked": {
    vi: (p) => ({
      subject: `Xác nhận lịch hẹn ${p.code} ngày ${t(p.startsAt).slice(0, 10)}`,
      blocks: [
        { kind: "p", text: `Kính gửi ông/bà ${p.applicantName},` },
        {
          kind: "p",
          text: "Ông/bà đã đặt lịch hẹn tại Bộ phận Một cửa. Khi đến, vui lòng đọc mã lịch hẹn để lấy số ưu tiên.",
        },
        { kind: "fields", rows: bookingRows(p, "vi") },
        {
          kind: "p",
          text: "Tệp lịch (.ics) đính kèm giúp ông/bà thêm lịch hẹn vào điện thoại hoặc lịch của mình.",
        },
        { kind: "link", label: "Xem, đổi hoặc hủy lịch hẹn", url: p.manageUrl },
      ],
      sms: `Đã đặt lịch hẹn ${p.code}: ${when(p)}. Đổi/hủy: ${p.manageUrl}`,
      attachments: icsFile(p.code, p.ics),
    }),
    en: (p) => ({
      subject: `Appointment ${p.code} confirmed for ${t(p.startsAt).slice(0, 10)}`,
      blocks: [
        { kind: "p", text: `Dear ${p.applicantName},` },
        {
          kind: "p",
          text: "Your appointment at the one-stop desk is booked. When you arrive, give your booking code to get a priority ticket.",
        },
        { kind: "fields", rows: bookingRows(p, "en") },
        {
          kind: "p",
          text: "The attached calendar file (.ics) adds the appointment to your phone or calendar.",
        },
        { kind: "link", label: "View, move or cancel it", url: p.manageUrl },
      ],
      sms: `Appointment ${p.code} booked: ${when(p)}. Manage: ${p.manageUrl}`,
      attachments: icsFile(p.code, p.ics),
    }),
  },
  "appointment.reminder": {
    vi: (p) => ({
      subject: `Nhắc lịch hẹn ${p.code} ngày ${t(p.startsAt).slice(0, 10)}`,
      blocks: [
        { kind: "p", text: `Kính gửi ông/bà ${p.applicantName},` },
        { kind: "p", text: "Xin nhắc ông/bà lịch hẹn tại Bộ phận Một cửa:" },
        { kind: "fields", rows: bookingRows(p, "vi") },
        { kind: "link", label: "Đổi hoặc hủy lịch hẹn nếu không đến được", url: p.manageUrl },
      ],
      sms: `Nhắc lịch hẹn ${p.code} tại Bộ phận Một cửa: ${when(p)}.`,
    }),
    en: (p) => ({
      subject: `Reminder: appointment ${p.code} on ${t(p.startsAt).slice(0, 10)}`,
      blocks: [
        { kind: "p", text: `Dear ${p.applicantName},` },
        { kind: "p", text: "A reminder of your appointment at the one-stop desk:" },
        { kind: "fields", rows: bookingRows(p, "en") },
        { kind: "link", label: "Move or cancel it if you cannot come", url: p.manageUrl },
      ],
      sms: `Reminder: appointment ${p.code} at the one-stop desk, ${when(p)}.`,
    }),
  },
  "appointment.cancelled": {
    vi: (p) => ({
      subject: `Đã hủy lịch hẹn ${p.code}`,
      blocks: [
        { kind: "p", text: `Kính gửi ông/bà ${p.applicantName},` },
        { kind: "p", text: "Lịch hẹn sau đây đã được hủy:" },
        { kind: "fields", rows: bookingRows(p, "vi") },
        { kind: "link", label: "Xem lịch hẹn", url: p.manageUrl },
      ],
      sms: `Lịch hẹn ${p.code} (${when(p)}) đã được hủy.`,
      attachments: icsFile(p.code, p.ics),
    }),
    en: (p) => ({
      subject: `Appointment ${p.code} cancelled`,
      blocks: [
        { kind: "p", text: `Dear ${p.applicantName},` },
        { kind: "p", text: "The following appointment has been cancelled:" },
        { kind: "fields", rows: bookingRows(p, "en") },
        { kind: "link", label: "Your booking", url: p.manageUrl },
      ],
      sms: `Appointment ${p.code} (${when(p)}) cancelled.`,
      attachments: icsFile(p.code, p.ics),
    }),
  },
  "appointment.slot_withdrawn": {
    vi: (p) => ({
      subject: `Lịch hẹn ${p.code}: khung giờ đã bị rút, mời ông/bà đổi lịch`,
      blocks: [
        { kind: "p", text: `Kính gửi ông/bà ${p.applicantName},` },
        {
          kind: "p",
          text: "Bộ phận Một cửa đã rút khung giờ của lịch hẹn sau đây. Lịch hẹn của ông/bà vẫn còn hiệu lực, nhưng đề nghị ông/bà đổi sang một khung giờ khác (hoặc hủy nếu không cần nữa).",
        },
        { kind: "fields", rows: bookingRows(p, "vi") },
        { kind: "link", label: "Đổi hoặc hủy lịch hẹn", url: p.manageUrl },
      ],
      // Without accents: GSM-7 keeps code, time and link in one message.
      sms: `Lich hen ${p.code} (${when(p)}): khung gio da bi rut. Doi lich: ${p.manageUrl}`,
    }),
    en: (p) => ({
      subject: `Appointment ${p.code}: its time was withdrawn, please move it`,
      blocks: [
        { kind: "p", text: `Dear ${p.applicantName},` },
        {
          kind: "p",
          text: "The one-stop desk has withdrawn the time of the appointment below. Your booking still stands, but please move it to another time (or cancel it if you no longer need it).",
        },
        { kind: "fields", rows: bookingRows(p, "en") },
        { kind: "link", label: "Move or cancel it", url: p.manageUrl },
      ],
      sms: `Appointment ${p.code} (${when(p)}): the desk withdrew this time. Move it: ${p.manageUrl}`,
    }),
  },
};

const dear = (locale: Locale, name: string | null | undefined) =>
  locale === "vi" ? `Kính gửi ông/bà${name ? ` ${name}` : ""},` : `Dear ${name ?? "Sir or Madam"},`;

const feedbackBuilders: Pick<Builders, "feedback.answered" | "feedback.rejected"> = {
  "feedback.answered": {
    vi: (p) => ({
      subject: `Phản ánh, kiến nghị ${p.code} đã được trả lời`,
      blocks: [
        { kind: "p", text: dear("vi", p.senderName) },
        { kind: "p", text: `Phản ánh, kiến nghị ${p.code} của ông/bà đã được trả lời như sau:` },
        { kind: "p", text: p.reply },
        { kind: "link", label: "Xem tình trạng phản ánh", url: p.statusUrl },
      ],
      // Without accents: GSM-7 keeps code + link in one message; the answer is on the page.
      sms: `Phan anh ${p.code} da duoc tra loi. Xem: ${p.statusUrl}`,
    }),
    en: (p) => ({
      subject: `Your feedback ${p.code} has been answered`,
      blocks: [
        { kind: "p", text: dear("en", p.senderName) },
        { kind: "p", text: `Your feedback ${p.code} has been answered:` },
        { kind: "p", text: p.reply },
        { kind: "link", label: "Its status", url: p.statusUrl },
      ],
      sms: `Your feedback ${p.code} has been answered: ${p.statusUrl}`,
    }),
  },
  "feedback.rejected": {
    vi: (p) => ({
      subject: `Phản ánh, kiến nghị ${p.code} không được xem xét, xử lý`,
      blocks: [
        { kind: "p", text: dear("vi", p.senderName) },
        { kind: "p", text: `Phản ánh, kiến nghị ${p.code} của ông/bà không được xem xét, xử lý. Lý do:` },
        { kind: "p", text: p.reason },
        { kind: "link", label: "Xem tình trạng phản ánh", url: p.statusUrl },
      ],
      sms: `Phan anh ${p.code} khong duoc xu ly. Ly do: ${p.statusUrl}`,
    }),
    en: (p) => ({
      subject: `Your feedback ${p.code} was declined`,
      blocks: [
        { kind: "p", text: dear("en", p.senderName) },
        { kind: "p", text: `Your feedback ${p.code} will not be handled. Reason:` },
        { kind: "p", text: p.reason },
        { kind: "link", label: "Its status", url: p.statusUrl },
      ],
      sms: `Your feedback ${p.code} was declined. Reason: ${p.statusUrl}`,
    }),
  },
};

const accountBuilders: Pick<
  Builders,
  | "account.invited"
  | "account.password_reset"
  | "account.password_changed"
  | "account.contact_changed"
  | "account.contact_verify"
> = {
  "account.invited": {
    vi: (p) => ({
      subject: "Tài khoản cán bộ trên hệ thống Một cửa",
      blocks: [
        { kind: "p", text: `Kính gửi ông/bà ${p.fullName},` },
        { kind: "p", text: "Ông/bà được cấp tài khoản trên hệ thống Một cửa điện tử." },
        {
          kind: "fields",
          rows: [
            ["Tên đăng nhập", p.username],
            ["Đơn vị", p.unitName],
            ["Vai trò", ROLE_NAMES[p.role].vi],
            ["Liên kết hết hạn lúc", t(p.expiresAt)],
          ],
        },
        { kind: "link", label: "Đặt mật khẩu và kích hoạt tài khoản", url: p.link },
        { kind: "p", text: "Liên kết chỉ dùng được một lần. Không chuyển thư này cho người khác." },
      ],
      sms: `Tai khoan Mot cua ${p.username}: dat mat khau tai ${p.link}`,
    }),
    en: (p) => ({
      subject: "Your official account on the one-stop system",
      blocks: [
        { kind: "p", text: `Dear ${p.fullName},` },
        { kind: "p", text: "An account has been created for you on the one-stop system." },
        {
          kind: "fields",
          rows: [
            ["User name", p.username],
            ["Unit", p.unitName],
            ["Role", ROLE_NAMES[p.role].en],
            ["The link expires", t(p.expiresAt)],
          ],
        },
        { kind: "link", label: "Set your password and activate the account", url: p.link },
        { kind: "p", text: "The link works once. Do not forward this e-mail." },
      ],
      sms: `One-stop account ${p.username}: set your password at ${p.link}`,
    }),
  },
  "account.password_reset": {
    vi: (p) => ({
      subject: "Đặt lại mật khẩu",
      blocks: [
        { kind: "p", text: `Kính gửi ông/bà ${p.fullName},` },
        { kind: "p", text: "Có yêu cầu đặt lại mật khẩu cho tài khoản của ông/bà." },
        { kind: "link", label: "Đặt mật khẩu mới", url: p.link },
        {
          kind: "p",
          text: `Liên kết dùng được một lần, đến ${t(p.expiresAt)}. Nếu ông/bà không yêu cầu, hãy bỏ qua thư này: mật khẩu không thay đổi.`,
        },
      ],
      sms: `Dat lai mat khau (dung 1 lan, den ${t(p.expiresAt)}): ${p.link}`,
    }),
    en: (p) => ({
      subject: "Reset your password",
      blocks: [
        { kind: "p", text: `Dear ${p.fullName},` },
        { kind: "p", text: "Someone asked to reset the password of your account." },
        { kind: "link", label: "Set a new password", url: p.link },
        {
          kind: "p",
          text: `The link works once, until ${t(p.expiresAt)}. If you did not ask, ignore this e-mail: your password is unchanged.`,
        },
      ],
      sms: `Reset your password (once, until ${t(p.expiresAt)}): ${p.link}`,
    }),
  },
  "account.password_changed": {
    vi: (p) => ({
      subject: "Mật khẩu của ông/bà đã được thay đổi",
      blocks: [
        { kind: "p", text: `Kính gửi ông/bà ${p.fullName},` },
        {
          kind: "p",
          text: `Mật khẩu tài khoản của ông/bà đã được thay đổi lúc ${t(p.at)}; các phiên đăng nhập khác đã kết thúc.`,
        },
        { kind: "p", text: "Nếu không phải ông/bà thực hiện, hãy đặt lại mật khẩu ngay:" },
        { kind: "link", label: "Đặt lại mật khẩu", url: p.link },
      ],
      sms: `Mat khau tai khoan Mot cua da doi luc ${t(p.at)}. Khong phai ban? ${p.link}`,
    }),
    en: (p) => ({
      subject: "Your password was changed",
      blocks: [
        { kind: "p", text: `Dear ${p.fullName},` },
        {
          kind: "p",
          text: `The password of your account was changed at ${t(p.at)}; your other sessions were ended.`,
        },
        { kind: "p", text: "If this was not you, reset your password now:" },
        { kind: "link", label: "Reset the password", url: p.link },
      ],
      sms: `Your one-stop password was changed at ${t(p.at)}. Not you? ${p.link}`,
    }),
  },
  "account.contact_changed": {
    vi: (p) => {
      const what = [p.email && "thư điện tử", p.phone && "số điện thoại"].filter(Boolean).join(" và ");
      return {
        subject: "Thông tin liên hệ của tài khoản đã được thay đổi",
        blocks: [
          { kind: "p", text: `Kính gửi ông/bà ${p.fullName},` },
          {
            kind: "p",
            text: `${p.by === "owner" ? "Ông/bà đã xác nhận thay đổi" : "Quản trị viên đơn vị đã thay đổi"} ${what} của tài khoản ông/bà lúc ${t(p.at)}. Thư và tin nhắn của hệ thống từ nay gửi đến địa chỉ mới.`,
          },
          {
            kind: "p",
            text:
              p.by === "owner"
                ? "Nếu không phải ông/bà thực hiện, hãy đăng nhập, đổi mật khẩu và báo cho cơ quan quản lý hệ thống."
                : "Nếu ông/bà không đề nghị thay đổi này, hãy báo ngay cho quản trị viên của đơn vị.",
          },
          { kind: "link", label: "Đăng nhập hệ thống", url: p.link },
        ],
        sms: `Tai khoan Mot cua: ${p.email ? "email" : "so dien thoai"} da doi luc ${t(p.at)}. Khong phai ban? ${p.by === "owner" ? "Doi mat khau ngay" : "Bao quan tri don vi"}. ${p.link}`,
      };
    },
    en: (p) => {
      const what = [p.email && "e-mail address", p.phone && "phone number"].filter(Boolean).join(" and ");
      return {
        subject: "Your account's contact details were changed",
        blocks: [
          { kind: "p", text: `Dear ${p.fullName},` },
          {
            kind: "p",
            text: `${p.by === "owner" ? "You confirmed a new" : "Your unit's administrator changed the"} ${what} of your account at ${t(p.at)}. Messages from the system now go to the new one.`,
          },
          {
            kind: "p",
            text:
              p.by === "owner"
                ? "If this was not you, sign in, change your password and tell the system's operator."
                : "If you did not ask for this, tell your unit's administrator at once.",
          },
          { kind: "link", label: "Sign in", url: p.link },
        ],
        sms: `One-stop account: ${p.email ? "e-mail" : "phone"} changed at ${t(p.at)}. Not you? ${p.by === "owner" ? "Change your password now" : "Tell your administrator"}. ${p.link}`,
      };
    },
  },
  "account.contact_verify": {
    vi: (p) => ({
      subject: "Xác nhận thông tin liên hệ mới",
      blocks: [
        { kind: "p", text: `Kính gửi ông/bà ${p.fullName},` },
        {
          kind: "p",
          text: `Có yêu cầu dùng ${p.kind === "email" ? "địa chỉ thư điện tử" : "số điện thoại"} này cho tài khoản của ông/bà trên hệ thống Một cửa.`,
        },
        { kind: "link", label: "Xác nhận", url: p.link },
        {
          kind: "p",
          text: `Liên kết dùng được một lần, đến ${t(p.expiresAt)}. Nếu ông/bà không yêu cầu, hãy bỏ qua thư này: tài khoản không thay đổi.`,
        },
      ],
      sms: `Xac nhan so dien thoai moi cho tai khoan Mot cua (den ${t(p.expiresAt)}): ${p.link}`,
    }),
    en: (p) => ({
      subject: "Confirm your new contact details",
      blocks: [
        { kind: "p", text: `Dear ${p.fullName},` },
        {
          kind: "p",
          text: `Someone asked to use this ${p.kind === "email" ? "e-mail address" : "phone number"} for your account on the one-stop system.`,
        },
        { kind: "link", label: "Confirm", url: p.link },
        {
          kind: "p",
          text: `The link works once, until ${t(p.expiresAt)}. If you did not ask, ignore this e-mail: your account is unchanged.`,
        },
      ],
      sms: `Confirm the new phone for your one-stop account (until ${t(p.expiresAt)}): ${p.link}`,
    }),
  },
};

const builders: Builders = {
  ...appointmentBuilders,
  ...feedbackBuilders,
  ...accountBuilders,
  "dossier.received": {
    vi: (p) => ({
      subject: `Đã tiếp nhận hồ sơ ${p.code}`,
      blocks: [
        { kind: "p", text: `Kính gửi ông/bà ${p.applicantName},` },
        { kind: "p", text: "Bộ phận Một cửa đã tiếp nhận hồ sơ của ông/bà." },
        {
          kind: "fields",
          rows: [
            ["Mã hồ sơ", p.code],
            ["Thủ tục", p.procedureName],
            ["Thời điểm tiếp nhận", t(p.receivedAt)],
            ...due("Hẹn trả kết quả", p.dueAt),
          ],
        },
        { kind: "link", label: "Tra cứu tình trạng hồ sơ", url: p.lookupUrl },
      ],
      sms: `Hồ sơ ${p.code} đã được tiếp nhận.${p.dueAt ? ` Hẹn trả kết quả: ${t(p.dueAt)}.` : ""}`,
    }),
    en: (p) => ({
      subject: `Application ${p.code} received`,
      blocks: [
        { kind: "p", text: `Dear ${p.applicantName},` },
        { kind: "p", text: "The one-stop desk has received your application." },
        {
          kind: "fields",
          rows: [
            ["Dossier code", p.code],
            ["Procedure", p.procedureName],
            ["Received at", t(p.receivedAt)],
            ...due("Result due", p.dueAt),
          ],
        },
        { kind: "link", label: "Check its status", url: p.lookupUrl },
      ],
      sms: `Application ${p.code} received.${p.dueAt ? ` Result due ${t(p.dueAt)}.` : ""}`,
    }),
  },
  "dossier.supplement_requested": {
    vi: (p) => ({
      subject: `Yêu cầu bổ sung, hoàn thiện hồ sơ ${p.code}`,
      blocks: [
        { kind: "p", text: `Kính gửi ông/bà ${p.applicantName},` },
        {
          kind: "p",
          text: `Hồ sơ ${p.code} (${p.procedureName}), tiếp nhận lúc ${t(p.receivedAt)}, cần được bổ sung, hoàn thiện.`,
        },
        !!p.reason && { kind: "p", text: `Lý do: ${p.reason}` },
        { kind: "list", title: "Nội dung cần bổ sung, hoàn thiện:", items: p.items },
        {
          kind: "p",
          text: "Xin ông/bà vui lòng bổ sung, hoàn thiện hồ sơ theo các nội dung trên. Mọi vướng mắc xin liên hệ Bộ phận Một cửa để được hướng dẫn.",
        },
        { kind: "link", label: "Tra cứu tình trạng hồ sơ", url: p.lookupUrl },
      ],
      sms: `Hồ sơ ${p.code} cần bổ sung, hoàn thiện. Vui lòng tra cứu mã hồ sơ để xem chi tiết.`,
    }),
    en: (p) => ({
      subject: `Application ${p.code}: more documents needed`,
      blocks: [
        { kind: "p", text: `Dear ${p.applicantName},` },
        {
          kind: "p",
          text: `Your application ${p.code} (${p.procedureName}), received at ${t(p.receivedAt)}, needs to be completed.`,
        },
        !!p.reason && { kind: "p", text: `Reason: ${p.reason}` },
        { kind: "list", title: "What to provide or complete:", items: p.items },
        {
          kind: "p",
          text: "Please complete your application as listed above. The one-stop desk can guide you if anything is unclear.",
        },
        { kind: "link", label: "Check its status", url: p.lookupUrl },
      ],
      sms: `Application ${p.code} needs more documents. Look up the code for details.`,
    }),
  },
  "dossier.result_ready": {
    vi: (p) => ({
      subject: `Hồ sơ ${p.code} đã có kết quả`,
      blocks: [
        { kind: "p", text: `Kính gửi ông/bà ${p.applicantName},` },
        { kind: "p", text: `Hồ sơ ${p.code} (${p.procedureName}) của ông/bà đã có kết quả giải quyết.` },
        { kind: "p", text: DELIVERY.vi[p.resultDelivery] },
        { kind: "link", label: "Tra cứu hồ sơ", url: p.lookupUrl },
      ],
      sms: `Hồ sơ ${p.code} đã có kết quả. ${SMS_DELIVERY.vi[p.resultDelivery]}`,
    }),
    en: (p) => ({
      subject: `Application ${p.code}: result ready`,
      blocks: [
        { kind: "p", text: `Dear ${p.applicantName},` },
        { kind: "p", text: `The result of your application ${p.code} (${p.procedureName}) is ready.` },
        { kind: "p", text: DELIVERY.en[p.resultDelivery] },
        { kind: "link", label: "Your application", url: p.lookupUrl },
      ],
      sms: `The result of application ${p.code} is ready. ${SMS_DELIVERY.en[p.resultDelivery]}`,
    }),
  },
  "dossier.returned": {
    vi: (p) => ({
      subject: `Hồ sơ ${p.code} đã trả kết quả: mời ông/bà đánh giá`,
      blocks: [
        { kind: "p", text: `Kính gửi ông/bà ${p.applicantName},` },
        { kind: "p", text: `Hồ sơ ${p.code} (${p.procedureName}) của ông/bà đã được trả kết quả.` },
        {
          kind: "p",
          text: "Mời ông/bà dành một phút đánh giá mức độ hài lòng; không cần đăng nhập, mỗi hồ sơ đánh giá một lần.",
        },
        { kind: "link", label: "Đánh giá mức độ hài lòng", url: p.ratingUrl },
        { kind: "link", label: "Tra cứu hồ sơ", url: p.lookupUrl },
      ],
      // Without accents: GSM-7 keeps code + link in one message (UCS-2 would take three).
      sms: `Ho so ${p.code} da tra ket qua. Danh gia: ${p.ratingUrl}`,
    }),
    en: (p) => ({
      subject: `Application ${p.code} returned: please rate the service`,
      blocks: [
        { kind: "p", text: `Dear ${p.applicantName},` },
        {
          kind: "p",
          text: `The result of your application ${p.code} (${p.procedureName}) has been handed over.`,
        },
        {
          kind: "p",
          text: "Please take a minute to rate the service; no sign-in is needed, and each application is rated once.",
        },
        { kind: "link", label: "Rate the service", url: p.ratingUrl },
        { kind: "link", label: "Your application", url: p.lookupUrl },
      ],
      sms: `Application ${p.code} returned. Rate it: ${p.ratingUrl}`,
    }),
  },
  "dossier.apology": {
    // Form 04 (apology with a new date): when received, the original appointment, that the
    // result is not yet ready, the reason, the apology and the new date.
    vi: (p) => ({
      subject: `Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${p.code}`,
      blocks: [
        { kind: "p", text: `Kính gửi ông/bà ${p.applicantName},` },
        {
          kind: "p",
          text: `Ngày ${t(p.receivedAt)}, Bộ phận Một cửa đã tiếp nhận hồ sơ ${p.code} (${p.procedureName}) của ông/bà${p.dueAt ? `, hẹn trả kết quả vào ${t(p.dueAt)}` : ""}.`,
        },
        { kind: "p", text: `Đến nay hồ sơ của ông/bà chưa giải quyết xong. Lý do: ${p.reason}` },
        {
          kind: "p",
          text: "Sự chậm trễ này đã gây phiền hà cho ông/bà. Chúng tôi thành thật xin lỗi ông/bà và mong nhận được sự thông cảm.",
        },
        { kind: "fields", rows: [["Hẹn lại ngày trả kết quả", t(p.newDueAt)]] },
        { kind: "link", label: "Tra cứu tình trạng hồ sơ", url: p.lookupUrl },
      ],
      sms: `Xin lỗi ông/bà: hồ sơ ${p.code} chưa có kết quả đúng hẹn. Hẹn lại: ${t(p.newDueAt)}.`,
    }),
    en: (p) => ({
      subject: `Application ${p.code}: our apology and a new result date`,
      blocks: [
        { kind: "p", text: `Dear ${p.applicantName},` },
        {
          kind: "p",
          text: `On ${t(p.receivedAt)} the one-stop desk received your application ${p.code} (${p.procedureName})${p.dueAt ? `, with the result due on ${t(p.dueAt)}` : ""}.`,
        },
        { kind: "p", text: `It has not been resolved yet. Reason: ${p.reason}` },
        {
          kind: "p",
          text: "We sincerely apologise for the delay and the inconvenience it causes you.",
        },
        { kind: "fields", rows: [["New result date", t(p.newDueAt)]] },
        { kind: "link", label: "Check its status", url: p.lookupUrl },
      ],
      sms: `We apologise: application ${p.code} is delayed. New result date: ${t(p.newDueAt)}.`,
    }),
  },
};

function build(template: string, locale: Locale, payload: unknown): Doc {
  const p = parsePayload(template, payload);
  const forLocale = builders[template as NotificationTemplate][locale] as (p: unknown) => Doc;
  if (!forLocale) throw new TemplateError(`unknown locale ${locale}`);
  return forLocale(p);
}

/** The e-mail for a template, locale and payload; throws TemplateError on a bad payload. */
export function renderEmail(template: string, locale: Locale, payload: unknown): EmailContent {
  const doc = build(template, locale, payload);
  return {
    subject: doc.subject,
    text: renderText(doc, locale),
    html: renderHtml(doc, locale),
    ...(doc.attachments ? { attachments: doc.attachments } : {}),
  };
}

/** The SMS for a template, locale and payload; throws TemplateError on a bad payload. */
export function renderSms(template: string, locale: Locale, payload: unknown): SmsContent {
  return { text: build(template, locale, payload).sms };
}

// --- SMS length -----------------------------------------------------------------------------

// GSM 03.38 basic set; the extension set's characters count twice.
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "^{}\\[~]|€\f";

/**
 * How an SMS text is encoded and how many parts it takes: GSM-7 (160 characters, 153 per part
 * when split) or, as soon as one character is outside GSM-7 (Vietnamese letters with
 * diacritics), UCS-2 (70, 67 per part).
 */
export function smsParts(text: string): { encoding: "gsm7" | "ucs2"; length: number; parts: number } {
  let gsm = 0;
  let gsmOnly = true;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) gsm += 1;
    else if (GSM_EXTENSION.includes(ch)) gsm += 2;
    else {
      gsmOnly = false;
      break;
    }
  }
  if (gsmOnly) return { encoding: "gsm7", length: gsm, parts: gsm <= 160 ? 1 : Math.ceil(gsm / 153) };
  // UCS-2 counts UTF-16 code units.
  const units = text.length;
  return { encoding: "ucs2", length: units, parts: units <= 70 ? 1 : Math.ceil(units / 67) };
}
