// The account mails in the outbox, as the account tests read them: recipients decrypted, the
// sealed link opened, the token taken from the link's fragment.
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { type Executor, queryRows } from "../src/db/client.ts";
import { decryptField } from "../src/db/encrypted.ts";
import { openSecrets } from "../src/modules/notifications/outbox.ts";

export type OutboxMail = {
  id: string;
  channel: string;
  template: string;
  locale: string;
  recipient: string;
  payload: unknown;
};

/** The mails (or SMS) of one template to one recipient, newest first. */
export async function mailsTo(db: Executor, address: string, template: string): Promise<OutboxMail[]> {
  const rows = await queryRows<OutboxMail>(
    db,
    sql`select id::text as id, channel, template, locale, recipient, payload from outbox
         where template = ${template} order by outbox.id desc`,
  );
  return rows
    .map((r) => ({ ...r, payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload }))
    .filter((r) => decryptField(r.recipient, "outbox.recipient") === address);
}

/** The token of the latest such mail: its link is sealed in the row, opened here; `page` is the link's path. */
export async function tokenMailedTo(
  db: Executor,
  address: string,
  template: string,
  page = "/dat-mat-khau",
): Promise<string> {
  const [mail] = await mailsTo(db, address, template);
  expect(mail, `no ${template} mail to ${address}`).toBeDefined();
  const link = String((openSecrets(mail!.payload) as { link: string }).link);
  const m = new RegExp(`${page}#t=([A-Za-z0-9_-]{43})$`).exec(link);
  expect(m, link).not.toBeNull();
  return m![1]!;
}
