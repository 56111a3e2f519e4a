// Enqueue side effects in the caller's transaction: the row commits with the state change or
// not at all. The worker (outbox.worker.ts) sends them after commit. `dedupeKey` is unique, so
// a retried command cannot enqueue the same notification twice.

import type { Executor } from "../../db/client.ts";
import { decryptField, encryptField, openJson, sealJson } from "../../db/encrypted.ts";
import { outbox } from "../../db/schema.ts";

/**
 * The AES-GCM label of the mail and SMS recipients in outbox.recipient. The column also holds the
 * national portal's rows, whose recipient is a dossier code in clear (written by SQL), so it is
 * not an encrypted column type: enqueue encrypts, the worker decrypts, for these channels only.
 */
export const RECIPIENT_LABEL = "outbox.recipient";
const PERSONAL_CHANNELS: ReadonlySet<string> = new Set(["email", "sms"]);

/** A stored recipient as the sender needs it: decrypted for mail and SMS, as it is otherwise. */
export function plainRecipient(channel: string, stored: string): string {
  return PERSONAL_CHANNELS.has(channel) ? decryptField(stored, RECIPIENT_LABEL) : stored;
}

/** The AES-GCM label of payload values sealed by `secret` (outbox.payload stays readable JSON). */
export const PAYLOAD_SECRET_LABEL = "outbox.payload";

/**
 * A payload value nobody but the recipient may read, such as a link that sets a password: sealed
 * in the row (`{"$enc": …}`), opened by the worker just before rendering (`openSecrets`).
 */
export const secret = (value: string): unknown => sealJson(value, PAYLOAD_SECRET_LABEL);

/** A stored payload with its `secret` values opened (top-level fields). */
export function openSecrets(payload: unknown): unknown {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) return payload;
  return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, openJson(v, PAYLOAD_SECRET_LABEL)]));
}

export type NotificationTemplate =
  | "dossier.received"
  | "dossier.supplement_requested"
  | "dossier.result_ready"
  | "dossier.apology"
  | "dossier.returned"
  | "appointment.booked"
  | "appointment.reminder"
  | "appointment.cancelled"
  | "appointment.slot_withdrawn"
  | "feedback.answered"
  | "feedback.rejected"
  | "account.invited"
  | "account.password_reset"
  | "account.password_changed"
  | "account.contact_changed"
  | "account.contact_verify";

export type Notification = {
  channel: "email" | "sms";
  template: NotificationTemplate;
  locale?: "vi" | "en";
  recipient: string;
  payload: Record<string, unknown>;
  dedupeKey: string;
  /** Not before this instant (a reminder); default now. */
  notBefore?: string;
};

export async function enqueue(tx: Executor, items: Notification[]): Promise<void> {
  if (items.length === 0) return;
  await tx
    .insert(outbox)
    .values(
      items.map((n) => ({
        channel: n.channel,
        template: n.template,
        locale: n.locale ?? "vi",
        // An e-mail address or a phone number, kept until retention deletes the row: encrypted.
        recipient: encryptField(n.recipient, RECIPIENT_LABEL),
        payload: n.payload,
        dedupeKey: n.dedupeKey,
        ...(n.notBefore ? { nextAttemptAt: n.notBefore } : {}),
      })),
    )
    .onConflictDoNothing({ target: outbox.dedupeKey });
}
