// Wire types of the motcua HTTP API as the web shell uses them (see the server's OpenAPI at /docs).

export interface LocalizedText {
  vi: string;
  en: string;
}

export interface FieldProblem {
  path: string;
  field: string;
  code: string;
  message: LocalizedText;
}

/** RFC 9457 problem details with motcua's stable code and bilingual message. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  message?: LocalizedText;
  errors?: FieldProblem[];
}

export type RoleName =
  | "receptionist"
  | "specialist"
  | "leader"
  | "clerk"
  | "unit_admin"
  | "supervisor"
  | "system_admin";

export interface RoleAssignment {
  id: string;
  role: RoleName;
  unitId: string;
  unitCode: string;
  unitName: string;
  subtree: boolean;
}

export interface Me {
  user: {
    id: string;
    kind: "staff" | "citizen";
    username: string | null;
    fullName: string;
    email: string | null;
    phone: string | null;
    /** False for an account that signs in only with the e-ID. */
    hasPassword: boolean;
  };
  roles: RoleAssignment[];
  abilities: {
    canReadAudit: boolean;
    canRestructureOrg: boolean;
    canPublishCatalog: boolean;
    canReadDossiers: boolean;
    canReceiveDossiers: boolean;
  };
  csrfToken: string;
}

// ---------------------------------------------------------------------------------------------
// Accounts: passwords, invitations and resets, a unit's officials.

/** The language of the e-mail an account command sends (the server's default: Vietnamese). */
export type MailLocale = "vi" | "en";

/** What a single-use account link is for: a new official's invitation or a password reset. */
export type AccountTokenPurpose = "invite" | "reset";

/** POST /api/auth/account-token: who a link is for (it is not used up by reading it). */
/** One of the signed-in user's sessions (GET /api/auth/sessions). */
export interface OwnSession {
  id: string;
  createdAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export type ContactKind = "email" | "phone";

/** POST /api/auth/contact: where the confirmation link went (masked) and until when it works. */
export interface ContactChangeSent {
  kind: ContactKind;
  sentTo: string;
  expiresAt: string;
}

/** POST /api/auth/contact/inspect: what a confirmation link would set (masked) and for whom. */
export interface ContactToken {
  kind: ContactKind;
  newContact: string;
  fullName: string;
  expiresAt: string;
}

export interface AccountToken {
  purpose: AccountTokenPurpose;
  fullName: string;
  username: string | null;
  expiresAt: string;
}

/** One role grant of an official at a unit (GET /api/org/units/:id/staff: one row per grant). */
export interface StaffGrant {
  grantId: string;
  userId: string;
  username: string | null;
  fullName: string;
  email: string | null;
  phone: string | null;
  role: RoleName;
  disabled: boolean;
  /** False while the official has not set a password through the invitation. */
  activated: boolean;
}

/** POST /api/org/units/:id/staff/accounts. */
export interface NewStaffAccountBody {
  username: string;
  fullName: string;
  email: string;
  phone?: string | null;
  role: RoleName;
  /** The invitation's language (default Vietnamese). */
  locale?: MailLocale;
}

export interface StaffEditBody {
  fullName?: string;
  email?: string;
  /** null removes the phone. */
  phone?: string | null;
  /** The language of the mail it may send (a new invitation, or a notice to the old address). */
  locale?: MailLocale;
}

export interface StaffEdited {
  userId: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  changed: ("fullName" | "email" | "phone")[];
  /** Set when a new invitation went to the new e-mail (the account was not active yet). */
  inviteExpiresAt: string | null;
}

export interface NewStaffAccount {
  userId: string;
  grantId: string;
  username: string;
  inviteExpiresAt: string;
}

export interface RoleGrant {
  id: string;
  userId: string;
  unitId: string;
  role: RoleName;
}

export type UnitLevel = "province" | "district" | "commune";
export const UNIT_LEVELS: readonly UnitLevel[] = ["province", "district", "commune"];

export interface PublicUnit {
  id: string;
  code: string;
  name: string;
  level: UnitLevel;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  successorId: string | null;
}

export type AgencyKind = "internal" | "vertical";
export const AGENCY_KINDS: readonly AgencyKind[] = ["internal", "vertical"];

export interface Agency {
  id: string;
  code: string;
  name: string;
  kind: AgencyKind;
}

export interface UnitDetail {
  unit: PublicUnit & { successorName: string | null };
  names: { name: string; validFrom: string; decisionRef: string | null }[];
  agencies: Agency[];
  abilities: { canEdit: boolean; canManageAgencies: boolean; canRestructure: boolean };
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  outcome: number;
  target: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  reason: string | null;
  problem: {
    source: "chain" | "checkpoint" | "anchor";
    reason: string;
    seq: number | null;
    checkpointId: number | null;
    line: number | null;
  } | null;
  /** Signed checkpoints of the chain's head (AUDIT_SIGNING_KEYS; "off": unanchored). */
  checkpoints: {
    status: "on" | "demo_key" | "off";
    checked: number;
    newest: { id: number; seq: number; at: string } | null;
    unanchoredRows: number;
    anchor: { lines: number; found: boolean } | null;
  };
}

// ---------------------------------------------------------------------------------------------
// Procedure catalog (spec §3).

export type CatalogLevel = UnitLevel;
export type OnlineLevel = "fully" | "partly" | "none";
export const ONLINE_LEVELS: readonly OnlineLevel[] = ["fully", "partly", "none"];
export type DeadlineKind = "working_days" | "working_hours" | "same_day" | "calendar_days";
export const DEADLINE_KINDS: readonly DeadlineKind[] = [
  "working_days",
  "working_hours",
  "calendar_days",
  "same_day",
];
export type DocumentForm = "original" | "copy" | "certified_copy" | "original_or_copy" | "present_original";
export const DOCUMENT_FORMS: readonly DocumentForm[] = [
  "original",
  "copy",
  "certified_copy",
  "original_or_copy",
  "present_original",
];
export type SearchChannel = "in_person" | "fully_online" | "partly_online" | "online" | "postal";
export const SEARCH_CHANNELS: readonly SearchChannel[] = [
  "in_person",
  "online",
  "fully_online",
  "partly_online",
  "postal",
];
export type ChangeKind = "added" | "amended" | "abolished";
export const CHANGE_KINDS: readonly ChangeKind[] = ["added", "amended", "abolished"];

export interface Deadline {
  kind: DeadlineKind;
  value: number | null;
  note: string | null;
}

export interface ProcedureSummary {
  code: string;
  name: string;
  sector: string;
  levels: CatalogLevel[];
  online: OnlineLevel;
  postal: boolean;
  deadline: Deadline;
  hasFee: boolean;
  version: number;
  effectiveFrom: string;
}

export interface ProcedureSearchResult extends Page<ProcedureSummary> {
  /** Present when mistyped words were corrected; the results are for this query. */
  correctedQuery?: string;
}

/** A procedure a unit serves, with the unit's local details (PUT /api/org/units/:id/procedures/:code). */
/** A procedure on a unit's own list, with its local details (GET /api/org/units/:id/procedures). */
export interface ServedProcedure {
  code: string;
  name: string;
  sector: string;
  deadline: ProcedureSummary["deadline"];
  inForce: boolean;
  localNotes: string | null;
  receptionAddress: string | null;
}

export interface UnitProcedure {
  unitId: string;
  code: string;
  localNotes: string | null;
  receptionAddress: string | null;
}

export interface Fee {
  name: string;
  amountVnd: number | null;
  note: string | null;
}

export interface RequiredDocument {
  name: string;
  form: DocumentForm;
  count: number;
  template: string | null;
  obtainableFrom: string | null;
}

/** A procedure record as published by a decision (the body of "added" and "amended" changes). */
export interface ProcedureRecord {
  code: string;
  name: string;
  sector: string;
  levels: CatalogLevel[];
  executingAgency: string | null;
  channels: { inPerson: boolean; online: OnlineLevel; postal: boolean };
  deadline: Deadline;
  fees: Fee[];
  documents: RequiredDocument[];
  resultType: string | null;
  legalBasis: string[];
  onTheSpot: boolean;
  locationIndependent: boolean | null;
  source: string | null;
  notes: string | null;
}

export interface ProcedureDetail {
  procedure: ProcedureRecord & { version: number; effectiveFrom: string; decisionNumber: string };
  abolished: boolean;
  history: {
    version: number;
    change: ChangeKind;
    effectiveFrom: string;
    decisionNumber: string;
    decisionSignedOn: string;
    name: string;
  }[];
  units: { id: string; code: string; name: string }[];
}

export interface SectorCount {
  sector: string;
  count: number;
}

export interface CatalogReport {
  at: string;
  from: string;
  to: string;
  inForce: {
    level: CatalogLevel;
    sector: string;
    total: number;
    fullyOnline: number;
    partlyOnline: number;
    postal: number;
    onTheSpot: number;
  }[];
  changes: { sector: string; added: number; amended: number; abolished: number }[];
  totals: Record<string, number>;
}

export type DecisionChange =
  | { change: "added" | "amended"; record: ProcedureRecord }
  | { change: "abolished"; code: string };

export interface PublishDecisionBody {
  decision: {
    number: string;
    title?: string;
    signedOn: string;
    effectiveFrom: string;
    issuerUnitId: string;
  };
  changes: DecisionChange[];
}

export interface PublishedDecision {
  id: string;
  number: string;
  effectiveFrom: string;
  added: number;
  amended: number;
  abolished: number;
}

// ---------------------------------------------------------------------------------------------
// Working calendar of a unit (spec §6).

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const ISO_WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
export type AdjacentDay = "before" | "after";

export interface DateNote {
  date: string;
  note?: string;
}

export interface CalendarConfig {
  workingHours: { start: string; end: string }[];
  weeklyWorkingDays: IsoWeekday[];
  nationalDayAdjacent: AdjacentDay;
  nationalDayAdjacentByYear: Record<string, AdjacentDay>;
  extraDaysOff: DateNote[];
  makeUpWorkingDays: DateNote[];
}

export interface CalendarDayOff {
  date: string;
  key: string;
  nameVi: string;
  nameEn: string;
  kind: "statutory" | "compensatory" | "unit";
  compensatesFor?: string;
}

export interface UnitCalendar {
  unitId: string;
  year: number;
  /** Where the calendar in force is stored: this unit, an ancestor, or null for national defaults. */
  source: { unitId: string; unitName: string; savedAt: string } | null;
  config: CalendarConfig;
  workingHoursPerDay: number;
  daysOff: CalendarDayOff[];
  history: { createdAt: string; note: string | null; createdBy: string; createdByName: string | null }[];
}

export interface DueDate {
  from: string;
  due: string;
  workingHoursBetween: number;
}

// ---------------------------------------------------------------------------------------------
// Internal processes (spec §4).

export type StepKind = "step" | "transfer" | "opinion";
export const STEP_KINDS: readonly StepKind[] = ["step", "transfer", "opinion"];
export type StepRole = "receptionist" | "specialist" | "leader" | "clerk";
export const STEP_ROLES: readonly StepRole[] = ["receptionist", "specialist", "leader", "clerk"];

export interface ProcessStep {
  name: string;
  kind: StepKind;
  role?: StepRole | null;
  agencyId?: string | null;
  hours: number;
  parallelGroup?: string | null;
}

export interface ScheduledStep extends ProcessStep {
  startHours: number;
  endHours: number;
}

export interface ProcessVersionSummary {
  version: number;
  decisionRef: string;
  approvedOn: string;
  totalHours: number;
}

export interface ProcessView {
  procedure: { code: string; name: string; deadline: { kind: DeadlineKind; value: number | null } };
  deadlineHours: number;
  workingHoursPerDay: number;
  current: (ProcessVersionSummary & { steps: ScheduledStep[] }) | null;
  history: ProcessVersionSummary[];
  agencies: { id: string; name: string; unitName: string }[];
  abilities: { canEdit: boolean };
}

export interface SaveProcessBody {
  decisionRef: string;
  approvedOn: string;
  steps: ProcessStep[];
}

// ---------------------------------------------------------------------------------------------
// Dossiers (spec §5–§9).

export type DossierState =
  | "draft"
  | "submitted"
  | "received"
  | "processing"
  | "transferred"
  | "supplement_requested"
  | "suspended"
  | "result_ready"
  | "returned"
  | "refused"
  | "withdrawn"
  | "stopped";

export const DOSSIER_STATES: readonly DossierState[] = [
  "draft",
  "submitted",
  "received",
  "processing",
  "transferred",
  "supplement_requested",
  "suspended",
  "result_ready",
  "returned",
  "refused",
  "withdrawn",
  "stopped",
];

export type DossierCommand =
  | "submit"
  | "receive"
  | "refuse"
  | "request_supplement"
  | "resubmit"
  | "forward"
  | "transfer"
  | "return_from_transfer"
  | "approve"
  | "reject"
  | "issue_result"
  | "return_result"
  | "withdraw"
  | "suspend"
  | "resume"
  | "apologise"
  | "stop";

export type DossierChannel = "in_person" | "postal" | "online_full" | "online_partial";
export type DeskChannel = "in_person" | "postal";
export const DESK_CHANNELS: readonly DeskChannel[] = ["in_person", "postal"];
export type ServiceMode = "desk" | "on_the_spot" | "mobile_team" | "at_home";
export const SERVICE_MODES: readonly ServiceMode[] = ["desk", "on_the_spot", "mobile_team", "at_home"];
export type ResultDelivery = "desk" | "postal" | "online";
export const RESULT_DELIVERIES: readonly ResultDelivery[] = ["desk", "postal", "online"];
export type ReturnMethod = "in_person" | "postal" | "online";
export const RETURN_METHODS: readonly ReturnMethod[] = ["in_person", "postal", "online"];
export type Timeliness = "early" | "on_time" | "late";
export type DueBucket = "overdue" | "due_today" | "due_soon" | "later" | "closed";
export type DossierForm = "receipt" | "supplement" | "refusal" | "apology" | "stop" | "control";
export type DossierQueue = "mine" | "due_today" | "due_soon" | "overdue" | "open" | "closed" | "all";
export const DOSSIER_QUEUES: readonly DossierQueue[] = [
  "mine",
  "due_today",
  "due_soon",
  "overdue",
  "open",
  "closed",
  "all",
];
export type DossierSort = "due" | "-due" | "received" | "-received" | "code" | "-code";

export interface Applicant {
  kind: "person" | "organisation";
  name: string;
  idNumber: string | null;
  birthDate: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
}

export interface ChecklistItem {
  name: string;
  form: DocumentForm;
  count: number;
  provided: boolean;
}

export interface DossierEvent {
  seq: number;
  at: string;
  actor: string;
  command: string;
  commandLabel: LocalizedText;
  fromState: DossierState | null;
  toState: DossierState;
  stepIndex: number | null;
  stepName: string | null;
  dueAt: string | null;
  stepDueAt: string | null;
  stepResult: Timeliness | null;
  note: string | null;
  /** The documents a supplement request asked for. */
  items: string[] | null;
}

export interface Dossier {
  id: string;
  code: string | null;
  nationalCode: string | null;
  ruleSet: string;
  version: number;
  state: DossierState;
  stateLabel: LocalizedText;
  unit: { id: string; code: string; name: string };
  handlingUnit: { id: string; code: string; name: string };
  transferAgency: { id: string; name: string } | null;
  procedure: { code: string; name: string; version: number; onTheSpot: boolean };
  channel: DossierChannel;
  serviceMode: ServiceMode;
  applicant: Applicant;
  masked: boolean;
  subject: string | null;
  documents: ChecklistItem[];
  sets: number;
  fees: { name: string; amountVnd: number | null }[];
  resultDelivery: ResultDelivery;
  postalAddress: string | null;
  steps: { name: string; hours: number; role: string | null }[];
  stepIndex: number | null;
  decision: "approved" | "rejected" | null;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  promisedAt: string | null;
  stepDueAt: string | null;
  pausedAt: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  returnMethod: ReturnMethod | null;
  timeliness: Timeliness | null;
  supplementCount: number;
  apologyCount: number;
  events: DossierEvent[];
  commands: DossierCommand[];
  transferTargets: { id: string; name: string; unitName: string }[];
  forms: DossierForm[];
  lookupUrl: string | null;
}

export interface DossierRow {
  id: string;
  code: string | null;
  state: DossierState;
  stateLabel: LocalizedText;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  unitName: string;
  channel: DossierChannel;
  receivedAt: string | null;
  dueAt: string | null;
  stepName: string | null;
  stepDueAt: string | null;
  bucket: DueBucket;
  timeliness: Timeliness | null;
  version: number;
}

export interface DossierList extends Page<DossierRow> {
  counts: { open: number; due_today: number; due_soon: number; overdue: number; mine: number };
}

export interface ApplicantInput {
  kind: "person" | "organisation";
  name: string;
  idNumber?: string;
  birthDate?: string;
  address?: string;
  phone?: string;
  email?: string;
}

interface ReceptionFields {
  unitId: string;
  handlingUnitId?: string;
  procedureCode: string;
  serviceMode?: ServiceMode;
  applicant: ApplicantInput;
  subject?: string;
  documents?: ChecklistItem[];
  sets?: number;
  resultDelivery?: ResultDelivery;
  postalAddress?: string;
  note?: string;
}

/** POST /api/dossiers: reception at the desk. */
export interface ReceiveBody extends ReceptionFields {
  channel: DeskChannel;
  onTheSpot?: { decision: "approved" | "rejected"; reason?: string };
}

/** POST /api/portal/dossiers: a citizen files online. */
export interface OnlineBody extends ReceptionFields {
  channel: "online_full" | "online_partial";
  draft?: boolean;
}

export interface CommandBody {
  command: DossierCommand;
  expectedVersion: number;
  reason?: string;
  note?: string;
  items?: string[];
  agencyId?: string;
  newDueAt?: string;
  method?: ReturnMethod;
}

export interface DossierLookup {
  code: string;
  state: DossierState;
  stateLabel: LocalizedText;
  nationalStatus: number;
  procedureName: string;
  unitName: string;
  applicantName: string;
  receivedAt: string | null;
  dueAt: string | null;
  promisedAt: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  timeliness: Timeliness | null;
  timeline: { at: string; state: DossierState; stateLabel: LocalizedText; stepName: string | null }[];
}

// ---------------------------------------------------------------------------------------------
// Documents: files of dossiers, the citizen's document store, signed electronic results.

/** submitted: filed with the dossier; digitized: a scan of a paper made by staff; result: signed result. */
export type DocumentKind = "submitted" | "digitized" | "result";
export type UploadKind = "submitted" | "digitized";
export const UPLOAD_KINDS: readonly UploadKind[] = ["submitted", "digitized"];

export interface Certificate {
  subject: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
}

export interface DocumentSignature {
  signer: Certificate;
  signedAt: string;
  reason: string;
  location: string;
  subFilter: string;
  digestAlgorithm: string;
}

export interface DossierDocument {
  id: string;
  dossierId: string | null;
  kind: DocumentKind;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  signed: boolean;
  signature: DocumentSignature | null;
  reusedFrom: string | null;
  uploadedBy: string | null;
  createdAt: string;
  /** GET it to download (the session cookie authenticates it). */
  contentUrl: string;
}

/** A document of the citizen's store, with the dossier it came from. */
export interface StoreDocument extends DossierDocument {
  dossierCode: string | null;
  procedureName: string | null;
}

/** A problem found by a signature check, with its stable code. */
export interface CheckProblem {
  code: string;
  vi: string;
  en: string;
}

/** GET /api/public/dossiers/:code/results: no personal data. */
export interface PublicResults {
  code: string;
  items: {
    name: string;
    version: number;
    issuedAt: string;
    sha256: string;
    size: number;
    signed: boolean;
    signer: string | null;
    signerFingerprintSha256: string | null;
    signedAt: string | null;
    valid: boolean;
    problem: CheckProblem | null;
  }[];
}

/** POST /api/public/verify. */
export interface VerifyResult {
  signed: boolean;
  valid: boolean;
  sha256: string;
  size: number;
  signer: Certificate | null;
  signedAt: string | null;
  reason: string | null;
  location: string | null;
  subFilter: string | null;
  digestAlgorithm: string | null;
  coversWholeDocument: boolean;
  signatures: number;
  problem: CheckProblem | null;
  /** The file is, byte for byte, a result motcua issued. */
  issuedByMotcua: boolean;
  dossierCode: string | null;
  issuedAt: string | null;
}
