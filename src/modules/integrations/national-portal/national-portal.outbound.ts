// What motcua pushes back to the national public service portal, always through the outbox:
// - a status message for EVERY event of a dossier that carries a national code (enqueued by
//   `insertEvent`, the one place events are written, so reception, every command and the bulk
//   commands are all covered), with the event's seq: the portal applies a status only when its
//   seq is above the last one it applied, so a late resend never moves a dossier back;
// - each electronic result (documents of kind `result`): name, SHA-256, size, download link;
// - the applicant's satisfaction rating (one per dossier).
// Rows are inserted in the command's transaction (dedupe keys `np:status:<dossierId>:<seq>`,
// `np:result:<dossierId>:<documentId>`, `np:rating:<dossierId>`); the outbox worker delivers
// them with `createNationalPortalSender`, the dedupe key as the Idempotency-Key. The outbox
// payload is motcua's (English keys); `toWire` maps it to the portal's field names.
import { sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import type { dossierEvents } from "../../../db/schema.ts";
import { outbox } from "../../../db/schema.ts";
import type { BlobStore } from "../../documents/blob-store.ts";
import { type DossierState, NATIONAL_STATUS } from "../../dossiers/dossier.machine.ts";
import { type ChannelLogger, PermanentSendError, type SendResult } from "../../notifications/channels.ts";
import type { ChannelSender, OutboxMessage } from "../../notifications/outbox.worker.ts";
import { type NationalPortalClient, PortalRefusedError } from "./national-portal.client.ts";

export const NATIONAL_PORTAL_CHANNEL = "national-portal";
export const NATIONAL_PORTAL_TEMPLATES = {
  status: "national-portal.status",
  result: "national-portal.result",
  rating: "national-portal.rating",
} as const;

/** Where each message goes on the portal. */
export const NATIONAL_PORTAL_PATHS: Record<string, string> = {
  [NATIONAL_PORTAL_TEMPLATES.status]: "/api/v1/dossiers/status",
  [NATIONAL_PORTAL_TEMPLATES.result]: "/api/v1/dossiers/result",
  [NATIONAL_PORTAL_TEMPLATES.rating]: "/api/v1/dossiers/rating",
};

/** Commands whose reason the applicant must read (refusal, supplement, apology, stop…). */
const REASONED = new Set([
  "refuse",
  "request_supplement",
  "apologise",
  "stop",
  "reject",
  "suspend",
  "withdraw",
]);

type EventValues = typeof dossierEvents.$inferInsert;

/**
 * One status message for an event just inserted, when its dossier came from the portal. One
 * statement whatever the dossier: nothing is inserted for a dossier without a national code.
 */
export async function enqueueNationalStatus(tx: Executor, e: EventValues): Promise<void> {
  const data = (e.data ?? {}) as { reason?: string; items?: string[]; newDueAt?: string; method?: string };
  const payload = {
    seq: e.seq,
    at: e.at,
    command: e.command,
    fromState: e.fromState ?? null,
    state: e.toState,
    stepName: e.stepName ?? null,
    reason: data.reason ?? (REASONED.has(e.command) ? (e.note ?? null) : null),
    items: data.items ?? null,
    newDueAt: data.newDueAt ?? null,
    returnMethod: data.method ?? null,
  };
  await tx.execute(
    sql`insert into outbox (channel, template, locale, recipient, payload, dedupe_key)
        select ${NATIONAL_PORTAL_CHANNEL}, ${NATIONAL_PORTAL_TEMPLATES.status}, 'vi', d.national_code,
               ${JSON.stringify(payload)}::jsonb || jsonb_build_object(
                 'dossierId', d.id, 'code', d.code, 'receivedAt', d.received_at,
                 'dueAt', coalesce(d.promised_at, d.due_at), 'resolvedAt', d.resolved_at,
                 'returnedAt', d.returned_at),
               'np:status:' || d.id || ':' || ${e.seq}::int
        from dossiers d
        where d.id = ${e.dossierId}::uuid and d.national_code is not null
        on conflict (dedupe_key) do nothing`,
  );
}

type PortalDossier = { id: string; nationalCode: string | null; code: string | null };

/** An electronic result of a dossier that came from the portal (called when the result is stored). */
export async function enqueueNationalResult(
  tx: Executor,
  d: PortalDossier,
  doc: { id: string; name: string; sha256: string; size: number; contentType: string; createdAt: string },
): Promise<void> {
  if (!d.nationalCode) return;
  await tx
    .insert(outbox)
    .values({
      channel: NATIONAL_PORTAL_CHANNEL,
      template: NATIONAL_PORTAL_TEMPLATES.result,
      recipient: d.nationalCode,
      payload: {
        dossierId: d.id,
        code: d.code,
        // Only what the portal needs (the row also has the uploader and the signature's facts).
        document: {
          id: doc.id,
          name: doc.name,
          sha256: doc.sha256,
          size: doc.size,
          contentType: doc.contentType,
          createdAt: doc.createdAt,
        },
      },
      dedupeKey: `np:result:${d.id}:${doc.id}`,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey });
}

/** The applicant's rating of a dossier that came from the portal (called when it is recorded). */
export async function enqueueNationalRating(
  tx: Executor,
  d: PortalDossier,
  rating: { level: string; reasons: string[]; comment: string | null; channel: string; createdAt: string },
): Promise<void> {
  if (!d.nationalCode) return;
  await tx
    .insert(outbox)
    .values({
      channel: NATIONAL_PORTAL_CHANNEL,
      template: NATIONAL_PORTAL_TEMPLATES.rating,
      recipient: d.nationalCode,
      payload: { dossierId: d.id, code: d.code, rating },
      dedupeKey: `np:rating:${d.id}`,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey });
}

// ---------------------------------------------------------------------------------------------
// Wire format

/** An instant as the portal writes it: `yyyyMMddHHmmss` in Vietnam time (UTC+7, no DST). */
export function portalTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = new Date(value).getTime();
  if (Number.isNaN(t)) return null;
  return new Date(t + 7 * 3_600_000).toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/** The inverse of portalTime: `yyyyMMddHHmmss` (Vietnam time) → an ISO instant, or null. */
export function fromPortalTime(value: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const t = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - 7 * 3_600_000;
  const back = new Date(t + 7 * 3_600_000);
  if (back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d!) return null;
  return new Date(t).toISOString();
}

/** Rating levels as the portal's satisfaction codes [inferred: 1 very satisfied … 4 dissatisfied]. */
const RATING_CODES: Record<string, number> = { very_satisfied: 1, satisfied: 2, normal: 3, dissatisfied: 4 };

class WireError extends PermanentSendError {}

/** The portal's JSON body of an outbox row (pure). `publicUrl` builds the result's download link. */
export function toWire(m: Pick<OutboxMessage, "template" | "recipient" | "payload">, publicUrl: string) {
  const p = (m.payload ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  const head = { MaHoSo: m.recipient, SoBienNhan: str(p.code) };
  switch (m.template) {
    case NATIONAL_PORTAL_TEMPLATES.status: {
      const state = p.state as DossierState;
      if (!(state in NATIONAL_STATUS) || !Number.isInteger(p.seq)) throw new WireError("status: bad payload");
      return {
        ...head,
        TrangThaiHoSo: NATIONAL_STATUS[state],
        seq: p.seq as number,
        state,
        command: str(p.command),
        ThoiDiemXuLy: portalTime(str(p.at)),
        NoiDungXuLy: str(p.stepName),
        NgayTiepNhan: portalTime(str(p.receivedAt)),
        NgayHenTra: portalTime(str(p.dueAt)),
        NgayKetThucXuLy: portalTime(str(p.resolvedAt)),
        NgayTra: portalTime(str(p.returnedAt)),
        HinhThucTra: str(p.returnMethod),
        GhiChu: str(p.reason),
        DanhSachGiayToBoSung: Array.isArray(p.items) ? p.items : null,
        NgayHenTraMoi: portalTime(str(p.newDueAt)),
      };
    }
    case NATIONAL_PORTAL_TEMPLATES.result: {
      const doc = p.document as { id: string; name: string; sha256: string; size: number } | undefined;
      if (!doc?.id || !doc.sha256) throw new WireError("result: bad payload");
      return {
        ...head,
        DanhSachGiayToKetQua: [
          {
            GiayToId: doc.id,
            TenGiayTo: doc.name,
            MaHash: doc.sha256,
            KichThuoc: doc.size,
            DuongDanTepTinKetQua: `${publicUrl}/api/documents/${doc.id}/content`,
          },
        ],
      };
    }
    case NATIONAL_PORTAL_TEMPLATES.rating: {
      const r = p.rating as {
        level: string;
        reasons: string[];
        comment: string | null;
        channel: string;
        createdAt: string;
      };
      if (!r || !(r.level in RATING_CODES)) throw new WireError("rating: bad payload");
      return {
        ...head,
        MucDoHaiLong: RATING_CODES[r.level],
        level: r.level,
        LyDo: r.reasons ?? [],
        GopY: r.comment ?? null,
        KenhDanhGia: r.channel,
        ThoiDiemDanhGia: portalTime(r.createdAt),
      };
    }
    default:
      throw new WireError(`unknown template ${m.template}`);
  }
}

/**
 * The bytes of each result file, base64, beside its link (`NoiDungTepTin`). Read at send time from
 * the blob store, which checks them against their SHA-256; the outbox row keeps only the address.
 * A missing file is permanent: the message would be wrong, never sent without it.
 */
async function attachResultFiles(body: Record<string, unknown>, blobs: BlobStore): Promise<void> {
  const files = body.DanhSachGiayToKetQua as { MaHash: string; NoiDungTepTin?: string }[];
  for (const f of files) {
    try {
      f.NoiDungTepTin = (await blobs.get(f.MaHash)).toString("base64");
    } catch (err) {
      throw new PermanentSendError(`result file ${f.MaHash} cannot be read: ${(err as Error).message}`);
    }
  }
}

/**
 * The outbox sender of the `national-portal` channel: POST the wire body with the row's dedupe
 * key as Idempotency-Key. 2xx: sent. 408, 429, 5xx, timeout, unreachable: retried with the
 * worker's back-off. Any other 4xx: failed for good (the worker logs it at error level: an alert).
 */
export function createNationalPortalSender(o: {
  client: NationalPortalClient;
  publicUrl: string;
  /** Where result files are read from, to send their bytes with the result (the portal cannot sign in to the link). */
  blobs?: BlobStore;
  logger?: ChannelLogger;
  /** An outage of the portal can last days: about 2 days of retries at the worker's 1 h cap. */
  maxAttempts?: number;
}): ChannelSender {
  return {
    maxAttempts: o.maxAttempts ?? 50,
    async send(m): Promise<SendResult> {
      const body = toWire(m, o.publicUrl);
      if (o.blobs && m.template === NATIONAL_PORTAL_TEMPLATES.result) await attachResultFiles(body, o.blobs);
      const path = NATIONAL_PORTAL_PATHS[m.template]!;
      try {
        const reply = (await o.client.post(path, body, m.dedupeKey)) as { receiptId?: string } | null;
        return { providerId: reply?.receiptId ?? m.dedupeKey };
      } catch (err) {
        if (err instanceof PortalRefusedError) {
          o.logger?.error(
            { outboxId: m.id, dedupeKey: m.dedupeKey, status: err.status, alert: "national-portal" },
            "national portal refused a message",
          );
          throw new PermanentSendError(err.message, { cause: err });
        }
        throw err;
      }
    },
  };
}
