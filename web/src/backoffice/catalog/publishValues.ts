// The "publish a decision" form's values, their conversion to the API body (indexes are kept, so
// the server's field errors such as "changes.0.record.documents.2.name" land on the right field),
// and the conversion of a published record back into form values (for amendments).
import type {
  CatalogLevel,
  ChangeKind,
  DeadlineKind,
  DecisionChange,
  DocumentForm,
  OnlineLevel,
  ProcedureRecord,
  PublishDecisionBody,
} from "../../api/types";

export type TriState = "yes" | "no" | "unknown";

export interface RecordValues {
  code?: string;
  name?: string;
  sector?: string;
  levels?: CatalogLevel[];
  executingAgency?: string;
  channels?: { inPerson?: boolean; online?: OnlineLevel; postal?: boolean };
  deadline?: { kind?: DeadlineKind; value?: number | null; note?: string };
  fees?: { name?: string; amountVnd?: number | null; note?: string }[];
  documents?: {
    name?: string;
    form?: DocumentForm;
    count?: number | null;
    template?: string;
    obtainableFrom?: string;
  }[];
  resultType?: string;
  legalBasis?: (string | undefined)[];
  onTheSpot?: boolean;
  locationIndependent?: TriState;
  source?: string;
  notes?: string;
}

export interface ChangeValues {
  change: ChangeKind;
  /** The procedure to abolish. */
  code?: string;
  /** The record to add, or the amended record (its code names the procedure). */
  record?: RecordValues;
}

export interface PublishValues {
  decision: {
    number?: string;
    title?: string;
    signedOn?: string;
    effectiveFrom?: string;
    issuerUnitId?: string;
  };
  changes: ChangeValues[];
}

export function emptyRecord(): RecordValues {
  return {
    levels: [],
    channels: { inPerson: true, online: "none", postal: false },
    deadline: { kind: "working_days", value: null },
    fees: [],
    documents: [],
    legalBasis: [],
    onTheSpot: false,
    locationIndependent: "unknown",
  };
}

export function emptyChange(change: ChangeKind = "added"): ChangeValues {
  return { change, record: emptyRecord() };
}

const text = (value: string | undefined) => value?.trim() ?? "";
const optional = (value: string | undefined) => value?.trim() || null;

export function toRecordValues(record: ProcedureRecord): RecordValues {
  return {
    code: record.code,
    name: record.name,
    sector: record.sector,
    levels: [...record.levels],
    executingAgency: record.executingAgency ?? undefined,
    channels: { ...record.channels },
    deadline: {
      kind: record.deadline.kind,
      value: record.deadline.value,
      note: record.deadline.note ?? undefined,
    },
    fees: record.fees.map((fee) => ({
      name: fee.name,
      amountVnd: fee.amountVnd,
      note: fee.note ?? undefined,
    })),
    documents: record.documents.map((document) => ({
      name: document.name,
      form: document.form,
      count: document.count,
      template: document.template ?? undefined,
      obtainableFrom: document.obtainableFrom ?? undefined,
    })),
    resultType: record.resultType ?? undefined,
    legalBasis: [...record.legalBasis],
    onTheSpot: record.onTheSpot,
    locationIndependent:
      record.locationIndependent === null ? "unknown" : record.locationIndependent ? "yes" : "no",
    source: record.source ?? undefined,
    notes: record.notes ?? undefined,
  };
}

export function toRecord(values: RecordValues = {}): ProcedureRecord {
  const kind = values.deadline?.kind ?? "working_days";
  return {
    code: text(values.code),
    name: text(values.name),
    sector: text(values.sector),
    levels: values.levels ?? [],
    executingAgency: optional(values.executingAgency),
    channels: {
      inPerson: values.channels?.inPerson ?? true,
      online: values.channels?.online ?? "none",
      postal: values.channels?.postal ?? false,
    },
    deadline: {
      kind,
      value: kind === "same_day" ? null : (values.deadline?.value ?? null),
      note: optional(values.deadline?.note),
    },
    fees: (values.fees ?? []).map((fee) => ({
      name: text(fee?.name),
      amountVnd: fee?.amountVnd ?? null,
      note: optional(fee?.note),
    })),
    documents: (values.documents ?? []).map((document) => ({
      name: text(document?.name),
      form: document?.form ?? "original",
      count: document?.count ?? 1,
      template: optional(document?.template),
      obtainableFrom: optional(document?.obtainableFrom),
    })),
    resultType: optional(values.resultType),
    legalBasis: (values.legalBasis ?? []).map((item) => text(item)),
    onTheSpot: values.onTheSpot ?? false,
    locationIndependent:
      values.locationIndependent === "yes" ? true : values.locationIndependent === "no" ? false : null,
    source: optional(values.source),
    notes: optional(values.notes),
  };
}

export function toBody(values: PublishValues): PublishDecisionBody {
  const title = values.decision.title?.trim();
  return {
    decision: {
      number: text(values.decision.number),
      ...(title ? { title } : {}),
      signedOn: values.decision.signedOn ?? "",
      effectiveFrom: values.decision.effectiveFrom ?? "",
      issuerUnitId: values.decision.issuerUnitId ?? "",
    },
    changes: values.changes.map(
      (change): DecisionChange =>
        change.change === "abolished"
          ? { change: "abolished", code: text(change.code) }
          : { change: change.change, record: toRecord(change.record) },
    ),
  };
}

/** The codes a published decision touched, in form order (for links to their pages). */
export function changedCodes(values: PublishValues): { code: string; change: ChangeKind }[] {
  return values.changes.map((change) => ({
    code: text(change.change === "abolished" ? change.code : change.record?.code),
    change: change.change,
  }));
}

const RECORD_FIELD =
  /^(code|name|sector|levels|executingAgency|resultType|onTheSpot|locationIndependent|source|notes|channels\.(inPerson|online|postal)|deadline\.(kind|value|note)|fees\.\d+\.(name|amountVnd|note)|documents\.\d+\.(name|form|count|template|obtainableFrom)|legalBasis\.\d+)$/;
const DECISION_FIELD = /^decision\.(number|title|signedOn|effectiveFrom|issuerUnitId)$/;

/** Server field problems that have a field in the form (the rest are listed in the alert). */
export function isFormField(field: string): boolean {
  if (DECISION_FIELD.test(field)) return true;
  const change = /^changes\.\d+\.(.+)$/.exec(field)?.[1];
  if (!change) return false;
  if (change === "change" || change === "code") return true;
  const record = /^record\.(.+)$/.exec(change)?.[1];
  return record !== undefined && RECORD_FIELD.test(record);
}
