// Feedback API for the portal (/api/public/feedback: kinds, send, photos, status by code, the
// published list) and the back office (/api/v1/feedback: list, detail, commands, figures); the
// types follow the server's zod schemas (src/modules/feedback/feedback.schemas.ts).
import { http } from "../api/client";
import type { MessageKey, MessageParams } from "../i18n";

export type FeedbackStatus = "open" | "in_progress" | "answered" | "closed" | "rejected";
export const FEEDBACK_STATUSES: FeedbackStatus[] = ["open", "in_progress", "answered", "closed", "rejected"];
export type FeedbackCommand = "assign" | "reply" | "close" | "reject" | "reroute" | "publish";

type Named = { code: string; name: string };
export type ServiceRef = { code: string; nameVi: string; nameEn: string };

export type FeedbackService = ServiceRef & {
  descriptionVi: string;
  descriptionEn: string;
  group: string;
  answerDays: number;
};

export type SubmitBody = {
  serviceCode: string;
  description: string;
  unit?: string;
  procedureCode?: string;
  deskId?: string;
  lat?: number;
  long?: number;
  fullName?: string;
  email?: string;
  phone?: string;
  consentPublish: boolean;
  locale: "vi" | "en";
};
export type Submitted = {
  code: string;
  status: FeedbackStatus;
  unit: Named;
  service: ServiceRef;
  dueAt: string;
  photoToken: string;
  photoUploadUrl: string;
  maxPhotos: number;
  maxPhotoBytes: number;
};
export type PhotoOut = { id: string; contentType: string; size: number };
export type Lookup = {
  code: string;
  status: FeedbackStatus;
  service: ServiceRef;
  unit: Named;
  createdAt: string;
  dueAt: string;
  overdue: boolean;
  reply: string | null;
  repliedAt: string | null;
  publishedAt: string | null;
  photos: number;
};
export type PublishedItem = {
  code: string;
  service: ServiceRef;
  unit: Named;
  text: string;
  reply: string;
  createdAt: string;
  repliedAt: string | null;
  publishedAt: string;
  lat: number | null;
  long: number | null;
  photoUrls: string[];
};
export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

export type FeedbackItem = {
  id: string;
  code: string;
  status: FeedbackStatus;
  service: ServiceRef;
  unit: Named & { id: string };
  procedureCode: string | null;
  deskName: string | null;
  excerpt: string;
  senderName: string | null;
  assignee: { id: string; name: string } | null;
  createdAt: string;
  dueAt: string;
  repliedAt: string | null;
  publishedAt: string | null;
  overdue: boolean;
  consentPublish: boolean;
  photos: number;
};
export type FeedbackDetail = FeedbackItem & {
  description: string;
  lat: number | null;
  long: number | null;
  address: string | null;
  sender: {
    fullName: string | null;
    email: string | null;
    phone: string | null;
    citizen: boolean;
    client: string | null;
  };
  reply: string | null;
  publicText: string | null;
  proposedPublicText: string;
  photoList: { id: string; contentType: string; size: number; isPublic: boolean; url: string }[];
  events: { kind: string; actor: string | null; at: string; data: unknown }[];
  allowed: FeedbackCommand[];
};
export type ListParams = {
  unit?: string;
  status?: string;
  service?: string;
  overdue?: "true" | "false";
  mine?: "true" | "false";
  q?: string;
  sort?: "createdAt" | "dueAt" | "updatedAt";
  order?: "asc" | "desc";
  page: number;
  pageSize: number;
};
export type StatsCells = {
  received: number;
  answered: number;
  answeredOnTime: number;
  answeredLate: number;
  pending: number;
  pendingOverdue: number;
  rejected: number;
  published: number;
  onTimeRate: number | null;
};
export type Stats = {
  unit: Named;
  from: string;
  to: string;
  total: StatsCells;
  units: (StatsCells & { unit: Named })[];
};

/** What the server accepts as a photo (it sniffs the bytes again). */
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];
export const MAX_PHOTOS = 5;
export const MAX_PHOTO_BYTES = 10 * 1_048_576;

const idem = (key: string) => ({ "Idempotency-Key": key });
const q = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params).filter(
      (e): e is [string, string | number] => e[1] !== undefined && e[1] !== "",
    ) as [string, string][],
  ).toString();
const enc = encodeURIComponent;

export const publicFeedback = {
  services: (signal?: AbortSignal) =>
    http.get<{ items: FeedbackService[] }>("/api/public/feedback/services", signal),
  /** `key`: a fresh idempotency key per submission (kept while the same submission is retried). */
  submit: (body: SubmitBody, key: string) => http.post<Submitted>("/api/public/feedback", body, idem(key)),
  /** Sends one photo as the raw body, proved by the submission's token. */
  addPhoto: (sent: Pick<Submitted, "photoUploadUrl" | "photoToken">, file: Blob, key: string) =>
    http.upload<PhotoOut>(sent.photoUploadUrl, file, { ...idem(key), "X-Feedback-Token": sent.photoToken }),
  lookup: (code: string, signal?: AbortSignal) =>
    http.get<Lookup>(`/api/public/feedback/${enc(code)}`, signal),
  published: (p: { unit?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    http.get<Paged<PublishedItem>>(`/api/public/feedback?${q(p)}`, signal),
};

const base = "/api/v1/feedback";
export const feedbackAdmin = {
  list: (p: ListParams, signal?: AbortSignal) => http.get<Paged<FeedbackItem>>(`${base}?${q(p)}`, signal),
  detail: (id: string, signal?: AbortSignal) => http.get<FeedbackDetail>(`${base}/${enc(id)}`, signal),
  assign: (id: string, assigneeId?: string) =>
    http.post<FeedbackDetail>(`${base}/${enc(id)}/assign`, assigneeId ? { assigneeId } : {}),
  reply: (id: string, reply: string) => http.post<FeedbackDetail>(`${base}/${enc(id)}/reply`, { reply }),
  close: (id: string) => http.post<FeedbackDetail>(`${base}/${enc(id)}/close`, {}),
  reject: (id: string, reason: string) => http.post<FeedbackDetail>(`${base}/${enc(id)}/reject`, { reason }),
  reroute: (id: string, unit: string, reason: string) =>
    http.post<FeedbackDetail>(`${base}/${enc(id)}/reroute`, { unit, reason }),
  publish: (id: string, publicText: string, publicPhotoIds: string[]) =>
    http.post<FeedbackDetail>(`${base}/${enc(id)}/publish`, { publicText, publicPhotoIds }),
  stats: (p: { unit: string; from: string; to: string }, signal?: AbortSignal) =>
    http.get<Stats>(`${base}/stats?${q(p)}`, signal),
};

/** The kind's name in the current language. */
export const serviceName = (s: ServiceRef, lang: "vi" | "en") => (lang === "en" ? s.nameEn : s.nameVi);

/** Today in Vietnam, "YYYY-MM-DD", shifted by `days`. */
export const vnToday = (days = 0) =>
  new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Problems of the photos picked, before anything is sent: too many, a type other than JPEG/PNG/WebP,
 * or over 10 MB. Each is a message key with its parameters.
 */
export function photoProblems(files: { name: string; type: string; size: number }[]) {
  const out: { key: MessageKey; params: MessageParams }[] = [];
  if (files.length > MAX_PHOTOS) out.push({ key: "feedback.send.photoTooMany", params: { n: MAX_PHOTOS } });
  for (const f of files) {
    if (!PHOTO_TYPES.includes(f.type)) out.push({ key: "feedback.send.photoType", params: { name: f.name } });
    else if (f.size > MAX_PHOTO_BYTES)
      out.push({ key: "feedback.send.photoTooLarge", params: { name: f.name, mb: 10 } });
  }
  return out;
}
