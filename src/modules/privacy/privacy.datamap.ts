// Where motcua keeps personal data (Decree 13/2023/NĐ-CP): one row per table, the columns that
// identify or contact a person, why they are kept, what retention applies and whether the
// person's own export (GET /api/v1/me/data-export) includes them. SECURITY.md's data map is this
// list; a test reads the live schema and fails when a column that looks personal is in neither
// this list nor NOT_PERSONAL, so a new table cannot hold personal data unnoticed.

/** How long a location's rows are kept: a rule of privacy.retention.ts, or a named policy. */
export type RetentionPolicy =
  | "sessions"
  | "account-tokens"
  | "idempotency"
  | "outbox"
  | "appointments"
  | "feedback-contacts"
  /** Kept as the administrative record under the archive rules (not deleted by motcua). */
  | "archive"
  /** Kept as the legal trail of processing (insert-only, hash-chained). */
  | "audit"
  /** Kept while the account exists. */
  | "account";

export type PersonalDataLocation = {
  table: string;
  columns: readonly string[];
  /** Whose data it is. */
  subject: string;
  purpose: string;
  retention: RetentionPolicy;
  /** Included in the person's own export. */
  exported: boolean;
};

export const DATA_MAP: readonly PersonalDataLocation[] = [
  {
    table: "users",
    columns: ["full_name", "email", "phone", "phone_bidx", "username", "oidc_subject"],
    subject: "citizens and officials with an account",
    purpose: "sign-in, notifications, the applicant's profile for once-only prefill",
    retention: "account",
    exported: true,
  },
  {
    table: "sessions",
    columns: ["ip", "user_agent"],
    subject: "signed-in users",
    purpose: "session security (where a session was opened from)",
    retention: "sessions",
    exported: true,
  },
  {
    table: "account_tokens",
    columns: ["new_contact"],
    subject: "account holders changing their own e-mail or phone",
    purpose: "confirming the new address through the link sent to it (encrypted)",
    retention: "account-tokens",
    exported: false,
  },
  {
    table: "dossiers",
    columns: [
      "applicant",
      "applicant_id_bidx",
      "applicant_name",
      "applicant_user_id",
      "form_data",
      "postal_address",
    ],
    subject: "applicants (citizens, representatives of organisations)",
    purpose:
      "handling the administrative procedure; ID number, birth date, address, phone, e-mail in `applicant`",
    retention: "archive",
    exported: true,
  },
  {
    table: "dossier_events",
    columns: ["note"],
    subject: "applicants (officials' notes on the dossier)",
    purpose: "the dossier's history (control sheet)",
    retention: "archive",
    exported: true,
  },
  {
    table: "documents",
    columns: ["name"],
    subject: "applicants (submitted papers, results, the citizen's document store)",
    purpose: "the dossier's files; contents in the blob store by SHA-256",
    retention: "archive",
    exported: true,
  },
  {
    table: "dossier_ratings",
    columns: ["comment", "reasons"],
    subject: "applicants who rated",
    purpose: "satisfaction figures",
    retention: "archive",
    exported: true,
  },
  {
    table: "appointments",
    columns: ["full_name", "phone", "email", "person_key"],
    subject: "people who booked a visit",
    purpose: "the booking, its reminders and the per-person daily limit",
    retention: "appointments",
    exported: true,
  },
  {
    table: "feedback_items",
    columns: [
      "first_name",
      "last_name",
      "email",
      "phone",
      "address",
      "lat",
      "long",
      "description",
      "device_id",
    ],
    subject: "people who sent feedback",
    purpose: "answering the feedback; published only redacted, with consent",
    retention: "feedback-contacts",
    exported: true,
  },
  {
    table: "petitions",
    columns: ["content"],
    subject: "complainants and denouncers",
    purpose: "handling the petition (Laws on Complaints and Denunciations)",
    retention: "archive",
    exported: false,
  },
  {
    table: "petition_parties",
    columns: ["full_name", "id_number", "address", "phone", "email"],
    subject: "complainants and denouncers (identity confidential for denunciations)",
    purpose: "handling the petition; seen by the handler and leaders only",
    retention: "archive",
    exported: false,
  },
  {
    table: "payments",
    columns: ["order_info", "created_by"],
    subject: "payers of fees",
    purpose: "fees, receipts, reconciliation with the gateway",
    retention: "archive",
    exported: true,
  },
  {
    table: "outbox",
    columns: ["recipient", "payload"],
    subject: "recipients of notifications",
    purpose: "sending mail, SMS and national portal messages after commit",
    retention: "outbox",
    exported: false,
  },
  {
    table: "idempotency_keys",
    columns: ["response"],
    subject: "whoever sent the command (the first answer, replayed on a retry)",
    purpose: "no command applied twice",
    retention: "idempotency",
    exported: false,
  },
  {
    table: "national_portal_inbox",
    columns: ["payload"],
    subject: "applicants who filed on the national portal",
    purpose: "proof of what the national portal sent (insert-only)",
    retention: "archive",
    exported: false,
  },
  {
    table: "audit_log",
    columns: ["actor_user_id", "actor_label", "ip", "details"],
    subject: "officials and citizens who acted or read personal data",
    purpose: "the legal trail of every change and every read of personal data",
    retention: "audit",
    exported: true,
  },
];

/** Columns whose names look personal but hold none, with the reason. */
export const NOT_PERSONAL: Readonly<Record<string, string>> = {
  "audit_checkpoints.reason": "why an audit checkpoint was signed (interval, backup, manual)",
  "national_portal_inbox.payload_sha256": "a hash of the message",
  "payment_events.note": "the gateway's message",
  "payment_refunds.reason": "the official's reason for a refund",
  "unit_calendars.note": "a holiday's name",
  "unit_contacts.address": "a public office's address",
  "unit_contacts.email": "a public office's mailbox",
  "unit_procedures.reception_address": "a public office's address",
};

/** Column names that suggest personal data (the schema test checks every match). */
export const PERSONAL_NAME =
  /(phone|email|id_number|full_name|first_name|last_name|address|birth|applicant|^ip$|user_agent|recipient|payload|form_data|^note$|comment|reason|^content$|^lat$|^long$|device)/;

/** The data map as the Markdown table SECURITY.md carries (a test keeps the two equal). */
export function dataMapMarkdown(): string {
  const code = (s: string) => `\`${s}\``;
  return [
    "| table | columns | whose | purpose | kept | in the export |",
    "|---|---|---|---|---|---|",
    ...DATA_MAP.map(
      (e) =>
        `| ${code(e.table)} | ${e.columns.map(code).join(", ")} | ${e.subject} | ${e.purpose} | ${e.retention} | ${e.exported ? "yes" : "no"} |`,
    ),
  ].join("\n");
}
