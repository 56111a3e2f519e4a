// Open311 GeoReport v2 over our feedback: services are the feedback kinds, service requests are
// feedback items. A POST makes an item exactly as the portal does (createFeedback); GETs show
// published items, or the status of the items asked for by code, never personal data.
import type { Ctx } from "../../plugins/context.ts";
import { DomainError, Errors, fieldError, type Message } from "../../shared/errors.ts";
import {
  normaliseFeedbackCode,
  OPEN311_MAX_RESULTS,
  type Open311Status,
  open311Window,
  parseOpen311Date,
  redactPersonalData,
  senderNames,
  statusesOfOpen311,
  toOpen311Request,
  toOpen311Service,
  w3cVietnam,
} from "./feedback.logic.ts";
import { createFeedback, type FieldNames, publicPhotoIds, unknownService } from "./feedback.public.ts";
import * as repo from "./feedback.repository.ts";
import type { Open311PostBody, RequestsQuery } from "./open311.schemas.ts";

export type Locale = "vi" | "en";
export const CHANGESET = "2026-03-01";

const OPEN311_FIELDS: FieldNames = {
  serviceCode: "service_code",
  unit: "jurisdiction_id",
  procedureCode: "procedure_code",
  deskId: "desk_id",
  description: "description",
};

const bad = (field: string, code: string, message: Message, location = "body") =>
  Errors.invalid([fieldError(field, code, message, location)]);

export function discovery(ctx: Ctx) {
  return {
    changeset: CHANGESET,
    contact: `${ctx.config.publicUrl}/phan-anh`,
    key_service: `${ctx.config.publicUrl}/phan-anh`,
    endpoints: [
      {
        specification: "http://wiki.open311.org/GeoReport_v2",
        url: `${ctx.config.publicUrl}/open311/v2`,
        changeset: CHANGESET,
        type: "production" as const,
        formats: ["application/json"],
      },
    ],
  };
}

export async function services(ctx: Ctx, locale: Locale) {
  return (await repo.listServices(ctx.tx)).map((s) => toOpen311Service(s, locale));
}

/** Our services have no extra attributes (metadata false): the definition is an empty list. */
export async function serviceDefinition(ctx: Ctx, code: string) {
  const s = await repo.findService(ctx.tx, code);
  if (!s?.active)
    throw new DomainError("feedback.service_unknown", 404, {
      vi: `Không có loại phản ánh (service_code) "${code}".`,
      en: `No service has the service_code "${code}".`,
    });
  return { service_code: s.code, attributes: [] as never[] };
}

const truthy = (v: unknown) =>
  v === true || (typeof v === "string" && ["true", "1", "yes", "on"].includes(v.toLowerCase()));

export type PostBody = Open311PostBody & Record<string, unknown>;

export async function postRequest(
  ctx: Ctx,
  body: PostBody,
  locale: Locale,
  idempotencyKey: string | null,
  now = new Date(),
) {
  if (!body.service_code)
    throw bad("service_code", "open311.service_code_required", {
      vi: "Thiếu service_code.",
      en: "service_code was not provided.",
    });
  if (!(await repo.findService(ctx.tx, body.service_code))?.active) throw unknownService("service_code");
  const hasPoint = body.lat !== undefined && body.long !== undefined;
  if ((body.lat === undefined) !== (body.long === undefined))
    throw bad("long", "feedback.point_pair", {
      vi: "Vị trí cần cả lat và long.",
      en: "A location needs both lat and long.",
    });
  if (!hasPoint && !body.address_string && !body.address_id)
    throw bad("lat", "open311.location_required", {
      vi: "Cần vị trí: lat và long, hoặc address_string.",
      en: "A location is required: lat and long, or address_string.",
    });
  if (!body.description)
    throw bad("description", "feedback.text_required", {
      vi: "Nội dung phản ánh (description) không được để trống.",
      en: "The description must not be empty.",
    });
  if (body.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.email))
    throw bad("email", "email_format", {
      vi: "Địa chỉ e-mail không hợp lệ.",
      en: "The e-mail address is not valid.",
    });
  const procedureCode =
    typeof body.procedure_code === "string" ? body.procedure_code.trim() || undefined : undefined;
  const deskId = typeof body.desk_id === "string" ? body.desk_id.trim() || undefined : undefined;
  if (deskId && !/^[0-9a-f-]{36}$/i.test(deskId))
    throw bad("desk_id", "feedback.desk_unknown", { vi: "Không có quầy này.", en: "No such desk." });
  const { row, dueAt } = await createFeedback(
    ctx,
    {
      serviceCode: body.service_code,
      description: body.description,
      unitCode: body.jurisdiction_id,
      procedureCode,
      deskId,
      lat: body.lat,
      long: body.long,
      address: body.address_string ?? body.address_id,
      firstName: body.first_name,
      lastName: body.last_name,
      email: body.email,
      phone: body.phone,
      deviceId: body.device_id,
      clientKey: body.api_key,
      mediaUrl: body.media_url,
      // Not in the standard: a client may say the sender agrees to publication (default: no).
      consentPublish: truthy(body.consent_publish),
      channel: "open311",
      locale,
    },
    OPEN311_FIELDS,
    idempotencyKey,
    now,
  );
  const due = w3cVietnam(dueAt);
  return [
    {
      service_request_id: row.code,
      service_notice:
        locale === "vi"
          ? `Đã tiếp nhận phản ánh ${row.code}; hạn trả lời ${due}. Tra cứu tại ${ctx.config.publicUrl}/phan-anh/${row.code}.`
          : `Feedback ${row.code} received; answer expected by ${due}. Track it at ${ctx.config.publicUrl}/phan-anh/${row.code}.`,
      account_id: null,
    },
  ];
}

async function present(ctx: Ctx, v: repo.ItemView) {
  const published = v.publishedAt !== null && v.consentPublish;
  const photos = published ? await publicPhotoIds(ctx, v.id) : [];
  const answered = v.status === "answered" || v.status === "closed" || v.status === "rejected";
  return toOpen311Request({
    code: v.code,
    status: v.status,
    serviceCode: v.serviceCode,
    serviceName: v.serviceNameVi,
    unitName: v.unitName,
    createdAt: repo.toInstant(v.createdAt),
    updatedAt: repo.toInstant(v.updatedAt),
    dueAt: repo.toInstant(v.dueAt),
    reply: answered && v.reply ? redactPersonalData(v.reply, senderNames(v)) : null,
    published,
    publicText: v.publicText,
    lat: v.lat,
    long: v.long,
    address: v.address ? redactPersonalData(v.address, senderNames(v)) : null,
    mediaUrl: photos[0] ? `${ctx.config.publicUrl}/api/public/feedback/photos/${photos[0]}` : null,
  });
}

/** A comma-separated parameter's values; none (`status=` or `status=,`) is the same as leaving it out. */
const list = (v: string | undefined) => {
  const values = v
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return values && values.length > 0 ? values : undefined;
};

export async function getRequests(ctx: Ctx, q: RequestsQuery, now = new Date()) {
  let codes: string[] | undefined;
  const requested = list(q.service_request_id);
  if (requested) {
    codes = [];
    for (const c of requested) {
      const n = normaliseFeedbackCode(c);
      if (!n)
        throw bad(
          "service_request_id",
          "open311.request_id",
          {
            vi: `Mã phản ánh "${c}" không hợp lệ (dạng PA-7K3M9Q2X).`,
            en: `"${c}" is not a service_request_id (they look like PA-7K3M9Q2X).`,
          },
          "query",
        );
      codes.push(n);
    }
  }
  const serviceCodes = list(q.service_code);
  if (serviceCodes) {
    const known = new Set((await repo.listServices(ctx.tx, false)).map((s) => s.code));
    const unknown = serviceCodes.filter((c) => !known.has(c));
    if (unknown.length > 0)
      throw bad(
        "service_code",
        "feedback.service_unknown",
        {
          vi: `Không có loại phản ánh (service_code): ${unknown.join(", ")}.`,
          en: `Unknown service_code: ${unknown.join(", ")}.`,
        },
        "query",
      );
  }
  let statuses: ReturnType<typeof statusesOfOpen311> | undefined;
  const wanted = list(q.status);
  if (wanted) {
    if (wanted.some((s) => s !== "open" && s !== "closed"))
      throw bad(
        "status",
        "open311.status",
        {
          vi: "status phải là open hoặc closed.",
          en: "status must be open or closed.",
        },
        "query",
      );
    statuses = [...new Set(wanted as Open311Status[])].flatMap(statusesOfOpen311);
  }
  const date = (field: "start_date" | "end_date") => {
    const v = q[field];
    if (v === undefined) return undefined;
    const d = parseOpen311Date(v);
    if (!d)
      throw bad(
        field,
        "open311.date",
        {
          vi: `${field} phải theo định dạng W3C, ví dụ 2026-03-01T00:00:00+07:00.`,
          en: `${field} must be a W3C datetime, e.g. 2026-03-01T00:00:00+07:00.`,
        },
        "query",
      );
    return d;
  };
  const { start, end } = open311Window(now, date("start_date"), date("end_date"));
  const rows = await repo.open311Items(ctx.tx, {
    codes,
    serviceCodes,
    statuses,
    start: start.toISOString(),
    end: end.toISOString(),
    limit: OPEN311_MAX_RESULTS,
  });
  const out = [];
  for (const v of rows) out.push(await present(ctx, v));
  return out;
}

export async function getRequest(ctx: Ctx, id: string) {
  const code = normaliseFeedbackCode(id);
  const [v] = code ? await repo.open311Items(ctx.tx, { codes: [code], start: "", end: "", limit: 1 }) : [];
  if (!v)
    throw new DomainError("not_found", 404, {
      vi: `Không có phản ánh mã "${id}".`,
      en: `No service request has the id "${id}".`,
    });
  return [await present(ctx, v)];
}
