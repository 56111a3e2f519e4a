// One function per API call the web shell makes; paths and payloads in one place.
import { http, setCsrfToken } from "./client";
import type {
  AccountToken,
  Agency,
  AgencyKind,
  AuditEntry,
  AuditVerification,
  CalendarConfig,
  CatalogReport,
  CommandBody,
  ContactChangeSent,
  ContactKind,
  ContactToken,
  Dossier,
  DossierDocument,
  DossierForm,
  DossierList,
  DossierLookup,
  DossierQueue,
  DossierSort,
  DossierState,
  DueDate,
  MailLocale,
  Me,
  NewStaffAccount,
  NewStaffAccountBody,
  OnlineBody,
  OwnSession,
  Page,
  ProcedureDetail,
  ProcedureSearchResult,
  ProcessView,
  PublicResults,
  PublicUnit,
  PublishDecisionBody,
  PublishedDecision,
  ReceiveBody,
  RoleGrant,
  RoleName,
  SaveProcessBody,
  SectorCount,
  ServedProcedure,
  StaffEditBody,
  StaffEdited,
  StaffGrant,
  StoreDocument,
  UnitCalendar,
  UnitDetail,
  UnitLevel,
  UnitProcedure,
  UploadKind,
  VerifyResult,
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
  /**
   * The signed-in user's new password. The server ends every other session and answers like /me
   * with a new session cookie and a new CSRF token (the client keeps it, as after login).
   */
  changePassword: async (body: { currentPassword: string; newPassword: string; locale?: MailLocale }) => {
    const me = await http.post<Me>("/api/auth/password", body);
    setCsrfToken(me.csrfToken);
    return me;
  },
  /** Mails a reset link when an account matches (202 whatever the answer: no account enumeration). */
  requestPasswordReset: (body: { login: string; locale?: MailLocale }) =>
    http.post<{ accepted: true }>("/api/auth/password-reset", body),
  /** Who an invitation or reset link is for (404 when it is unknown, used or expired). */
  accountToken: (body: { token: string }) => http.post<AccountToken>("/api/auth/account-token", body),
  /** Sets the password through an invitation or reset link (204); the link is then used up. */
  confirmPasswordReset: (body: { token: string; newPassword: string; locale?: MailLocale }) =>
    http.post<void>("/api/auth/password-reset/confirm", body),
  /** Sends a link to a new e-mail or phone of one's own (the current password is checked). */
  requestContactChange: (body: {
    currentPassword: string;
    email?: string;
    phone?: string;
    locale?: MailLocale;
  }) => http.post<ContactChangeSent>("/api/auth/contact", body),
  /** What a contact link would set (400 on the token when it is unknown, used or expired). */
  contactToken: (body: { token: string }) => http.post<ContactToken>("/api/auth/contact/inspect", body),
  /** Makes the new e-mail or phone the account's; the link is then used up. */
  confirmContactChange: (body: { token: string; locale?: MailLocale }) =>
    http.post<{ kind: ContactKind; contact: string }>("/api/auth/contact/confirm", body),
  /** The signed-in user's sessions, this browser's marked `current`. */
  sessions: (signal?: AbortSignal) => http.get<{ items: OwnSession[] }>("/api/auth/sessions", signal),
  endSession: (id: string) => http.delete<void>(`/api/auth/sessions/${encodeURIComponent(id)}`),
  endOtherSessions: () => http.post<{ ended: number }>("/api/auth/sessions/end-others"),
};

const staffPath = (unitId: string) => `/api/org/units/${encodeURIComponent(unitId)}/staff`;
const officialPath = (unitId: string, userId: string) => `${staffPath(unitId)}/${encodeURIComponent(userId)}`;

/** A unit's officials and their accounts (org.staff.manage at the unit). */
export const staff = {
  /** One row per role grant: an official with two roles comes twice. */
  list: (unitId: string, signal?: AbortSignal) =>
    http.get<{ items: StaffGrant[] }>(staffPath(unitId), signal),
  /** A new official with one role at the unit; the server mails the invitation. */
  create: (unitId: string, body: NewStaffAccountBody) =>
    http.post<NewStaffAccount>(`${staffPath(unitId)}/accounts`, body),
  /** Mails the invitation again (409 once the official has set a password); the earlier link stops working. */
  resendInvitation: (unitId: string, userId: string, locale?: MailLocale) =>
    http.post<{ inviteExpiresAt: string }>(
      `${officialPath(unitId, userId)}/invitation${queryString({ locale })}`,
    ),
  /** Corrects the name, e-mail or phone; a pending invitation follows a new e-mail. */
  edit: (unitId: string, userId: string, body: StaffEditBody) =>
    http.patch<StaffEdited>(officialPath(unitId, userId), body),
  disable: (unitId: string, userId: string) =>
    http.post<{ disabled: true }>(`${officialPath(unitId, userId)}/disable`),
  enable: (unitId: string, userId: string) =>
    http.post<{ disabled: false }>(`${officialPath(unitId, userId)}/enable`),
  grantRole: (unitId: string, body: { userId: string; role: RoleName }) =>
    http.post<RoleGrant>(`/api/org/units/${encodeURIComponent(unitId)}/roles`, body),
  revokeRole: (unitId: string, grantId: string) =>
    http.delete<void>(`/api/org/units/${encodeURIComponent(unitId)}/roles/${encodeURIComponent(grantId)}`),
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

/** Search of the audit log; empty values are left out. `action` matches the start of an action. */
export interface AuditFilters {
  actor?: string;
  action?: string;
  target?: string;
  unit?: string;
  from?: string;
  to?: string;
}

export const audit = {
  list: (page: number, pageSize: number, filters: AuditFilters = {}, signal?: AbortSignal) =>
    http.get<Page<AuditEntry>>(`/api/audit${queryString({ page, pageSize, ...filters })}`, signal),
  verify: () => http.get<AuditVerification>("/api/audit/verify"),
};

/** Query-string parameters of the procedure search (all optional; empty values are left out). */
export interface ProcedureSearchParams {
  q?: string;
  sector?: string;
  level?: string;
  channel?: string;
  unitId?: string;
  at?: string;
  page?: number;
  pageSize?: number;
  sort?: "relevance" | "code" | "name";
}

function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

function unitProcedurePath(unitId: string, code: string): string {
  return `/api/org/units/${encodeURIComponent(unitId)}/procedures/${encodeURIComponent(code)}`;
}

export const catalog = {
  search: (params: ProcedureSearchParams, signal?: AbortSignal) =>
    http.get<ProcedureSearchResult>(`/api/public/procedures${queryString({ ...params })}`, signal),
  procedure: (code: string, at?: string, signal?: AbortSignal) =>
    http.get<ProcedureDetail>(
      `/api/public/procedures/${encodeURIComponent(code)}${queryString({ at })}`,
      signal,
    ),
  sectors: (signal?: AbortSignal) =>
    http.get<{ items: SectorCount[] }>("/api/public/catalog/sectors", signal),
  report: (params: { at?: string; from?: string; to?: string }, signal?: AbortSignal) =>
    http.get<CatalogReport>(`/api/public/catalog/report${queryString(params)}`, signal),
  publish: (body: PublishDecisionBody) => http.post<PublishedDecision>("/api/catalog/decisions", body),
  /** Printable PDF listing of the procedures a unit serves (for the desk wall). */
  unitListingPdfUrl: (unitId: string) => `/api/public/units/${encodeURIComponent(unitId)}/procedures.pdf`,
  /** The unit's own list with local details, including procedures since abolished. */
  served: (unitId: string, signal?: AbortSignal) =>
    http.get<{ items: ServedProcedure[] }>(`/api/org/units/${encodeURIComponent(unitId)}/procedures`, signal),
  /** The unit serves the procedure, with optional local details (409 when it is not in force). */
  serve: (unitId: string, code: string, body: { localNotes?: string; receptionAddress?: string }) =>
    http.put<UnitProcedure>(unitProcedurePath(unitId, code), body),
  /** The unit no longer serves the procedure (204). */
  unserve: (unitId: string, code: string) => http.delete<void>(unitProcedurePath(unitId, code)),
};

/** How the due-date calculator counts: N working days, N working hours, or "same day". */
export type DueRule = { workingDays: number } | { workingHours: number } | { sameDay: true };

export const calendars = {
  get: (unitId: string, year: number, signal?: AbortSignal) =>
    http.get<UnitCalendar>(`/api/public/units/${encodeURIComponent(unitId)}/calendar?year=${year}`, signal),
  save: (unitId: string, body: { config: CalendarConfig; note?: string }) =>
    http.put<UnitCalendar>(`/api/org/units/${encodeURIComponent(unitId)}/calendar`, body),
  /** `from` is an ISO instant with its offset, e.g. 2026-02-13T10:00:00+07:00. */
  due: (unitId: string, from: string, rule: DueRule, signal?: AbortSignal) => {
    const params =
      "sameDay" in rule
        ? { from, sameDay: "true" }
        : "workingHours" in rule
          ? { from, workingHours: rule.workingHours }
          : { from, workingDays: rule.workingDays };
    return http.get<DueDate>(
      `/api/public/units/${encodeURIComponent(unitId)}/calendar/due${queryString(params)}`,
      signal,
    );
  },
};

function processPath(unitId: string, code: string): string {
  return `/api/org/units/${encodeURIComponent(unitId)}/processes/${encodeURIComponent(code)}`;
}

export const processes = {
  get: (unitId: string, code: string, signal?: AbortSignal) =>
    http.get<ProcessView>(processPath(unitId, code), signal),
  save: (unitId: string, code: string, body: SaveProcessBody) =>
    http.post<ProcessView>(processPath(unitId, code), body),
};

/** Query of the work queues (GET /api/dossiers); for a citizen the server lists their own dossiers. */
export interface DossierListParams {
  unitId?: string;
  queue?: DossierQueue;
  state?: DossierState;
  q?: string;
  page?: number;
  pageSize?: number;
  sort?: DossierSort;
}

const idempotency = (key: string) => ({ "Idempotency-Key": key });
const dossierPath = (id: string) => `/api/dossiers/${encodeURIComponent(id)}`;

/**
 * Dossiers. Every write carries an Idempotency-Key: one key per user action, the same key again
 * when that same submission is retried (the server then replays the first answer).
 */
export const dossiers = {
  /** Reception at the desk (receptionist). */
  receive: (body: ReceiveBody, key: string) => http.post<Dossier>("/api/dossiers", body, idempotency(key)),
  /** Online filing by a signed-in citizen. */
  fileOnline: (body: OnlineBody, key: string) =>
    http.post<Dossier>("/api/portal/dossiers", body, idempotency(key)),
  list: (params: DossierListParams, signal?: AbortSignal) =>
    http.get<DossierList>(`/api/dossiers${queryString({ ...params })}`, signal),
  get: (id: string, signal?: AbortSignal) => http.get<Dossier>(dossierPath(id), signal),
  command: (id: string, body: CommandBody, key: string) =>
    http.post<Dossier>(`${dossierPath(id)}/commands`, body, idempotency(key)),
  /** Public status lookup by code (no sign-in). */
  lookup: (code: string, signal?: AbortSignal) =>
    http.get<DossierLookup>(`/api/public/dossiers/${encodeURIComponent(code)}`, signal),
  /** A printable form (PDF), opened in a new tab; the session cookie authenticates it. */
  formUrl: (id: string, form: DossierForm) => `${dossierPath(id)}/forms/${form}`,
  /** The tracking book of a unit for a period (PDF). */
  bookUrl: (unitId: string, from: string, to: string) =>
    `/api/dossiers/book.pdf${queryString({ unitId, from, to })}`,
};

/**
 * Files of dossiers. Uploads send the file itself as the body (its type in Content-Type, its name
 * in ?name=) with an Idempotency-Key; the server sniffs the bytes and refuses a mislabelled file.
 */
export const documents = {
  list: (dossierId: string, signal?: AbortSignal) =>
    http.get<{ items: DossierDocument[] }>(`${dossierPath(dossierId)}/documents`, signal),
  upload: (dossierId: string, file: Blob, name: string, kind: UploadKind, key: string) =>
    http.upload<DossierDocument>(
      `${dossierPath(dossierId)}/documents${queryString({ name, kind })}`,
      file,
      idempotency(key),
    ),
  /** An electronic result (a PDF): the server signs it and keeps it as a new result. */
  issueResult: (dossierId: string, file: Blob, name: string, key: string) =>
    http.upload<DossierDocument>(
      `${dossierPath(dossierId)}/results${queryString({ name })}`,
      file,
      idempotency(key),
    ),
  /** The signed-in citizen's document store. */
  store: (page: number, pageSize: number, signal?: AbortSignal) =>
    http.get<Page<StoreDocument>>(`/api/portal/documents${queryString({ page, pageSize })}`, signal),
  /** Public: the electronic results of a dossier with a live signature check (no personal data). */
  publicResults: (code: string, signal?: AbortSignal) =>
    http.get<PublicResults>(`/api/public/dossiers/${encodeURIComponent(code)}/results`, signal),
  /** Public: checks a signed PDF, and whether it is exactly a result motcua issued (stores nothing). */
  verify: (file: Blob) => http.upload<VerifyResult>("/api/public/verify", file),
};
