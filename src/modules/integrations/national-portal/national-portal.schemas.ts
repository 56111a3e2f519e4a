// Contracts of the national portal exchange. The messages on the wire use the portal's field
// names where a published integration names them (MaHoSo, MaTTHC, ChuHoSo, TaiLieuNop…; see
// docs/national-portal.md for which are modelled on it and which are ours); everything inside
// motcua is English. Messages are parsed here, at the boundary: a message that does not fit is
// rejected with one field error per problem, in Vietnamese and English.
import { z } from "zod";
import { en as zodEn, vi as zodVi } from "zod/locales";
import { NATIONAL_MESSAGE_KINDS } from "../../../db/schema.exchange.ts";
import { type FieldError, fieldError, type Message } from "../../../shared/errors.ts";
import { lookupFieldMessage, msg } from "../../../shared/messages.ts";
import { procedureCode } from "../../catalog/catalog.schemas.ts";
import type { AssistedInput } from "../../dossiers/dossier.schemas.ts";

const optional = <T extends z.ZodType<string, string>>(schema: T) =>
  schema.nullish().transform((v) => v || null);

/** The envelope every feed item carries, whatever its kind. */
export const envelopeSchema = z.object({
  messageId: z.string().trim().min(1).max(200),
  kind: z.string().max(50).optional(),
});

export const portalFileSchema = z.object({
  /** The portal's id of the file. */
  TepDinhKemId: z.string().trim().min(1).max(200),
  /** Display name (checked like any upload: no path, no control characters). */
  TenTepDinhKem: z.string().min(1).max(400),
  /** Download link, on the portal's own origin. */
  DuongDanTaiTepTin: z.string().trim().min(1).max(2000),
  /** Size in bytes: must equal what is downloaded. */
  KichThuoc: z.number().int().positive(),
  /** SHA-256 of the content, hex: must equal the hash of what is downloaded. */
  MaHash: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{64}$/)
    .transform((v) => v.toLowerCase()),
  /** Declared media type, checked against the sniffed one. */
  LoaiTep: z.string().max(200).optional(),
});
export type PortalFile = z.output<typeof portalFileSchema>;

export const CHANNELS_BY_WIRE = { toan_trinh: "online_full", mot_phan: "online_partial" } as const;
export const DELIVERY_BY_WIRE = { truc_tiep: "desk", buu_chinh: "postal", truc_tuyen: "online" } as const;

/** A dossier filed on the portal (message kind "dossier"). */
export const portalDossierSchema = z.object({
  /** The portal's dossier code: kept in dossiers.national_code (unique). */
  MaHoSo: z.string().trim().min(1).max(100),
  MaTTHC: procedureCode,
  /** The receiving unit's code in motcua's organisation tree. */
  MaDonVi: z.string().trim().min(1).max(40),
  HinhThucNop: z.enum(["toan_trinh", "mot_phan"]).default("toan_trinh"),
  /** When the applicant submitted on the portal: yyyyMMddHHmmss, Vietnam time. */
  NgayNopHoSo: z
    .string()
    .regex(/^\d{14}$/)
    .optional(),
  ChuHoSo: z
    .string()
    .trim()
    .min(1, { error: msg("name_required") })
    .max(200),
  /** 1 a person, 2 an organisation. */
  LoaiDoiTuong: z.union([z.literal(1), z.literal(2)]).default(1),
  MaDoiTuong: optional(
    z
      .string()
      .trim()
      .regex(/^([0-9]{9}|[0-9]{12})$/, { error: msg("dossier.id_number") }),
  ),
  NgaySinh: z.iso
    .date()
    .nullish()
    .transform((v) => v || null),
  DiaChi: optional(z.string().trim().max(500)),
  SoDienThoai: optional(
    z
      .string()
      .trim()
      .regex(/^0\d{9}$/, { error: msg("phone_format") }),
  ),
  Email: optional(z.email({ error: msg("email_format") }).max(200)),
  TrichYeuHoSo: optional(z.string().trim().max(1000)),
  HinhThucNhanKetQua: z.enum(["truc_tiep", "buu_chinh", "truc_tuyen"]).default("truc_tuyen"),
  DiaChiNhanKetQua: optional(z.string().trim().max(500)),
  TaiLieuNop: z.array(portalFileSchema).max(50).default([]),
});
export type PortalDossier = z.output<typeof portalDossierSchema>;

export const dossierMessageSchema = z.object({
  messageId: z.string().trim().min(1).max(200),
  kind: z.enum(NATIONAL_MESSAGE_KINDS),
  sentAt: z.string().max(50).optional(),
  data: portalDossierSchema,
});
export type DossierMessage = z.output<typeof dossierMessageSchema>;

/** The filing input of the dossier service for a portal dossier (unit resolved by the caller). */
export function filingInput(data: PortalDossier, unitId: string): AssistedInput & { nationalCode: string } {
  return {
    nationalCode: data.MaHoSo,
    unitId,
    handlingUnitId: null,
    procedureCode: data.MaTTHC,
    channel: CHANNELS_BY_WIRE[data.HinhThucNop],
    serviceMode: "desk",
    applicant: {
      kind: data.LoaiDoiTuong === 2 ? "organisation" : "person",
      name: data.ChuHoSo,
      idNumber: data.MaDoiTuong,
      birthDate: data.NgaySinh,
      address: data.DiaChi,
      phone: data.SoDienThoai,
      email: data.Email,
    },
    subject: data.TrichYeuHoSo,
    sets: 1,
    resultDelivery: DELIVERY_BY_WIRE[data.HinhThucNhanKetQua],
    postalAddress: data.DiaChiNhanKetQua,
    note: null,
    formData: null,
  };
}

/** The wire name of a field of the filing input, for errors the dossier service reports. */
const WIRE_FIELDS: Record<string, string> = {
  procedureCode: "MaTTHC",
  unitId: "MaDonVi",
  handlingUnitId: "MaDonVi",
  channel: "HinhThucNop",
  resultDelivery: "HinhThucNhanKetQua",
  postalAddress: "DiaChiNhanKetQua",
  subject: "TrichYeuHoSo",
  "applicant.name": "ChuHoSo",
  "applicant.idNumber": "MaDoiTuong",
  "applicant.phone": "SoDienThoai",
  "applicant.email": "Email",
  "applicant.address": "DiaChi",
};

export const wireField = (field: string) => `data.${WIRE_FIELDS[field] ?? field}`;

const localeVi = zodVi();
const localeEn = zodEn();

/** zod issues as field errors with Vietnamese and English messages. */
export function issuesToFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const field = issue.path.join(".") || "(root)";
    const custom = lookupFieldMessage(issue.message);
    const text = (r: unknown) => (typeof r === "string" ? r : ((r as { message?: string })?.message ?? ""));
    // biome-ignore lint/suspicious/noExplicitAny: zod's locale functions take its raw issue shape
    const raw = issue as any;
    const message: Message = custom ?? {
      vi: text(localeVi.localeError(raw)) || issue.message,
      en: text(localeEn.localeError(raw)) || issue.message,
    };
    return fieldError(field, issue.code, message, "message");
  });
}

// ---------------------------------------------------------------------------------------------
// Acknowledgement sent to the portal, and the status view

export type Ack =
  | { status: "accepted"; MaHoSo: string; dossierId: string; receivedAt: string }
  | {
      status: "rejected";
      MaHoSo: string | null;
      reason: { code: string; message: Message; errors: FieldError[] };
    };

export const statusOut = z.object({
  enabled: z.boolean(),
  portal: z.string().nullable(),
  cursor: z.string().nullable(),
  lastPoll: z
    .object({ at: z.string(), ok: z.boolean(), fetched: z.number(), error: z.string().nullable() })
    .nullable(),
  inbox: z.object({ accepted: z.number(), rejected: z.number() }),
  lastRejections: z.array(
    z.object({
      messageId: z.string(),
      nationalCode: z.string(),
      receivedAt: z.string(),
      code: z.string(),
      message: z.object({ vi: z.string(), en: z.string() }),
      fields: z.array(z.string()),
    }),
  ),
  alerts: z.array(
    z.object({ at: z.string(), code: z.string(), messageId: z.string().nullable(), detail: z.string() }),
  ),
  outbox: z.object({
    pending: z.number(),
    sending: z.number(),
    sent: z.number(),
    failed: z.number(),
    oldestWaitingAt: z.string().nullable(),
    lastErrors: z.array(
      z.object({
        dedupeKey: z.string(),
        template: z.string(),
        status: z.string(),
        attempts: z.number(),
        error: z.string(),
      }),
    ),
  }),
});
export type StatusOut = z.output<typeof statusOut>;
