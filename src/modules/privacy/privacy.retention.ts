// Retention of personal data by type (Decree 13/2023/NĐ-CP art. 3: data kept no longer than its
// purpose needs). Pure: the rules and their cutoffs; privacy.repository.ts applies them. What the
// archive rules keep (dossiers, their history and files, petitions, payments) and the audit trail
// are not touched here: see DATA_MAP and SECURITY.md.
import { vietnamDate } from "../../shared/dates.ts";

export type RetentionSettings = {
  /** Idempotency keys (the first answer of a command, replayed on a retry). */
  idempotencyDays: number;
  /** Notifications already sent or given up (their payload names the recipient). */
  outboxDays: number;
  /** Bookings: name, phone and e-mail are reduced to initials this long after the visit's day. */
  appointmentDays: number;
  /** Feedback: the sender's name and contacts are erased this long after it was closed or answered. */
  feedbackContactDays: number;
};

export const RETENTION_RULES = [
  { id: "sessions", action: "delete", what: "sessions past their expiry (IP address, browser)" },
  { id: "rate-limits", action: "delete", what: "rate-limit counters past their window (client IP)" },
  { id: "idempotency", action: "delete", what: "idempotency keys older than idempotencyDays" },
  {
    id: "account-tokens",
    action: "delete",
    what: "set-password and contact links (their hashes, a new contact) used or expired over idempotencyDays ago",
  },
  { id: "outbox", action: "delete", what: "sent or failed notifications older than outboxDays" },
  {
    id: "appointments",
    action: "pseudonymise",
    what: "bookings whose day is older than appointmentDays: name to initials, phone and e-mail erased",
  },
  {
    id: "feedback-contacts",
    action: "erase",
    what: "feedback answered, closed or rejected over feedbackContactDays ago: sender's name, contacts, device",
  },
] as const;

export type RetentionRuleId = (typeof RETENTION_RULES)[number]["id"];

const DAY_MS = 86_400_000;

/** The instant before which each rule applies (the day-based rules on whole days back from now). */
export function retentionCutoffs(now: Date, s: RetentionSettings) {
  const back = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return {
    now,
    idempotency: back(s.idempotencyDays),
    outbox: back(s.outboxDays),
    /** A Vietnam calendar day (appointments.day), strictly before which bookings are reduced. */
    appointmentsDay: vietnamDate(back(s.appointmentDays)),
    feedbackContacts: back(s.feedbackContactDays),
  };
}
