// One function per API call the web shell makes; paths and payloads in one place.
import { http, setCsrfToken } from "./client";
import type {
  Agency,
  AgencyKind,
  AuditEntry,
  AuditVerification,
  Me,
  Page,
  PublicUnit,
  UnitDetail,
  UnitLevel,
} from "./types";

export const auth = {
  me: (signal?: AbortSignal) => http.get<Me>("/api/auth/me", signal),
  login: (body: { username: string; password: string }) => http.post<Me>("/api/auth/login", body),
  register: (body: { fullName: string; email?: string; phone?: string; password: string }) =>
    http.post<Me>("/api/auth/register", body),
  logout: async () => {
    await http.post<void>("/api/auth/logout");
    setCsrfToken(null);
  },
  oidcConfig: (signal?: AbortSignal) => http.get<{ enabled: boolean }>("/api/auth/oidc/config", signal),
  oidcLoginUrl: "/api/auth/oidc/login",
};

export const units = {
  list: (history: boolean, signal?: AbortSignal) =>
    http.get<{ items: PublicUnit[] }>(`/api/public/units${history ? "?history=true" : ""}`, signal),
  detail: (id: string, signal?: AbortSignal) =>
    http.get<UnitDetail>(`/api/org/units/${encodeURIComponent(id)}`, signal),
  rename: (id: string, body: { name: string; validFrom: string; decisionRef?: string }) =>
    http.post<UnitDetail>(`/api/org/units/${encodeURIComponent(id)}/rename`, body),
  create: (body: { code: string; name: string; level: UnitLevel; parentId: string; validFrom: string }) =>
    http.post<UnitDetail>("/api/org/units", body),
  abolish: (id: string, body: { effectiveDate: string; successorId?: string }) =>
    http.post<UnitDetail>(`/api/org/units/${encodeURIComponent(id)}/abolish`, body),
  addAgency: (id: string, body: { code: string; name: string; kind: AgencyKind }) =>
    http.post<Agency>(`/api/org/units/${encodeURIComponent(id)}/agencies`, body),
};

export const audit = {
  list: (page: number, pageSize: number, signal?: AbortSignal) =>
    http.get<Page<AuditEntry>>(`/api/audit?page=${page}&pageSize=${pageSize}`, signal),
  verify: () => http.get<AuditVerification>("/api/audit/verify"),
};
