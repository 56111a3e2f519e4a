// The SQL of retention (one statement per rule, each returning how many rows it touched) and of
// a person's own export (one query per DATA_MAP table the export includes).
import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { decryptField } from "../../db/encrypted.ts";
import { dossiers } from "../../db/schema.ts";
import type { retentionCutoffs } from "./privacy.retention.ts";

type Cutoffs = ReturnType<typeof retentionCutoffs>;

async function counted(tx: Executor, statement: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`with touched as (${statement}) select count(*)::int as n from touched`,
  );
  return row?.n ?? 0;
}

/** Applies every retention rule; the counts are per rule id of RETENTION_RULES. */
export async function applyRetention(tx: Executor, c: Cutoffs) {
  const now = c.now.toISOString();
  return {
    sessions: await counted(tx, sql`delete from sessions where expires_at < ${now} returning 1`),
    "rate-limits": await counted(tx, sql`delete from rate_limit_hits where expires_at < ${now} returning 1`),
    idempotency: await counted(
      tx,
      sql`delete from idempotency_keys where created_at < ${c.idempotency.toISOString()} returning 1`,
    ),
    "account-tokens": await counted(
      tx,
      sql`delete from account_tokens
            where coalesce(used_at, expires_at) < ${c.idempotency.toISOString()} returning 1`,
    ),
    outbox: await counted(
      tx,
      sql`delete from outbox where status in ('sent', 'failed')
            and coalesce(sent_at, created_at) < ${c.outbox.toISOString()} returning 1`,
    ),
    // Initials keep a booking recognisable in the day's list; the person key (a hash of the
    // phone number, guessable from the 10⁹ numbers) gives way to the row's own id.
    appointments: await counted(
      tx,
      sql`update appointments
            set full_name = regexp_replace(btrim(full_name), '(\\S)\\S*', '\\1.', 'g'),
                phone = '', email = null, person_key = 'erased:' || id::text
          where day < ${c.appointmentsDay}::date and person_key not like 'erased:%'
          returning 1`,
    ),
    "feedback-contacts": await counted(
      tx,
      sql`update feedback_items
            set first_name = null, last_name = null, email = null, phone = null, device_id = null
          where status in ('answered', 'closed', 'rejected')
            and updated_at < ${c.feedbackContacts.toISOString()}
            and (first_name is not null or last_name is not null or email is not null
                 or phone is not null or device_id is not null)
          returning 1`,
    ),
  };
}

export type RetentionCounts = Awaited<ReturnType<typeof applyRetention>>;

type Row = Record<string, unknown>;

/** Everything motcua holds about one account, section by section (see DATA_MAP). */
export async function personalData(tx: Executor, userId: string) {
  const q = (query: SQL) => queryRows<Row>(tx, query);
  const [account] = await q(sql`
    select id, kind, username, full_name as "fullName", email, phone,
           oidc_issuer is not null as "eIdLinked", created_at as "createdAt"
      from users where id = ${userId}`);
  // Raw reads skip the column types: the phone and ID numbers come back encrypted and are decrypted
  // here, so the person's export holds them as they gave them.
  const plain = (label: string) => (row: Row) => ({
    ...row,
    phone: typeof row.phone === "string" ? decryptField(row.phone, label) : row.phone,
  });
  return {
    account: account ? plain("users.phone")(account) : null,
    sessions: await q(sql`
      select created_at as "createdAt", expires_at as "expiresAt", ip, user_agent as "userAgent"
        from sessions where user_id = ${userId} order by created_at`),
    dossiers: await q(sql`
      select d.id, d.code, d.national_code as "nationalCode", d.state, d.channel,
             p.code as "procedureCode", u.code as "unitCode", d.applicant, d.form_data as "formData",
             d.postal_address as "postalAddress", d.received_at as "receivedAt", d.due_at as "dueAt",
             d.created_at as "createdAt",
             coalesce((select jsonb_agg(jsonb_build_object('seq', e.seq, 'at', e.at, 'command', e.command,
                         'fromState', e.from_state, 'toState', e.to_state, 'note', e.note) order by e.seq)
                         from dossier_events e where e.dossier_id = d.id), '[]'::jsonb) as events
        from dossiers d
        join procedures p on p.id = d.procedure_id
        join org_units u on u.id = d.unit_id
       where d.applicant_user_id = ${userId}
       order by d.created_at`).then((rows) =>
      rows.map((d) => ({
        ...d,
        applicant: dossiers.applicant.mapFromDriverValue(d.applicant as string),
        formData: dossiers.formData.mapFromDriverValue(d.formData as string),
      })),
    ),
    documents: await q(sql`
      select doc.id, doc.kind, doc.name, doc.content_type as "contentType", doc.size, doc.sha256,
             d.code as "dossierCode", doc.created_at as "createdAt"
        from documents doc left join dossiers d on d.id = doc.dossier_id
       where doc.owner_user_id = ${userId} or d.applicant_user_id = ${userId}
       order by doc.created_at`),
    ratings: await q(sql`
      select d.code as "dossierCode", r.level, r.reasons, r.comment, r.channel, r.created_at as "createdAt"
        from dossier_ratings r join dossiers d on d.id = r.dossier_id
       where d.applicant_user_id = ${userId} order by r.created_at`),
    payments: await q(sql`
      select d.code as "dossierCode", pay.amount_vnd as "amountVnd", pay.status, pay.provider,
             pay.order_info as "orderInfo", pay.paid_at as "paidAt", pay.refunded_vnd as "refundedVnd",
             pay.created_at as "createdAt"
        from payments pay join dossiers d on d.id = pay.dossier_id
       where d.applicant_user_id = ${userId} order by pay.created_at`),
    appointments: await q(sql`
      select a.code, a.day, s.starts_at as "startsAt", u.code as "unitCode", a.full_name as "fullName",
             a.phone, a.email, a.status, a.channel, a.created_at as "createdAt"
        from appointments a join appointment_slots s on s.id = a.slot_id join org_units u on u.id = a.unit_id
       where a.citizen_id = ${userId} order by a.created_at`).then((rows) =>
      rows.map(plain("appointments.phone")),
    ),
    feedback: await q(sql`
      select f.code, f.description, f.address, f.first_name as "firstName", f.last_name as "lastName",
             f.email, f.phone, f.status, f.reply, f.consent_publish as "consentPublish",
             f.created_at as "createdAt"
        from feedback_items f where f.citizen_id = ${userId} order by f.created_at`).then((rows) =>
      rows.map(plain("feedback_items.phone")),
    ),
    // The trail of what this account did (its reads of personal data included), newest last.
    activity: await q(sql`
      select seq, at, action, outcome, target, ip from audit_log
       where actor_user_id = ${userId} order by seq`),
  };
}

export type PersonalData = Awaited<ReturnType<typeof personalData>>;
