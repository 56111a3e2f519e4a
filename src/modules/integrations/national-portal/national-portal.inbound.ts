// The inbound adapter: pulls the national portal's message feed after the stored cursor and
// turns each new dossier into an online dossier of motcua, once.
//
// Per message, in feed order:
// 1. A message id seen before: same content (SHA-256 of the canonical JSON) → acknowledged
//    again with the recorded outcome, nothing applied; other content → refused, logged at error
//    level and kept as an alert, never applied, not acknowledged (an ack would speak for the
//    message first recorded under that id).
// 2. Parsed with the zod schema; kind, receiving unit, national code already received, file
//    names and declared sizes checked; then each file downloaded from the portal and checked:
//    size, SHA-256, sniffed type (documents/files.ts), then the malware scan of user uploads
//    (documents/scan.ts `scanUpload`). Any problem → an inbox row `rejected` with the field
//    errors, acknowledged as rejected with the reasons: no dossier, no document, no blob; a file
//    the scan flagged is audited too (`national-portal.dossier.refuse`, in the same transaction).
// 3. Blobs stored (content-addressed: harmless if what follows fails), then ONE transaction: the
//    dossier filed by the portal's system actor (dossier.service `fileFromNationalPortal`, which
//    authorizes first), its documents, the inbox row `accepted`, the audit row. A refusal of the
//    dossier service (unknown procedure, channel not allowed…) rolls it all back and rejects.
// 4. After commit: the acknowledgement, then the cursor moves past the message. The portal
//    unreachable at any step → the poll stops there and the message is taken again at the next
//    poll (step 1 then re-acknowledges what was already recorded): nothing lost, nothing twice.
import type { Config } from "../../../config.ts";
import type { Db } from "../../../db/client.ts";
import type { Ctx } from "../../../plugins/context.ts";
import { DomainError, type FieldError, fieldError, type Message } from "../../../shared/errors.ts";
import { insertAudit } from "../../audit/audit.repository.ts";
import type { Actor } from "../../auth/auth.policy.ts";
import { sha256Of } from "../../documents/blob-store.ts";
import { insertDocument } from "../../documents/document.repository.ts";
import { documentServices } from "../../documents/document.service.ts";
import { checkContent, checkName } from "../../documents/files.ts";
import { scanUpload } from "../../documents/scan.ts";
import { fileFromNationalPortal } from "../../dossiers/dossier.service.ts";
import type { ChannelLogger } from "../../notifications/channels.ts";
import {
  type NationalPortalClient,
  onPortalOrigin,
  PortalRefusedError,
  PortalUnavailableError,
} from "./national-portal.client.ts";
import * as repo from "./national-portal.repository.ts";
import {
  type Ack,
  dossierMessageSchema,
  envelopeSchema,
  filingInput,
  issuesToFieldErrors,
  wireField,
} from "./national-portal.schemas.ts";

export type PollResult = {
  fetched: number;
  accepted: number;
  rejected: number;
  /** Known ids with the same content: acknowledged again, nothing applied. */
  replayed: number;
  /** Known ids with other content: refused and alerted. */
  conflicts: number;
  /** Items without a usable message id: alerted, skipped. */
  skipped: number;
  /** Why the poll stopped early (the portal unreachable…); the rest waits for the next poll. */
  error: string | null;
};

export type NationalPortalPuller = {
  /** One page of the feed; concurrent calls run one after another. */
  pollOnce(): Promise<PollResult>;
  start(): void;
  /** Stops polling and waits for the poll in flight. */
  stop(): Promise<void>;
};

type Outcome = Exclude<keyof PollResult, "fetched" | "error">;
type Handled = { outcome: Outcome; messageId: string | null; ack: Ack | null };

/** JSON with object keys sorted at every level: the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value ?? null);
}

const M = (vi: string, en: string): Message => ({ vi, en });

export function createNationalPortalPuller(o: {
  db: Db;
  config: Config;
  client: NationalPortalClient;
  logger: ChannelLogger;
  /** Pause between polls (default the setting NATIONAL_PORTAL_POLL_MS). */
  pollMs?: number;
  /** Messages asked for at a time (default 20). */
  batchSize?: number;
}): NationalPortalPuller {
  const { db, config, client, logger } = o;
  const pollMs = o.pollMs ?? config.nationalPortal?.pollMs ?? 60_000;
  const batchSize = o.batchSize ?? 20;
  const maxBytes = config.files.uploadMaxBytes;
  let actor: Actor | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let started = false;

  async function reject(
    raw: unknown,
    messageId: string,
    hash: string,
    kind: string,
    reason: { code: string; message: Message; errors: FieldError[] },
    dossierId: string | null = null,
    malware: Record<string, unknown>[] = [],
  ): Promise<Handled> {
    const data = (raw as { data?: { MaHoSo?: unknown; MaDonVi?: unknown } })?.data;
    const nationalCode = typeof data?.MaHoSo === "string" ? data.MaHoSo.slice(0, 100) : "";
    if (malware.length) actor ??= await repo.portalActor(db);
    const by = actor;
    await db.transaction(async (tx) => {
      await repo.insertInbox(tx, {
        messageId,
        nationalCode,
        kind: kind === "supplement" || kind === "withdrawal" ? kind : "dossier",
        payloadSha256: hash,
        payload: raw as object,
        status: "rejected",
        dossierId,
        error: reason,
      });
      // A file refused by the malware scan is audited, as a refused upload is (documents/scan.ts):
      // one row per flagged file, with the signature, the scanner and the file's hash.
      if (malware.length === 0 || !by) return;
      const unitId =
        typeof data?.MaDonVi === "string" ? ((await repo.unitIdByCode(tx, data.MaDonVi)) ?? null) : null;
      for (const details of malware)
        await insertAudit(tx, {
          actorUserId: by.userId,
          actorLabel: by.fullName,
          unitId,
          action: "national-portal.dossier.refuse",
          target: nationalCode,
          outcome: 422,
          ip: null,
          requestId: messageId,
          details: { ...details, messageId },
        });
    });
    logger.warn(
      { messageId, nationalCode, code: reason.code, fields: reason.errors.map((e) => e.field) },
      "national portal message rejected",
    );
    return {
      outcome: "rejected",
      messageId,
      ack: { status: "rejected", MaHoSo: nationalCode || null, reason },
    };
  }

  const ackOf = (row: repo.InboxRow): Ack =>
    row.status === "accepted"
      ? {
          status: "accepted",
          MaHoSo: row.nationalCode,
          dossierId: row.dossierId!,
          receivedAt: new Date(row.receivedAt).toISOString(),
        }
      : {
          status: "rejected",
          MaHoSo: row.nationalCode || null,
          reason: row.error as Extract<Ack, { status: "rejected" }>["reason"],
        };

  async function handle(raw: unknown): Promise<Handled> {
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success) {
      logger.error({ alert: "national-portal" }, "national portal message without a usable id: skipped");
      await repo.pushAlert(db, {
        at: new Date().toISOString(),
        code: "national_portal.no_message_id",
        messageId: null,
        detail: "a feed item without a usable messageId was skipped",
      });
      return { outcome: "skipped", messageId: null, ack: null };
    }
    const { messageId } = envelope.data;
    const hash = sha256Of(Buffer.from(canonicalJson(raw)));
    const known = await repo.findInbox(db, messageId);
    if (known) {
      if (known.payloadSha256 === hash) return { outcome: "replayed", messageId, ack: ackOf(known) };
      logger.error(
        { messageId, alert: "national-portal", recorded: known.status },
        "national portal sent a known message id with other content: refused, not applied",
      );
      await repo.pushAlert(db, {
        at: new Date().toISOString(),
        code: "national_portal.message_conflict",
        messageId,
        detail: `message id already recorded (${known.status}) with other content`,
      });
      return { outcome: "conflicts", messageId, ack: null };
    }

    const kind = envelope.data.kind ?? "";
    if (kind !== "dossier")
      return reject(raw, messageId, hash, kind, {
        code: "national_portal.kind_not_supported",
        message: M(
          `Loại thông điệp "${kind}" chưa được hỗ trợ; chỉ nhận hồ sơ mới (dossier).`,
          `Message kind "${kind}" is not supported; only new dossiers ("dossier") are taken.`,
        ),
        errors: [
          fieldError(
            "kind",
            "national_portal.kind_not_supported",
            M("Loại không hỗ trợ.", "Unsupported kind."),
            "message",
          ),
        ],
      });
    const parsed = dossierMessageSchema.safeParse(raw);
    if (!parsed.success)
      return reject(raw, messageId, hash, kind, {
        code: "validation",
        message: M("Thông điệp không hợp lệ.", "The message is not valid."),
        errors: issuesToFieldErrors(parsed.error),
      });
    const data = parsed.data.data;

    // Checks that need no download.
    const errors: FieldError[] = [];
    const unitId = await repo.unitIdByCode(db, data.MaDonVi);
    if (!unitId)
      errors.push(
        fieldError(
          "data.MaDonVi",
          "national_portal.unknown_unit",
          M(`Không có đơn vị mã ${data.MaDonVi}.`, `No unit with code ${data.MaDonVi}.`),
          "message",
        ),
      );
    const already = await repo.findByNationalCode(db, data.MaHoSo);
    if (already)
      return reject(
        raw,
        messageId,
        hash,
        kind,
        {
          code: "national_portal.already_received",
          message: M(
            `Hồ sơ ${data.MaHoSo} đã được tiếp nhận${already.messageId ? ` (thông điệp ${already.messageId})` : ""}; không tạo hồ sơ thứ hai.`,
            `Dossier ${data.MaHoSo} was already received${already.messageId ? ` (message ${already.messageId})` : ""}; no second dossier is created.`,
          ),
          errors: [],
        },
        already.dossierId,
      );
    const names: string[] = [];
    data.TaiLieuNop.forEach((f, i) => {
      const at = (field: string) => `data.TaiLieuNop.${i}.${field}`;
      try {
        names[i] = checkName(f.TenTepDinhKem);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        errors.push(
          fieldError(at("TenTepDinhKem"), err.fieldErrors[0]?.code ?? err.code, err.messages, "message"),
        );
      }
      if (f.KichThuoc > maxBytes)
        errors.push(fieldError(at("KichThuoc"), "document.too_large", tooLarge(maxBytes), "message"));
      if (!onPortalOrigin(client.origin, f.DuongDanTaiTepTin))
        errors.push(
          fieldError(
            at("DuongDanTaiTepTin"),
            "national_portal.file_origin",
            M("Đường dẫn tệp phải thuộc Cổng DVCQG.", "The file link must be on the national portal."),
            "message",
          ),
        );
    });
    if (errors.length) return reject(raw, messageId, hash, kind, invalid(errors));

    // Downloads: an outage throws (the message is taken again later); a refusal is the message's fault.
    const files: { name: string; bytes: Buffer; contentType: string }[] = [];
    /** Files the malware scan flagged: the audit details of each refusal. */
    const flagged: Record<string, unknown>[] = [];
    for (const [i, f] of data.TaiLieuNop.entries()) {
      const at = (field: string) => `data.TaiLieuNop.${i}.${field}`;
      let bytes: Buffer;
      try {
        bytes = await client.download(f.DuongDanTaiTepTin, maxBytes);
      } catch (err) {
        if (!(err instanceof PortalRefusedError)) throw err;
        errors.push(
          fieldError(
            at("DuongDanTaiTepTin"),
            "national_portal.file_unavailable",
            M(
              `Không tải được tệp (HTTP ${err.status}).`,
              `The file could not be downloaded (HTTP ${err.status}).`,
            ),
            "message",
          ),
        );
        continue;
      }
      if (bytes.length !== f.KichThuoc) {
        errors.push(
          fieldError(
            at("KichThuoc"),
            bytes.length > maxBytes ? "document.too_large" : "national_portal.size_mismatch",
            bytes.length > maxBytes
              ? tooLarge(maxBytes)
              : M(
                  `Kích thước tệp nhận được (${bytes.length} byte) khác khai báo (${f.KichThuoc}).`,
                  `The file received has ${bytes.length} bytes, not the declared ${f.KichThuoc}.`,
                ),
            "message",
          ),
        );
        continue;
      }
      if (sha256Of(bytes) !== f.MaHash) {
        errors.push(
          fieldError(
            at("MaHash"),
            "national_portal.hash_mismatch",
            M(
              "Mã băm SHA-256 của tệp không khớp với khai báo.",
              "The file's SHA-256 does not match the declared hash.",
            ),
            "message",
          ),
        );
        continue;
      }
      let contentType: string;
      try {
        contentType = await checkContent(bytes, f.LoaiTep, maxBytes);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        errors.push(fieldError(at("LoaiTep"), err.code, err.messages, "message"));
        continue;
      }
      // The malware scan of user uploads (documents/scan.ts), after the type check and before
      // anything is stored. A scanner that cannot answer throws: the poll stops and the message
      // is taken again later, never let through.
      const scan: Ctx = { actor: null, tx: db, audit: {}, config };
      try {
        await scanUpload(scan, bytes);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        errors.push(fieldError(at("DuongDanTaiTepTin"), err.code, err.messages, "message"));
        flagged.push({ ...scan.audit.details, file: i });
        continue;
      }
      files.push({ name: names[i]!, bytes, contentType });
    }
    if (errors.length) return reject(raw, messageId, hash, kind, invalid(errors), null, flagged);

    const store = documentServices(config).store;
    for (const f of files) await store.put(f.bytes);
    actor ??= await repo.portalActor(db);
    const by = actor;
    try {
      const created = await db.transaction(async (tx) => {
        const ctx: Ctx = { actor: by, tx, audit: {}, config };
        const d = await fileFromNationalPortal(ctx, filingInput(data, unitId!));
        for (const f of files)
          await insertDocument(tx, {
            dossierId: d.id,
            ownerUserId: d.applicantUserId,
            kind: "submitted",
            name: f.name,
            contentType: f.contentType,
            size: f.bytes.length,
            sha256: sha256Of(f.bytes),
            uploadedBy: by.userId,
          });
        const receivedAt = await repo.insertInbox(tx, {
          messageId,
          nationalCode: data.MaHoSo,
          kind: "dossier",
          payloadSha256: hash,
          payload: raw as object,
          status: "accepted",
          dossierId: d.id,
        });
        await insertAudit(tx, {
          actorUserId: by.userId,
          actorLabel: by.fullName,
          unitId: d.unitId,
          action: "national-portal.dossier.receive",
          target: d.id,
          outcome: 201,
          ip: null,
          requestId: messageId,
          details: { ...ctx.audit.details, messageId, files: files.length },
        });
        return { dossierId: d.id, receivedAt };
      });
      logger.info(
        { messageId, nationalCode: data.MaHoSo, dossierId: created.dossierId, files: files.length },
        "national portal dossier received",
      );
      return {
        outcome: "accepted",
        messageId,
        ack: { status: "accepted", MaHoSo: data.MaHoSo, ...created },
      };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return reject(raw, messageId, hash, kind, {
        code: err.code,
        message: err.messages,
        errors: err.fieldErrors.map((f) => fieldError(wireField(f.field), f.code, f.message, "message")),
      });
    }
  }

  async function poll(): Promise<PollResult & { full: boolean }> {
    const result: PollResult = {
      fetched: 0,
      accepted: 0,
      rejected: 0,
      replayed: 0,
      conflicts: 0,
      skipped: 0,
      error: null,
    };
    let full = false;
    try {
      const cursor =
        (await repo.readState<{ value: string | null }>(db, repo.STATE_KEYS.cursor))?.value ?? null;
      const page = await client.fetchMessages(cursor, batchSize);
      result.fetched = page.items.length;
      full = page.items.length >= batchSize;
      for (const item of page.items) {
        const handled = await handle(item.message);
        result[handled.outcome] += 1;
        if (handled.ack && handled.messageId) await client.ack(handled.messageId, handled.ack);
        await repo.writeState(db, repo.STATE_KEYS.cursor, { value: String(item.cursor) });
      }
    } catch (err) {
      full = false;
      result.error = `${(err as Error).name}: ${(err as Error).message}`.slice(0, 500);
      if (err instanceof PortalUnavailableError)
        logger.warn({ error: result.error }, "national portal unreachable: pull stopped, will retry");
      else logger.error({ error: result.error, alert: "national-portal" }, "national portal pull failed");
    }
    await repo
      .writeState(db, repo.STATE_KEYS.lastPoll, {
        at: new Date().toISOString(),
        ok: !result.error,
        fetched: result.fetched,
        error: result.error,
      })
      .catch(() => undefined);
    return { ...result, full };
  }

  function run() {
    const next = chain.then(poll);
    chain = next.catch(() => undefined);
    return next;
  }

  async function tick() {
    timer = undefined;
    const { full } = await run().catch(() => ({ full: false }));
    if (started) {
      timer = setTimeout(tick, full ? 0 : pollMs);
      timer.unref();
    }
  }

  return {
    async pollOnce() {
      const { full: _, ...result } = await run();
      return result;
    },
    start() {
      if (started || pollMs <= 0) return;
      started = true;
      timer = setTimeout(tick, 0);
      timer.unref();
    },
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await chain;
    },
  };
}

const invalid = (errors: FieldError[]) => ({
  code: "validation",
  message: M("Thông điệp không hợp lệ.", "The message is not valid."),
  errors,
});

const tooLarge = (limit: number) =>
  M(
    `Tệp quá lớn: tối đa ${Math.round(limit / 104857.6) / 10} MB.`,
    `The file is too large: at most ${Math.round(limit / 104857.6) / 10} MB.`,
  );
