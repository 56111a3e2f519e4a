// Field-level messages for rules zod's own locales cannot phrase. A schema refers to one
// with `{ error: msg("key") }`; the error plugin renders it in both languages.
import type { Message } from "./errors.ts";

export const fieldMessages = {
  "unit.code_format": {
    vi: "Mã đơn vị chỉ gồm chữ, số, dấu chấm, gạch ngang (2–40 ký tự).",
    en: "Unit code may contain letters, digits, dots and dashes (2–40 characters).",
  },
  "agency.code_format": {
    vi: "Mã cơ quan chỉ gồm chữ, số, dấu chấm, gạch ngang (2–40 ký tự).",
    en: "Agency code may contain letters, digits, dots and dashes (2–40 characters).",
  },
  "dossier.id_number": {
    vi: "Số định danh cá nhân gồm 9 hoặc 12 chữ số.",
    en: "The personal ID number has 9 or 12 digits.",
  },
  name_required: { vi: "Tên không được để trống.", en: "The name must not be empty." },
  date_format: { vi: "Ngày phải có dạng YYYY-MM-DD.", en: "The date must be YYYY-MM-DD." },
  datetime_format: {
    vi: "Thời điểm phải theo ISO 8601 có múi giờ, ví dụ 2026-02-13T10:00:00+07:00.",
    en: "The instant must be ISO 8601 with an offset, e.g. 2026-02-13T10:00:00+07:00.",
  },
  password_policy: {
    vi: "Mật khẩu cần ít nhất 10 ký tự, có chữ và số.",
    en: "The password needs at least 10 characters, with letters and digits.",
  },
  password_common: {
    vi: "Mật khẩu này quá phổ biến và dễ bị đoán; hãy chọn mật khẩu khác.",
    en: "This password is too common and easy to guess; choose another one.",
  },
  email_format: { vi: "Địa chỉ e-mail không hợp lệ.", en: "The e-mail address is not valid." },
  token_format: {
    vi: "Liên kết không hợp lệ; hãy mở đúng liên kết trong thư.",
    en: "The link is not valid; open the link exactly as in the e-mail.",
  },
  username_format: {
    vi: "Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang.",
    en: "A user name has 3–40 characters: lower-case letters, digits, dots, underscores, dashes.",
  },
  phone_format: {
    vi: "Số điện thoại phải là số Việt Nam 10 chữ số (bắt đầu bằng 0).",
    en: "The phone number must be a 10-digit Vietnamese number starting with 0.",
  },
  contact_required: {
    vi: "Cần nhập e-mail hoặc số điện thoại.",
    en: "Enter an e-mail address or a phone number.",
  },
  "procedure.code_format": {
    vi: "Mã thủ tục có dạng 1.001193 (một chữ số, dấu chấm, sáu chữ số).",
    en: "A procedure code looks like 1.001193 (one digit, a dot, six digits).",
  },
  "procedure.levels": { vi: "Chọn ít nhất một cấp thực hiện.", en: "Choose at least one level." },
  "deadline.value": {
    vi: "Thời hạn giải quyết phải là số dương (trừ loại 'trong ngày').",
    en: "The deadline must be a positive number (except for 'same day').",
  },
  "decision.number_required": { vi: "Cần nhập số quyết định.", en: "Enter the decision number." },
  "decision.effective_before_signed": {
    vi: "Ngày hiệu lực không được trước ngày ký quyết định.",
    en: "The effective date cannot be before the decision was signed.",
  },
  "calendar.clock_time": {
    vi: "Giờ phải có dạng HH:MM (ví dụ 07:30).",
    en: "A time must be HH:MM (e.g. 07:30).",
  },
  "calendar.interval_order": {
    vi: "Giờ kết thúc phải sau giờ bắt đầu.",
    en: "A working interval must end after it starts.",
  },
  "calendar.intervals_overlap": {
    vi: "Các khoảng giờ làm việc phải theo thứ tự tăng dần và không chồng lên nhau.",
    en: "Working intervals must be in ascending order and must not overlap.",
  },
  "calendar.duplicate_weekday": { vi: "Một ngày trong tuần bị lặp lại.", en: "A weekday is listed twice." },
  "calendar.off_and_makeup": {
    vi: "Một ngày không thể vừa là ngày nghỉ vừa là ngày làm bù.",
    en: "A day cannot be both a day off and a make-up working day.",
  },
  contact_one: {
    vi: "Nhập một thông tin liên hệ mới: thư điện tử hoặc số điện thoại.",
    en: "Give one new contact: an e-mail address or a phone number.",
  },
  "staff.edit_empty": {
    vi: "Nhập ít nhất một thông tin cần sửa: họ tên, thư điện tử hoặc số điện thoại.",
    en: "Give at least one thing to change: the name, the e-mail or the phone.",
  },
  "process.hours": {
    vi: "Thời gian của bước phải là số giờ làm việc, ít nhất 0,01 giờ.",
    en: "A step's duration must be a number of working hours, at least 0.01.",
  },
  "process.role_or_agency": {
    vi: "Mỗi bước cần vai trò hoặc cơ quan thực hiện.",
    en: "Each step needs a role or an agency.",
  },
  "process.parallel_opinion": {
    vi: "Chỉ bước lấy ý kiến mới được chạy song song.",
    en: "Only opinion steps can run in parallel.",
  },
  "process.no_steps": { vi: "Quy trình cần ít nhất một bước.", en: "A process needs at least one step." },
  "feedback.text_required": {
    vi: "Nội dung không được để trống.",
    en: "The text must not be empty.",
  },
  "feedback.point_pair": {
    vi: "Vị trí cần cả vĩ độ và kinh độ (hoặc bỏ trống cả hai).",
    en: "A map point needs both latitude and longitude (or neither).",
  },
  "contacts.hotline": {
    vi: "Đường dây nóng chỉ gồm chữ số, khoảng trắng và các ký tự + ( ) . - (3–20 ký tự, ít nhất 3 chữ số).",
    en: "A hotline may contain digits, spaces and + ( ) . - (3–20 characters, at least 3 digits).",
  },
  "contacts.zalo": {
    vi: "Zalo phải là số điện thoại hoặc đường dẫn https://zalo.me/…",
    en: "Zalo must be a phone number or a https://zalo.me/… link.",
  },
  "contacts.facebook": {
    vi: "Facebook phải là đường dẫn https://facebook.com/… (hoặc www., m., fb.com).",
    en: "Facebook must be a https://facebook.com/… link (or www., m., fb.com).",
  },
} satisfies Record<string, Message>;

export type FieldMessageKey = keyof typeof fieldMessages;
const PREFIX = "msg:";

export const msg = (key: FieldMessageKey): string => `${PREFIX}${key}`;

export function lookupFieldMessage(text: string | undefined): Message | undefined {
  if (!text?.startsWith(PREFIX)) return undefined;
  return fieldMessages[text.slice(PREFIX.length) as FieldMessageKey];
}
