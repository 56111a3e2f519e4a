// Structured logs (pino) with personal data and secrets redacted wherever they appear.
import type { LoggerOptions } from "pino";

export const REDACT_PATHS = [
  "req.headers.cookie",
  "req.headers.authorization",
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...[
    "password",
    "email",
    "phone",
    "idNumber",
    // snake case (petition_parties, raw rows), outbox rows (an e-mail address or a phone), and
    // the national portal's fields for the applicant's ID number and phone.
    "id_number",
    "recipient",
    "MaDoiTuong",
    "SoDienThoai",
    "address",
    "birthDate",
    "fullName",
    "token",
    "csrfToken",
  ].flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: {
      // Query strings can carry personal data (lookups by phone, say): log the path only.
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        url: req.url.split("?")[0],
        id: req.id,
      }),
    },
  };
}
