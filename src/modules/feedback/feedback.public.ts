// Citizens' side of feedback (public, no login needed; a signed-in citizen is linked): sending an
// item (also used by Open311 POST requests.json), adding photos with the token given on
// submission, looking an item up by its code, the published list and its photos. A submission
// is one transaction: routing, the deadline from the unit's calendar, the row and its first event.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import type { Ctx } from "../../plugins/context.ts";
import { DomainError, Errors, fieldError, type Message } from "../../shared/errors.ts";
import { effectiveCalendar } from "../calendar/calendar.service.ts";
import { findProcedureByCode } from "../catalog/catalog.repository.ts";
import { sha256Of } from "../documents/blob-store.ts";
import { documentServices } from "../documents/document.service.ts";
import { declaredType, emptyFile, mislabelled, tooLarge } from "../documents/files.ts";
import { scanUpload } from "../documents/scan.ts";
import { findUnit, findUnitByCode } from "../org/org.repository.ts";
import { subtreeOf } from "../org/org.service.ts";
import {
  feedbackDueAt,
  isOverdue,
  newFeedbackCode,
  redactPersonalData,
  routeFeedback,
  senderNames,
  splitFullName,
} from "./feedback.logic.ts";
import * as repo from "./feedback.repository.ts";
import { MAX_PHOTO_BYTES, MAX_PHOTOS, type SubmitInput, type SubmitOut } from "./feedback.schemas.ts";

export const FEEDBACK: Message = { vi: "Phản ánh, kiến nghị", en: "Feedback" };
const PHOTO: Message = { vi: "Ảnh", en: "Photo" };
const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];
/** Photos may be added this long after submission (the portal sends them right away). */
const PHOTO_WINDOW_MS = 24 * 3_600_000;

const iso = (v: unknown) => repo.toInstant(v).toISOString();
const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : iso(v));

/** The names of the request's fields, as the caller sent them (ours, or Open311's). */
export type FieldNames = {
  serviceCode: string;
  unit: string;
  procedureCode: string;
  deskId: string;
  description: string;
};
export const NATIVE_FIELDS: FieldNames = {
  serviceCode: "serviceCode",
  unit: "unit",
  procedureCode: "procedureCode",
  deskId: "deskId",
  description: "description",
};

export type NewFeedback = {
  serviceCode: string;
  description: string;
  unitCode?: string | undefined;
  procedureCode?: string | undefined;
  deskId?: string | undefined;
  lat?: number | undefined;
  long?: number | undefined;
  address?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  deviceId?: string | undefined;
  clientKey?: string | undefined;
  mediaUrl?: string | undefined;
  consentPublish: boolean;
  channel: "portal" | "open311";
  /** The sender's language, for the notice of the answer (vi when absent). */
  locale?: "vi" | "en" | undefined;
};

const ROUTING_REFUSALS: Record<string, Message> = {
  procedure_not_served: {
    vi: "Đơn vị này không giải quyết thủ tục đã chọn.",
    en: "This unit does not handle the chosen procedure.",
  },
  procedure_ambiguous: {
    vi: "Nhiều đơn vị giải quyết thủ tục này: hãy chọn đơn vị.",
    en: "Several units handle this procedure: choose the unit.",
  },
  desk_unit_mismatch: {
    vi: "Quầy đã chọn không thuộc đơn vị đã chọn.",
    en: "The chosen desk does not belong to the chosen unit.",
  },
};

export const unknownService = (field: string) =>
  Errors.invalid([
    fieldError(field, "feedback.service_unknown", {
      vi: "Không có loại phản ánh (service_code) này.",
      en: "No feedback kind (service_code) has this code.",
    }),
  ]);

/** Creates one feedback item: validate against stored data, route, due date, row, event. */
export async function createFeedback(
  ctx: Ctx,
  data: NewFeedback,
  fields: FieldNames,
  idempotencyKey: string | null,
  now = new Date(),
) {
  const service = await repo.findService(ctx.tx, data.serviceCode);
  if (!service?.active) throw unknownService(fields.serviceCode);
  if (data.description.trim().length === 0)
    throw Errors.invalidField(fields.description, "feedback.text_required", {
      vi: "Nội dung phản ánh không được để trống.",
      en: "The description must not be empty.",
    });

  let chosenUnitId: string | null = null;
  if (data.unitCode) {
    const unit = await findUnitByCode(ctx.tx, data.unitCode);
    if (!unit || unit.validTo)
      throw Errors.invalidField(fields.unit, "feedback.unit_unknown", {
        vi: "Không có đơn vị mã này.",
        en: "No unit has this code.",
      });
    chosenUnitId = unit.id;
  }
  let procedureId: string | null = null;
  let procedureUnitIds: string[] | undefined;
  if (data.procedureCode) {
    const p = await findProcedureByCode(ctx.tx, data.procedureCode);
    if (!p)
      throw Errors.invalidField(fields.procedureCode, "feedback.procedure_unknown", {
        vi: "Không có thủ tục mã này.",
        en: "No procedure has this code.",
      });
    procedureId = p.id;
    procedureUnitIds = await repo.procedureUnits(ctx.tx, p.id);
  }
  let deskUnitId: string | null = null;
  if (data.deskId) {
    const desk = await repo.findDesk(ctx.tx, data.deskId);
    if (!desk)
      throw Errors.invalidField(fields.deskId, "feedback.desk_unknown", {
        vi: "Không có quầy này.",
        en: "No such desk.",
      });
    deskUnitId = desk.unitId;
  }
  const defaultUnitId = await repo.defaultUnitId(ctx.tx);
  if (!defaultUnitId) throw Errors.notFound({ vi: "Đơn vị", en: "Unit" });
  const routing = routeFeedback({
    chosenUnitId,
    deskUnitId,
    ...(procedureUnitIds ? { procedureUnitIds } : {}),
    defaultUnitId,
  });
  if ("refused" in routing) {
    const field =
      routing.refused === "desk_unit_mismatch"
        ? fields.deskId
        : routing.refused === "procedure_ambiguous"
          ? fields.unit
          : fields.procedureCode;
    throw Errors.invalidField(field, `feedback.${routing.refused}`, ROUTING_REFUSALS[routing.refused]!);
  }
  const { calendar } = await effectiveCalendar(ctx, routing.unitId);
  const dueAt = feedbackDueAt(calendar, now, service.answerDays);

  const photoToken = randomBytes(18).toString("base64url");
  let row: repo.ItemRow | undefined;
  for (let attempt = 0; !row; attempt++) {
    if (attempt >= 5) throw new Error("could not draw a free feedback code");
    row = await repo.insertItem(ctx.tx, {
      code: newFeedbackCode(),
      serviceCode: service.code,
      unitId: routing.unitId,
      procedureId,
      deskId: data.deskId ?? null,
      description: data.description.trim(),
      lat: data.lat ?? null,
      long: data.long ?? null,
      address: data.address?.trim() || null,
      citizenId: ctx.actor?.kind === "citizen" ? ctx.actor.userId : null,
      firstName: data.firstName?.trim() || null,
      lastName: data.lastName?.trim() || null,
      email: data.email?.trim() || null,
      phone: data.phone?.trim() || null,
      deviceId: data.deviceId ?? null,
      clientKey: data.clientKey ?? null,
      consentPublish: data.consentPublish,
      dueAt: dueAt.toISOString(),
      idempotencyKey,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  }
  await repo.insertEvent(ctx.tx, {
    feedbackId: row.id,
    kind: "received",
    actorId: ctx.actor?.userId ?? null,
    data: {
      channel: data.channel,
      routedVia: routing.via,
      locale: data.locale ?? "vi",
      photoTokenHash: createHash("sha256").update(photoToken).digest("hex"),
      ...(data.mediaUrl ? { mediaUrl: data.mediaUrl } : {}),
    },
    at: now.toISOString(),
  });
  ctx.audit.unitId = routing.unitId;
  ctx.audit.target = row.id;
  ctx.audit.details = {
    code: row.code,
    service: service.code,
    channel: data.channel,
    routedVia: routing.via,
  };
  const unit = (await findUnit(ctx.tx, routing.unitId))!;
  return { row, service, unit, dueAt, photoToken };
}

export async function submit(
  ctx: Ctx,
  input: SubmitInput,
  idempotencyKey: string | undefined,
): Promise<SubmitOut> {
  const name = input.fullName ? splitFullName(input.fullName) : undefined;
  const { row, service, unit, dueAt, photoToken } = await createFeedback(
    ctx,
    {
      serviceCode: input.serviceCode,
      description: input.description,
      unitCode: input.unit,
      procedureCode: input.procedureCode,
      deskId: input.deskId,
      lat: input.lat,
      long: input.long,
      address: input.address,
      firstName: name?.firstName,
      lastName: name?.lastName ?? undefined,
      email: input.email,
      phone: input.phone,
      consentPublish: input.consentPublish,
      channel: "portal",
      locale: input.locale,
    },
    NATIVE_FIELDS,
    idempotencyKey ? `${ctx.actor?.userId ?? "anonymous"}:${idempotencyKey}` : null,
  );
  return {
    code: row.code,
    status: row.status,
    unit: { code: unit.code, name: unit.name },
    service: { code: service.code, nameVi: service.nameVi, nameEn: service.nameEn },
    dueAt: dueAt.toISOString(),
    photoToken,
    photoUploadUrl: `/api/public/feedback/${row.code}/photos`,
    maxPhotos: MAX_PHOTOS,
    maxPhotoBytes: MAX_PHOTO_BYTES,
  };
}

// --- photos -----------------------------------------------------------------------------------

const unsupportedPhoto = () =>
  new DomainError(
    "feedback.photo_type",
    415,
    {
      vi: "Ảnh phải là tệp JPEG, PNG hoặc WebP.",
      en: "A photo must be a JPEG, PNG or WebP file.",
    },
    [],
    { allowed: PHOTO_TYPES },
  );

/** Checks the bytes of a photo and returns the sniffed type; nothing is stored on refusal. */
export async function checkPhoto(bytes: Buffer | undefined, contentTypeHeader: string | undefined) {
  if (!bytes || bytes.length === 0) throw emptyFile();
  if (bytes.length > MAX_PHOTO_BYTES) throw tooLarge(MAX_PHOTO_BYTES);
  const sniffed = (await fileTypeFromBuffer(bytes))?.mime as string | undefined;
  if (!sniffed || !PHOTO_TYPES.includes(sniffed)) throw unsupportedPhoto();
  const declared = declaredType(contentTypeHeader);
  if (!["", "application/octet-stream", "binary/octet-stream"].includes(declared) && declared !== sniffed)
    throw mislabelled(declared, sniffed);
  return sniffed;
}

const sameToken = (token: string, hash: string) => {
  const a = Buffer.from(createHash("sha256").update(token).digest("hex"));
  const b = Buffer.from(hash);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Adds a photo to a just-sent item: the submission's token proves the sender; at most five. */
export async function addPhoto(
  ctx: Ctx,
  code: string,
  token: string | undefined,
  bytes: Buffer | undefined,
  contentType: string | undefined,
  now = new Date(),
) {
  const item = await repo.findItemByCode(ctx.tx, code);
  const hash = item ? await repo.photoTokenHash(ctx.tx, item.id) : undefined;
  // A wrong or missing token is "no such item", as for anyone guessing codes.
  if (!item || !hash || !token || !sameToken(token, hash)) throw Errors.notFound(FEEDBACK);
  ctx.audit.unitId = item.unitId;
  ctx.audit.target = item.id;
  if (item.status !== "open" || now.getTime() - repo.toInstant(item.createdAt).getTime() > PHOTO_WINDOW_MS)
    throw Errors.conflict("feedback.photos_closed", {
      vi: "Không thể thêm ảnh: phản ánh đã được xử lý hoặc đã gửi quá 24 giờ.",
      en: "Photos can no longer be added: the feedback is being handled or was sent over 24 hours ago.",
    });
  const contentTypeSniffed = await checkPhoto(bytes, contentType);
  await scanUpload(ctx, bytes!);
  await repo.lockItem(ctx.tx, item.id);
  const photos = await repo.listPhotos(ctx.tx, item.id);
  if (photos.length >= MAX_PHOTOS)
    throw Errors.conflict("feedback.too_many_photos", {
      vi: `Mỗi phản ánh có tối đa ${MAX_PHOTOS} ảnh.`,
      en: `A feedback item may have at most ${MAX_PHOTOS} photos.`,
    });
  const ref = await documentServices(ctx.config).store.put(bytes!);
  const photo = await repo.insertPhoto(ctx.tx, {
    feedbackId: item.id,
    sha256: ref.sha256,
    contentType: contentTypeSniffed,
    size: ref.size,
  });
  await repo.insertEvent(ctx.tx, {
    feedbackId: item.id,
    kind: "photo_added",
    actorId: ctx.actor?.userId ?? null,
    data: { photoId: photo.id, sha256: ref.sha256, size: ref.size },
  });
  ctx.audit.details = { code: item.code, photo: photo.id, sha256: sha256Of(bytes!), size: ref.size };
  return { id: photo.id, contentType: photo.contentType, size: photo.size };
}

// --- lookups ----------------------------------------------------------------------------------

/** The status of an item by its code: no personal data; the answer once given. */
export async function lookup(ctx: Ctx, code: string, now = new Date()) {
  const v = await repo.findItemView(ctx.tx, sqlCode(code));
  if (!v) throw Errors.notFound(FEEDBACK);
  return {
    code: v.code,
    status: v.status,
    service: { code: v.serviceCode, nameVi: v.serviceNameVi, nameEn: v.serviceNameEn },
    unit: { code: v.unitCode, name: v.unitName },
    createdAt: iso(v.createdAt),
    dueAt: iso(v.dueAt),
    overdue: isOverdue(
      {
        status: v.status,
        dueAt: repo.toInstant(v.dueAt),
        repliedAt: v.repliedAt ? repo.toInstant(v.repliedAt) : null,
      },
      now,
    ),
    reply: v.reply,
    repliedAt: isoOrNull(v.repliedAt),
    publishedAt: isoOrNull(v.publishedAt),
    photos: v.photos,
  };
}

const sqlCode = (code: string) => sql`i.code = ${code}`;

/** What a published item shows: the reviewed text, the reply with personal data removed, public photos. */
export function presentPublished(v: repo.ItemView, photoIds: string[]) {
  return {
    code: v.code,
    service: { code: v.serviceCode, nameVi: v.serviceNameVi, nameEn: v.serviceNameEn },
    unit: { code: v.unitCode, name: v.unitName },
    text: v.publicText ?? "",
    reply: redactPersonalData(v.reply ?? "", senderNames(v)),
    createdAt: iso(v.createdAt),
    repliedAt: isoOrNull(v.repliedAt),
    publishedAt: iso(v.publishedAt),
    lat: v.lat,
    long: v.long,
    photoUrls: photoIds.map((id) => `/api/public/feedback/photos/${id}`),
  };
}

export async function publicPhotoIds(ctx: Ctx, feedbackId: string): Promise<string[]> {
  return (await repo.listPhotos(ctx.tx, feedbackId)).filter((p) => p.isPublic).map((p) => p.id);
}

/** The published list (consented and reviewed), of a unit and the units below it when given. */
export async function publishedList(
  ctx: Ctx,
  q: { unit?: string | undefined; page: number; pageSize: number },
) {
  let units: string[] | undefined;
  if (q.unit) {
    const unit = await findUnitByCode(ctx.tx, q.unit);
    if (!unit)
      throw Errors.invalid([
        fieldError(
          "unit",
          "feedback.unit_unknown",
          { vi: "Không có đơn vị mã này.", en: "No unit has this code." },
          "query",
        ),
      ]);
    units = await subtreeOf(ctx, unit.id);
  }
  const { items, total } = await repo.publishedItems(ctx.tx, { units, page: q.page, pageSize: q.pageSize });
  const out = [];
  for (const v of items) out.push(presentPublished(v, await publicPhotoIds(ctx, v.id)));
  return { items: out, total, page: q.page, pageSize: q.pageSize };
}

/** A photo the official chose to show with a published item; any other is "not found". */
export async function publicPhoto(ctx: Ctx, photoId: string) {
  const photo = await repo.findPhoto(ctx.tx, photoId);
  const item = photo ? await repo.findItem(ctx.tx, photo.feedbackId) : undefined;
  if (!photo || !item || !photo.isPublic || !item.publishedAt || !item.consentPublish)
    throw Errors.notFound(PHOTO);
  return { photo, bytes: await documentServices(ctx.config).store.get(photo.sha256) };
}

export async function services(ctx: Ctx) {
  const rows = await repo.listServices(ctx.tx);
  return {
    items: rows.map((s) => ({
      code: s.code,
      nameVi: s.nameVi,
      nameEn: s.nameEn,
      descriptionVi: s.descriptionVi,
      descriptionEn: s.descriptionEn,
      group: s.groupName,
      answerDays: s.answerDays,
    })),
  };
}
