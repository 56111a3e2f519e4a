// Petitions API of the back office (/api/v1/petitions); the types follow the server's zod
// schemas (src/modules/petitions/petitions.schemas.ts).
import { http } from "../../api/client";

export type PetitionKind = "complaint" | "denunciation" | "recommendation";
export const PETITION_KINDS: PetitionKind[] = ["complaint", "denunciation", "recommendation"];
export type PetitionStatus =
  | "received"
  | "accepted"
  | "not_accepted"
  | "forwarded"
  | "in_progress"
  | "decided"
  | "closed"
  | "withdrawn";
export const PETITION_STATUSES: PetitionStatus[] = [
  "received",
  "accepted",
  "in_progress",
  "decided",
  "closed",
  "not_accepted",
  "forwarded",
  "withdrawn",
];
export type Command =
  | "accept"
  | "not_accept"
  | "forward"
  | "assign"
  | "extend"
  | "decide"
  | "close"
  | "withdraw";

export type Due = {
  phase: "accept" | "resolve" | null;
  dueAt: string | null;
  level: "overdue" | "soon" | "ok" | "none";
  daysLeft: number | null;
};
export type PetitionSummary = {
  id: string;
  code: string;
  unit: { id: string; code: string; name: string };
  kind: PetitionKind;
  channel: string;
  status: PetitionStatus;
  receivedAt: string;
  subject: string;
  concerns: string | null;
  petitionerLabel: string;
  confidential: boolean;
  acceptDueAt: string;
  resolveDueAt: string | null;
  extensions: number;
  handler: { id: string; name: string } | null;
  due: Due;
};
export type PetitionDetail = PetitionSummary & {
  content: string;
  decision: string | null;
  decidedAt: string | null;
  acceptedAt: string | null;
  closedAt: string | null;
  round: number;
  remoteArea: boolean;
  petitioner: {
    fullName: string;
    idNumber: string | null;
    address: string | null;
    phone: string | null;
    email: string | null;
  } | null;
  events: { id: number; kind: string; at: string; actor: string | null; data: Record<string, unknown> }[];
  actions: Command[];
  handlers: { id: string; name: string }[];
  extension: { maxExtensions: number; daysPerExtension: number };
};
export type ListParams = {
  unit: string;
  kind?: string;
  status?: string;
  due?: string;
  mine?: boolean;
  q?: string;
  sort?: string;
  page: number;
  pageSize: number;
};
export type RegisterBody = {
  unit: string;
  kind: PetitionKind;
  channel: "in_person" | "postal" | "online";
  receivedAt?: string;
  subject: string;
  content: string;
  concerns?: string | null;
  round?: 1 | 2;
  remoteArea?: boolean;
  petitioner: {
    fullName: string;
    idNumber?: string | null;
    address?: string | null;
    phone?: string | null;
    email?: string | null;
    confidential?: boolean;
  };
};
export type Figures = {
  received: number;
  accepted: number;
  notAccepted: number;
  forwarded: number;
  withdrawn: number;
  resolved: number;
  resolvedOnTime: number;
  resolvedLate: number;
  pending: number;
  pendingWithinDeadline: number;
  pendingOverdue: number;
};
export type Stats = {
  unit: { code: string; name: string };
  from: string;
  to: string;
  asOf: string;
  total: Figures;
  byKind: (Figures & { kind: PetitionKind })[];
};

const query = (params: Record<string, string | number | boolean | undefined>) =>
  new URLSearchParams(
    Object.entries(params).flatMap(([k, v]) =>
      v === undefined || v === "" || v === false ? [] : [[k, String(v)]],
    ),
  ).toString();

export const petitionsApi = {
  list: (p: ListParams, signal?: AbortSignal) =>
    http.get<{ items: PetitionSummary[]; total: number }>(`/api/v1/petitions?${query(p)}`, signal),
  get: (id: string, signal?: AbortSignal) => http.get<PetitionDetail>(`/api/v1/petitions/${id}`, signal),
  register: (body: RegisterBody) => http.post<PetitionDetail>("/api/v1/petitions", body),
  command: (id: string, body: Record<string, unknown>) =>
    http.post<PetitionDetail>(`/api/v1/petitions/${id}/commands`, body),
  stats: (p: { unit: string; from: string; to: string }, signal?: AbortSignal) =>
    http.get<Stats>(`/api/v1/petitions/stats?${query(p)}`, signal),
  receiptUrl: (id: string) => `/api/v1/petitions/${id}/receipt.pdf`,
};

/** "23/11/2026" in Vietnam time. */
export const vnDate = (iso: string) =>
  new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10).split("-").reverse().join("/");
/** "14:05 23/11/2026" in Vietnam time. */
export const vnDateTime = (iso: string) =>
  `${new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(11, 16)} ${vnDate(iso)}`;
export const vnToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
