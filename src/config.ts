// Runtime settings, all from the environment; every one is documented in README.md.
import path from "node:path";
import { z } from "zod";
import { type AuditSettings, DEMO_AUDIT_KEY, parseAuditKeys } from "./modules/audit/audit.checkpoint.ts";
import { type FieldKeySettings, parseDataKeys } from "./modules/privacy/field-crypto.ts";
import type { RetentionSettings } from "./modules/privacy/privacy.retention.ts";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  // libpq style: several hosts (`postgres://u@h1:5432,h2:5432/db`) are tried in turn for the primary.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/[^/]+\/[^/?]+(\?.*)?$/, "a postgres:// URL with a database name")
    .optional(),
  /** A streaming replica that serves reports, public lookups and transparency (read-only). */
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/[^/]+\/[^/?]+(\?.*)?$/, "a postgres:// URL with a database name")
    .optional(),
  MOTCUA_DATA_DIR: z.string().default("./data"),
  MOTCUA_DEMO: bool.default(true),
  MOTCUA_DEMO_YEARS: z.coerce.number().int().min(0).max(10).default(2),
  MOTCUA_SERVE_WEB: bool.default(true),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  COOKIE_SECURE: bool.optional(),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** How long a password-reset link works. */
  RESET_TOKEN_MINUTES: z.coerce.number().positive().max(1440).default(60),
  /** How long a new official's invitation link works. */
  INVITE_TOKEN_DAYS: z.coerce.number().positive().max(30).default(7),
  LOOKUP_RATE_PER_MINUTE: z.coerce.number().int().positive().default(60),
  BOOKING_RATE_PER_MINUTE: z.coerce.number().int().positive().default(10),
  UPLOAD_RATE_PER_MINUTE: z.coerce.number().int().positive().default(60),
  MALWARE_SCANNER: z.enum(["off", "eicar"]).default("off"),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_SCOPE: z.string().default("openid profile email phone"),
  TRUST_PROXY: z.string().optional(),
  SMTP_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^smtps?$/ }).optional()),
  MAIL_FROM: z.string().min(3).default("Một cửa <no-reply@motcua.local>"),
  SMS_DRIVER: z.enum(["log"]).default("log"),
  OUTBOX_POLL_MS: z.coerce.number().int().min(0).default(2000),
  OUTBOX_LEASE_MS: z.coerce.number().int().min(1000).default(600_000),
  REPORT_COMPACT_MS: z.coerce.number().int().min(0).default(5000),
  MOTCUA_FILES_DIR: z.string().optional(),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  S3_ENDPOINT: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^https?$/ }).optional()),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY: z.string().optional(),
  S3_SECRET_KEY: z.string().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_PATH_STYLE: bool.default(true),
  SIGNING_DRIVER: z.enum(["p12", "pkcs11", "remote"]).default("p12"),
  SIGNING_P12_PATH: z.string().optional(),
  SIGNING_P12_PASSPHRASE: z.string().optional(),
  RATING_LINK_SECRET: z.string().min(32).optional(),
  RATING_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  NATIONAL_PORTAL_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.url({ protocol: /^https?$/ }).optional(),
  ),
  NATIONAL_PORTAL_CLIENT_ID: z.string().optional(),
  NATIONAL_PORTAL_CLIENT_SECRET: z.string().optional(),
  NATIONAL_PORTAL_POLL_MS: z.coerce.number().int().min(0).default(60_000),
  NATIONAL_PORTAL_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  VNPAY_TMN_CODE: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^[A-Za-z0-9]{1,16}$/)
      .optional(),
  ),
  VNPAY_HASH_SECRET: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(8).optional()),
  VNPAY_PAY_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^https?$/ }).optional()),
  VNPAY_API_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^https?$/ }).optional()),
  VNPAY_API_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  PAYMENT_EXPIRE_MINUTES: z.coerce.number().int().min(5).max(1440).default(15),
  PAYMENTS_POLL_MS: z.coerce.number().int().min(0).default(5000),
  RETENTION_IDEMPOTENCY_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  RETENTION_OUTBOX_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  RETENTION_APPOINTMENT_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  RETENTION_FEEDBACK_CONTACT_DAYS: z.coerce.number().int().min(1).max(3650).default(730),
  /** How often the server applies the retention rules (0: never; `npx motcua retention` runs them). */
  RETENTION_INTERVAL_HOURS: z.coerce.number().min(0).default(6),
  /** Signed audit checkpoints: `keyId:base64secret,…`, the first key signs, all verify. */
  AUDIT_SIGNING_KEYS: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
  /** How often the server signs the audit chain's head (0: never; `npx motcua audit checkpoint` does). */
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().min(0).default(5),
  /** A file, on another machine or volume, that receives every checkpoint as one JSON line. */
  AUDIT_ANCHOR_FILE: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
  /** Column encryption of ID and phone numbers: `keyId:base64secret,…` (32 bytes), first encrypts. */
  MOTCUA_DATA_KEYS: z.string().optional(),
  /** Blind indexes of ID and phone numbers (equality search): same form, separate secrets. */
  MOTCUA_INDEX_KEYS: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  databaseReplicaUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  /** Years of imported-style history the demo data adds before its live 90 days (0: none). */
  demoYears: number;
  serveWeb: boolean;
  logLevel: string;
  publicUrl: string;
  sessionTtlMs: number;
  cookieSecure: boolean;
  /** Fastify's trustProxy: false (default), true, or the addresses/CIDRs of the proxies. */
  trustProxy: boolean | string[];
  login: { maxAttempts: number; lockMs: number; ratePerMinute: number };
  accounts: { resetTokenMs: number; inviteTokenMs: number };
  /** Public dossier lookups per client IP per minute. */
  lookupRatePerMinute: number;
  /** Appointment bookings, cancellations and reschedules per client IP per minute. */
  bookingRatePerMinute: number;
  /** File uploads per signed-in user (or per client IP when anonymous) per minute, on every upload route. */
  uploadRatePerMinute: number;
  oidc: { issuer: string; clientId: string; clientSecret: string | undefined; scope: string } | undefined;
  /**
   * Outbox worker and channels: without an SMTP URL e-mail goes to the log; poll 0 = no worker.
   * `outboxLeaseMs`: how long a claim holds a row, so how long the rows a crashed worker was
   * sending wait before another worker sends them again (longer than any one send).
   */
  notifications: {
    smtpUrl: string | undefined;
    mailFrom: string;
    smsDriver: "log";
    outboxPollMs: number;
    outboxLeaseMs: number;
  };
  /** How often report deltas are folded into the report facts (0: never; reports stay exact). */
  reportCompactMs: number;
  /** Uploaded and issued files: content-addressed blobs in a directory, or an S3-compatible bucket. */
  files: {
    dir: string;
    uploadMaxBytes: number;
    /** The malware scan of uploads before they are stored (documents/scan.ts): off, or the EICAR test scanner. */
    malwareScanner: "off" | "eicar";
    s3:
      | {
          endpoint: string;
          bucket: string;
          accessKey: string;
          secretKey: string;
          region: string;
          pathStyle: boolean;
        }
      | undefined;
  };
  /** Signing of electronic results: a PKCS#12 key (or, without one, a generated demo key when demo is on). */
  signing: {
    driver: "p12" | "pkcs11" | "remote";
    p12Path: string | undefined;
    p12Passphrase: string;
  };
  /** Rating links in the "returned" notification: HMAC key (unset: a key kept in the data directory), validity. */
  ratingLink: { secret: string | undefined; days: number };
  /**
   * The exchange with the national public service portal (unset URL: off). The puller takes new
   * dossiers every `pollMs` (0: no puller); statuses, results and ratings go out through the outbox.
   */
  nationalPortal:
    | { url: string; clientId: string; clientSecret: string; pollMs: number; timeoutMs: number }
    | undefined;
  /**
   * Online fee payments (VNPAY 2.1.0). `vnpay` undefined: payments are off (a clear 409 when
   * someone tries). `simulator`: demo mode without VNPAY_* settings — the server starts the local
   * gateway simulator and fills `vnpay` with its address and the demo terminal (never in production).
   */
  payments: {
    vnpay: { tmnCode: string; hashSecret: string; payUrl: string; apiUrl: string } | undefined;
    simulator: boolean;
    apiTimeoutMs: number;
    expireMinutes: number;
    /** How often due gateway queries and refunds are run (0: never; tests run them by hand). */
    pollMs: number;
  };
  /** Retention of personal data by type (src/modules/privacy), and how often the server applies it. */
  retention: RetentionSettings & { intervalMs: number };
  /**
   * Signed checkpoints of the audit chain (src/modules/audit/audit.integrity.ts). No keys: off,
   * the chain is unanchored; demo without AUDIT_SIGNING_KEYS: the public demo key (`demoKey`).
   */
  audit: AuditSettings;
  /**
   * Column encryption of ID and phone numbers (src/modules/privacy/field-crypto.ts): data keys
   * (AES-256-GCM) and blind-index keys (HMAC). Required outside the demo; demo without them:
   * the public demo keys (`demoKey`).
   */
  fieldKeys: FieldKeySettings;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid settings (see README, "Settings"):\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.S3_ENDPOINT && !(e.S3_BUCKET && e.S3_ACCESS_KEY && e.S3_SECRET_KEY))
    throw new Error(
      'Invalid settings (see README, "Settings"):\n  S3_ENDPOINT needs S3_BUCKET, S3_ACCESS_KEY and S3_SECRET_KEY',
    );
  if (e.NATIONAL_PORTAL_URL && !(e.NATIONAL_PORTAL_CLIENT_ID && e.NATIONAL_PORTAL_CLIENT_SECRET))
    throw new Error(
      'Invalid settings (see README, "Settings"):\n  NATIONAL_PORTAL_URL needs NATIONAL_PORTAL_CLIENT_ID and NATIONAL_PORTAL_CLIENT_SECRET',
    );
  const vnpayKeys = [e.VNPAY_TMN_CODE, e.VNPAY_HASH_SECRET, e.VNPAY_PAY_URL, e.VNPAY_API_URL];
  if (vnpayKeys.some(Boolean) && !vnpayKeys.every(Boolean))
    throw new Error(
      'Invalid settings (see README, "Settings"):\n  VNPAY_TMN_CODE, VNPAY_HASH_SECRET, VNPAY_PAY_URL and VNPAY_API_URL go together',
    );
  let auditKeys: AuditSettings["keys"] = [];
  try {
    auditKeys = e.AUDIT_SIGNING_KEYS
      ? parseAuditKeys(e.AUDIT_SIGNING_KEYS)
      : e.MOTCUA_DEMO
        ? [DEMO_AUDIT_KEY]
        : [];
  } catch (err) {
    throw new Error(
      `Invalid settings (see README, "Settings"):\n  AUDIT_SIGNING_KEYS: ${(err as Error).message} (expected keyId:base64secret, comma-separated)`,
    );
  }
  let fieldKeys: FieldKeySettings;
  try {
    fieldKeys = parseDataKeys(e);
  } catch (err) {
    throw new Error(`Invalid settings (see README, "Settings"):\n  ${(err as Error).message}`);
  }
  if (fieldKeys.data.length === 0)
    throw new Error(
      'Invalid settings (see README, "Settings"):\n  MOTCUA_DATA_KEYS and MOTCUA_INDEX_KEYS are required when MOTCUA_DEMO is off: ID and phone numbers are encrypted at rest (openssl rand -base64 32 gives a secret; use keyId:secret)',
    );
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReplicaUrl: e.DATABASE_REPLICA_URL,
    dataDir: path.resolve(e.MOTCUA_DATA_DIR),
    demo: e.MOTCUA_DEMO,
    demoYears: e.MOTCUA_DEMO_YEARS,
    serveWeb: e.MOTCUA_SERVE_WEB,
    logLevel: e.LOG_LEVEL,
    publicUrl,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    cookieSecure: e.COOKIE_SECURE ?? publicUrl.startsWith("https:"),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    login: {
      maxAttempts: e.LOGIN_MAX_ATTEMPTS,
      lockMs: e.LOGIN_LOCK_MINUTES * 60_000,
      ratePerMinute: e.LOGIN_RATE_PER_MINUTE,
    },
    accounts: {
      resetTokenMs: e.RESET_TOKEN_MINUTES * 60_000,
      inviteTokenMs: e.INVITE_TOKEN_DAYS * 86_400_000,
    },
    lookupRatePerMinute: e.LOOKUP_RATE_PER_MINUTE,
    bookingRatePerMinute: e.BOOKING_RATE_PER_MINUTE,
    uploadRatePerMinute: e.UPLOAD_RATE_PER_MINUTE,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            scope: e.OIDC_SCOPE,
          }
        : undefined,
    notifications: {
      smtpUrl: e.SMTP_URL,
      mailFrom: e.MAIL_FROM,
      smsDriver: e.SMS_DRIVER,
      outboxPollMs: e.OUTBOX_POLL_MS,
      outboxLeaseMs: e.OUTBOX_LEASE_MS,
    },
    reportCompactMs: e.REPORT_COMPACT_MS,
    files: {
      dir: path.resolve(e.MOTCUA_FILES_DIR ?? path.join(e.MOTCUA_DATA_DIR, "files")),
      uploadMaxBytes: e.UPLOAD_MAX_BYTES,
      malwareScanner: e.MALWARE_SCANNER,
      s3: e.S3_ENDPOINT
        ? {
            endpoint: e.S3_ENDPOINT.replace(/\/$/, ""),
            bucket: e.S3_BUCKET!,
            accessKey: e.S3_ACCESS_KEY!,
            secretKey: e.S3_SECRET_KEY!,
            region: e.S3_REGION,
            pathStyle: e.S3_PATH_STYLE,
          }
        : undefined,
    },
    signing: {
      driver: e.SIGNING_DRIVER,
      p12Path: e.SIGNING_P12_PATH ? path.resolve(e.SIGNING_P12_PATH) : undefined,
      p12Passphrase: e.SIGNING_P12_PASSPHRASE ?? "",
    },
    ratingLink: { secret: e.RATING_LINK_SECRET, days: e.RATING_LINK_DAYS },
    nationalPortal: e.NATIONAL_PORTAL_URL
      ? {
          url: e.NATIONAL_PORTAL_URL.replace(/\/$/, ""),
          clientId: e.NATIONAL_PORTAL_CLIENT_ID!,
          clientSecret: e.NATIONAL_PORTAL_CLIENT_SECRET!,
          pollMs: e.NATIONAL_PORTAL_POLL_MS,
          timeoutMs: e.NATIONAL_PORTAL_TIMEOUT_MS,
        }
      : undefined,
    payments: {
      vnpay: e.VNPAY_TMN_CODE
        ? {
            tmnCode: e.VNPAY_TMN_CODE,
            hashSecret: e.VNPAY_HASH_SECRET!,
            payUrl: e.VNPAY_PAY_URL!,
            apiUrl: e.VNPAY_API_URL!,
          }
        : undefined,
      simulator: !e.VNPAY_TMN_CODE && e.MOTCUA_DEMO,
      apiTimeoutMs: e.VNPAY_API_TIMEOUT_MS,
      expireMinutes: e.PAYMENT_EXPIRE_MINUTES,
      pollMs: e.PAYMENTS_POLL_MS,
    },
    retention: {
      idempotencyDays: e.RETENTION_IDEMPOTENCY_DAYS,
      outboxDays: e.RETENTION_OUTBOX_DAYS,
      appointmentDays: e.RETENTION_APPOINTMENT_DAYS,
      feedbackContactDays: e.RETENTION_FEEDBACK_CONTACT_DAYS,
      intervalMs: e.RETENTION_INTERVAL_HOURS * 3_600_000,
    },
    audit: {
      keys: auditKeys,
      demoKey: !e.AUDIT_SIGNING_KEYS && e.MOTCUA_DEMO,
      checkpointMs: e.AUDIT_CHECKPOINT_MINUTES * 60_000,
      anchorFile: e.AUDIT_ANCHOR_FILE ? path.resolve(e.AUDIT_ANCHOR_FILE) : undefined,
    },
    fieldKeys,
  };
}

function parseTrustProxy(value: string | undefined): boolean | string[] {
  if (!value || value === "0" || value === "false") return false;
  if (value === "true" || value === "1") return true;
  return value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
}
