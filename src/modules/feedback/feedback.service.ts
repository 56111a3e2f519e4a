// Feedback in the back office: the list of a unit's items, the detail (with the sender's data,
// audited), and the commands: assign, reply, close, reject, reroute, publish. Every method
// authorizes first (feedback.handle at the item's unit, loaded here); every command checks the
// status machine, updates where the status is still the one read, and writes its event.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Ctx } from "../../plugins/context.ts";
import { Errors, fieldError, type Message } from "../../shared/errors.ts";
import { can } from "../auth/auth.policy.ts";
import { documentServices } from "../documents/document.service.ts";
import { enqueue, type Notification } from "../notifications/outbox.ts";
import { findUnitByCode, unitPath } from "../org/org.repository.ts";
import { authorizeUnit, unitsInScope } from "../org/org.service.ts";
import {
  allowedCommands,
  type FeedbackCommand,
  findPersonalData,
  isOverdue,
  nextStatus,
  redactPersonalData,
  senderNames,
} from "./feedback.logic.ts";
import { FEEDBACK } from "./feedback.public.ts";
import * as repo from "./feedback.repository.ts";
import type { DetailOut, ListQuery } from "./feedback.schemas.ts";

const PHOTO: Message = { vi: "Ảnh", en: "Photo" };
const iso = (v: unknown) => repo.toInstant(v).toISOString();
const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : iso(v));

const fullName = (v: { firstName: string | null; lastName: string | null }) =>
  [v.lastName, v.firstName].filter(Boolean).join(" ") || null;

function presentItem(v: repo.ItemView, now: Date) {
  return {
    id: v.id,
    code: v.code,
    status: v.status,
    service: { code: v.serviceCode, nameVi: v.serviceNameVi, nameEn: v.serviceNameEn },
    unit: { id: v.unitId, code: v.unitCode, name: v.unitName },
    procedureCode: v.procedureCode,
    deskName: v.deskName,
    excerpt: v.description.length > 160 ? `${v.description.slice(0, 157)}…` : v.description,
    senderName: fullName(v),
    assignee: v.assigneeId ? { id: v.assigneeId, name: v.assigneeName ?? "" } : null,
    createdAt: iso(v.createdAt),
    dueAt: iso(v.dueAt),
    repliedAt: isoOrNull(v.repliedAt),
    publishedAt: isoOrNull(v.publishedAt),
    overdue: isOverdue(
      {
        status: v.status,
        dueAt: repo.toInstant(v.dueAt),
        repliedAt: v.repliedAt ? repo.toInstant(v.repliedAt) : null,
      },
      now,
    ),
    consentPublish: v.consentPublish,
    photos: v.photos,
  };
}

export async function list(ctx: Ctx, q: ListQuery, now = new Date()) {
  if (!ctx.actor) throw Errors.unauthenticated();
  let units: string[] | "all";
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
    await authorizeUnit(ctx, unit.id, "feedback.handle");
    units = [unit.id];
  } else units = await unitsInScope(ctx, "feedback.handle");
  const { items, total } = await repo.listItems(ctx.tx, {
    units,
    status: q.status,
    serviceCode: q.service,
    overdue: q.overdue === undefined ? undefined : q.overdue === "true",
    assignee: q.mine === "true" ? ctx.actor.userId : undefined,
    q: q.q,
    sort: q.sort,
    order: q.order,
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: items.map((v) => presentItem(v, now)), total, page: q.page, pageSize: q.pageSize };
}

/** Loads an item and checks feedback.handle at its unit: 404 when the actor cannot see the unit. */
async function load(ctx: Ctx, id: string) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const item = await repo.findItem(ctx.tx, id);
  if (!item) throw Errors.notFound(FEEDBACK);
  const path = await unitPath(ctx.tx, item.unitId);
  if (!can(ctx.actor, "org.read", path)) throw Errors.notFound(FEEDBACK);
  await authorizeUnit(ctx, item.unitId, "feedback.handle");
  ctx.audit.target = item.id;
  ctx.audit.details = { code: item.code };
  return item;
}

export async function detail(ctx: Ctx, id: string, now = new Date()): Promise<DetailOut> {
  const item = await load(ctx, id);
  return detailOf(ctx, item, now);
}

/** The detail of an item already authorized (after a reroute the actor may no longer see it). */
async function detailOf(ctx: Ctx, item: repo.ItemRow, now: Date): Promise<DetailOut> {
  const v = (await repo.findItemView(ctx.tx, sql`i.id = ${item.id}`))!;
  const photos = await repo.listPhotos(ctx.tx, item.id);
  const events = await repo.listEvents(ctx.tx, item.id);
  return {
    ...presentItem(v, now),
    description: v.description,
    lat: v.lat,
    long: v.long,
    address: v.address,
    sender: {
      fullName: fullName(v),
      email: v.email,
      phone: v.phone,
      citizen: v.citizenId !== null,
      client: v.clientKey,
    },
    reply: v.reply,
    publicText: v.publicText,
    proposedPublicText: redactPersonalData(v.description, senderNames(v)),
    photoList: photos.map((p) => ({
      id: p.id,
      contentType: p.contentType,
      size: p.size,
      isPublic: p.isPublic,
      url: `/api/v1/feedback/${item.id}/photos/${p.id}`,
    })),
    events: events.map((e) => {
      // The photo token's hash is a secret of the sender's: it never leaves the server.
      const { photoTokenHash: _h, ...data } = (e.data ?? {}) as Record<string, unknown>;
      return { kind: e.kind, actor: e.actor_name, at: iso(e.at), data };
    }),
    allowed: allowedCommands(v.status, {
      consentPublish: v.consentPublish,
      published: v.publishedAt !== null,
    }),
  };
}

export async function photoContent(ctx: Ctx, id: string, photoId: string) {
  const item = await load(ctx, id);
  const photo = await repo.findPhoto(ctx.tx, photoId);
  if (!photo || photo.feedbackId !== item.id) throw Errors.notFound(PHOTO);
  return { photo, bytes: await documentServices(ctx.config).store.get(photo.sha256) };
}

// --- commands ---------------------------------------------------------------------------------

function refuse(status: repo.ItemRow["status"], command: FeedbackCommand, item: repo.ItemRow) {
  const allowed = allowedCommands(status, {
    consentPublish: item.consentPublish,
    published: item.publishedAt !== null,
  });
  return Errors.conflict("feedback.illegal_transition", {
    vi: `Không thể thực hiện "${command}" khi phản ánh ở trạng thái "${status}". Được phép: ${allowed.join(", ") || "không"}.`,
    en: `Cannot "${command}" feedback in status "${status}". Allowed: ${allowed.join(", ") || "none"}.`,
  });
}

/** The common frame of a command: load, authorize, check the transition, update, event. */
async function command(
  ctx: Ctx,
  id: string,
  cmd: FeedbackCommand,
  set: (item: repo.ItemRow) => Promise<Partial<repo.ItemRow>> | Partial<repo.ItemRow>,
  data: Record<string, unknown> = {},
  now = new Date(),
) {
  const item = await load(ctx, id);
  const to = nextStatus(item.status, cmd);
  // A published answer is what the public reads: it is not rewritten afterwards.
  if (!to || (cmd === "reply" && item.publishedAt)) throw refuse(item.status, cmd, item);
  const changes = await set(item);
  const row = await repo.updateItem(ctx.tx, item.id, item.status, { ...changes, status: to });
  if (!row) throw refuse(item.status, cmd, item);
  await repo.insertEvent(ctx.tx, {
    feedbackId: item.id,
    kind: cmd,
    actorId: ctx.actor!.userId,
    data,
    at: now.toISOString(),
  });
  if (cmd === "reply" || cmd === "reject") await notifySender(ctx, row, cmd);
  ctx.audit.details = { ...ctx.audit.details, command: cmd, from: item.status, to, ...data };
  return detailOf(ctx, row, now);
}

/**
 * The sender is told of the answer (or the refusal) by e-mail and SMS, if they gave an address
 * or a number, in their language, in the command's transaction. The dedupe key carries the
 * answer's hash: a retried command never sends twice, a corrected answer is sent again.
 */
async function notifySender(ctx: Ctx, row: repo.ItemRow, cmd: "reply" | "reject") {
  if (!row.email && !row.phone) return;
  const text = row.reply ?? "";
  const template = cmd === "reply" ? "feedback.answered" : "feedback.rejected";
  const payload = {
    code: row.code,
    senderName: fullName(row),
    statusUrl: `${ctx.config.publicUrl}/phan-anh/${encodeURIComponent(row.code)}`,
    ...(cmd === "reply" ? { reply: text } : { reason: text }),
  };
  const key = `feedback:${row.id}:${cmd}:${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
  const locale = await repo.senderLocale(ctx.tx, row.id);
  const items: Notification[] = [];
  if (row.email)
    items.push({
      channel: "email",
      template,
      locale,
      recipient: row.email,
      payload,
      dedupeKey: `${key}:email`,
    });
  if (row.phone)
    items.push({ channel: "sms", template, locale, recipient: row.phone, payload, dedupeKey: `${key}:sms` });
  await enqueue(ctx.tx, items);
}

export async function assign(ctx: Ctx, id: string, assigneeId: string | undefined) {
  const who = assigneeId ?? ctx.actor?.userId;
  return command(
    ctx,
    id,
    "assign",
    async (item) => {
      if (who !== ctx.actor!.userId) {
        // The assignee must handle feedback at the item's unit too.
        const grants = await repo.staffGrants(ctx.tx, who!);
        const path = await unitPath(ctx.tx, item.unitId);
        const actor = { userId: who!, kind: "staff" as const, fullName: "", grants };
        if (!can(actor, "feedback.handle", path))
          throw Errors.invalidField("assigneeId", "feedback.assignee", {
            vi: "Người được giao không xử lý phản ánh tại đơn vị này.",
            en: "The assignee does not handle feedback at this unit.",
          });
      }
      return { assigneeId: who! };
    },
    { assigneeId: who },
  );
}

export async function reply(ctx: Ctx, id: string, text: string, now = new Date()) {
  return command(
    ctx,
    id,
    "reply",
    (item) => ({
      reply: text,
      repliedAt: now.toISOString(),
      repliedBy: ctx.actor!.userId,
      assigneeId: item.assigneeId ?? ctx.actor!.userId,
    }),
    { length: text.length },
    now,
  );
}

export const close = (ctx: Ctx, id: string) => command(ctx, id, "close", () => ({}));

export const reject = (ctx: Ctx, id: string, reason: string) =>
  command(ctx, id, "reject", () => ({ reply: reason }), { reason });

/** Sends the item to another unit (the routing was wrong): it starts again there, unassigned. */
export async function reroute(ctx: Ctx, id: string, unitCode: string, reason: string) {
  const target = await findUnitByCode(ctx.tx, unitCode);
  return command(
    ctx,
    id,
    "reroute",
    (item) => {
      if (!target || target.validTo)
        throw Errors.invalidField("unit", "feedback.unit_unknown", {
          vi: "Không có đơn vị mã này.",
          en: "No unit has this code.",
        });
      if (target.id === item.unitId)
        throw Errors.invalidField("unit", "feedback.same_unit", {
          vi: "Phản ánh đã ở đơn vị này.",
          en: "The feedback is already at this unit.",
        });
      return { unitId: target.id, assigneeId: null };
    },
    { to: unitCode, reason },
  );
}

/**
 * Publishes an answered item: only with the sender's consent; the official's reviewed text must
 * be free of personal data (the database also requires consent, text and reply).
 */
export async function publish(
  ctx: Ctx,
  id: string,
  publicText: string,
  publicPhotoIds: string[],
  now = new Date(),
) {
  return command(
    ctx,
    id,
    "publish",
    async (item) => {
      if (!item.consentPublish)
        throw Errors.conflict("feedback.no_consent", {
          vi: "Người gửi không đồng ý công khai phản ánh này.",
          en: "The sender did not consent to publishing this feedback.",
        });
      if (item.publishedAt)
        throw Errors.conflict("feedback.already_published", {
          vi: "Phản ánh đã được công khai.",
          en: "The feedback is already published.",
        });
      const found = findPersonalData(publicText, senderNames(item));
      if (found.length > 0)
        throw Errors.invalidField("publicText", "feedback.personal_data", {
          vi: `Nội dung công khai còn thông tin cá nhân (${[...new Set(found.map((f) => f.kind))].join(", ")}): hãy xóa trước khi công khai.`,
          en: `The public text still contains personal data (${[...new Set(found.map((f) => f.kind))].join(", ")}): remove it before publishing.`,
        });
      const photos = await repo.listPhotos(ctx.tx, item.id);
      const unknown = publicPhotoIds.filter((p) => !photos.some((x) => x.id === p));
      if (unknown.length > 0)
        throw Errors.invalidField("publicPhotoIds", "feedback.photo_unknown", {
          vi: "Ảnh đã chọn không thuộc phản ánh này.",
          en: "A chosen photo does not belong to this feedback.",
        });
      await repo.setPhotosPublic(ctx.tx, item.id, publicPhotoIds);
      return { publicText, publishedAt: now.toISOString() };
    },
    { photos: publicPhotoIds.length },
    now,
  );
}
