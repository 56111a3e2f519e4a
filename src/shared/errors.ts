// The closed set of domain errors. Each has a stable code, an HTTP status and a message
// in Vietnamese and English; they are mapped to RFC 9457 problems in one place
// (src/plugins/errors.ts). 5xx details never reach the client.
export type Message = { vi: string; en: string };
export type FieldError = { path: string; field: string; code: string; message: Message };

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messages: Message,
    readonly fieldErrors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(messages.en);
    this.name = "DomainError";
  }
}

export function fieldError(field: string, code: string, message: Message, location = "body"): FieldError {
  return { path: `${location}.${field}`, field, code, message };
}

export const Errors = {
  unauthenticated: () =>
    new DomainError("auth.unauthenticated", 401, {
      vi: "Bạn cần đăng nhập để tiếp tục.",
      en: "You need to sign in to continue.",
    }),
  badCredentials: () =>
    new DomainError("auth.bad_credentials", 401, {
      vi: "Tên đăng nhập hoặc mật khẩu không đúng.",
      en: "Wrong username or password.",
    }),
  locked: (until: Date) =>
    new DomainError(
      "auth.locked",
      429,
      {
        vi: "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau.",
        en: "The account is temporarily locked after repeated failed sign-ins. Try again later.",
      },
      [],
      { lockedUntil: until.toISOString() },
    ),
  csrf: () =>
    new DomainError("auth.csrf", 403, {
      vi: "Yêu cầu không hợp lệ (thiếu hoặc sai mã chống giả mạo CSRF). Hãy tải lại trang.",
      en: "Invalid request (missing or wrong CSRF token). Reload the page.",
    }),
  forbidden: () =>
    new DomainError("auth.forbidden", 403, {
      vi: "Bạn không có quyền thực hiện thao tác này.",
      en: "You are not allowed to do this.",
    }),
  notFound: (what: Message = { vi: "Bản ghi", en: "Record" }) =>
    new DomainError("not_found", 404, {
      vi: `${what.vi} không tồn tại hoặc bạn không có quyền xem.`,
      en: `${what.en} does not exist or you may not see it.`,
    }),
  conflict: (code: string, messages: Message, fieldErrors: FieldError[] = []) =>
    new DomainError(code, 409, messages, fieldErrors),
  invalid: (fieldErrors: FieldError[]) =>
    new DomainError(
      "validation",
      400,
      { vi: "Dữ liệu không hợp lệ.", en: "The input is not valid." },
      fieldErrors,
    ),
  /** Bad input in one field: the common case of `invalid`. */
  invalidField: (field: string, code: string, message: Message) =>
    Errors.invalid([fieldError(field, code, message)]),
  /**
   * The database cannot be reached (restarting, failing over). Whether a command cut off at its
   * commit took effect is unknown, so the message says to try again, not that nothing happened:
   * a retry with the same Idempotency-Key is answered with the first outcome.
   */
  databaseUnavailable: () =>
    new DomainError("database_unavailable", 503, {
      vi: "Hệ thống tạm thời không truy cập được cơ sở dữ liệu. Vui lòng thử lại sau ít giây.",
      en: "The system cannot reach its database for the moment. Try again in a few seconds.",
    }),
  /** The file store is out of space (ENOSPC, EDQUOT): nothing was stored; an operator must free space. */
  storageFull: () =>
    new DomainError("storage_full", 507, {
      vi: "Kho lưu trữ tệp đã đầy nên tệp chưa được lưu. Vui lòng thử lại sau hoặc báo quản trị hệ thống.",
      en: "The file storage is full, so the file was not stored. Try again later or tell the system administrator.",
    }),
  rateLimited: () =>
    new DomainError("rate_limited", 429, {
      vi: "Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.",
      en: "Too many requests. Try again in a few minutes.",
    }),
};

/** The error, or one it wraps (Drizzle's "Failed query" wraps the driver's), that passes `test`. */
export function causeMatching(err: unknown, test: (e: unknown) => boolean): unknown {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++)
    if (test(e)) return e;
  return undefined;
}

/**
 * A unique violation (SQLSTATE 23505) in the error or one it wraps: the constraint it names ('' when
 * the driver names none); undefined for any other error.
 */
export function uniqueViolation(err: unknown): string | undefined {
  const e = causeMatching(err, (x) => (x as { code?: unknown }).code === "23505");
  if (e === undefined) return undefined;
  const { constraint } = e as { constraint?: unknown };
  return typeof constraint === "string" ? constraint : "";
}
