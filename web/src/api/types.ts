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
  };
  roles: RoleAssignment[];
  abilities: { canReadAudit: boolean; canRestructureOrg: boolean; canPublishCatalog: boolean };
  csrfToken: string;
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
}
