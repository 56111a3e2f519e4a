// Enqueue side effects in the caller's transaction: the row commits with the state change or
// not at all. The worker (outbox.worker.ts) sends them after commit. `dedupeKey` is unique, so
// a retried command cannot enqueue the same notification twice.

import type { Executor } from "../../db/client.ts";
import { outbox } from "../../db/schema.ts";

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
  | "feedback.rejected";

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
        recipient: n.recipient,
        payload: n.payload,
        dedupeKey: n.dedupeKey,
        ...(n.notBefore ? { nextAttemptAt: n.notBefore } : {}),
      })),
    )
    .onConflictDoNothing({ target: outbox.dedupeKey });
}
