// E-form use cases: the public form of a procedure at a unit, prefill for a signed-in citizen
// (once-only), the builder (unit administrators save insert-only revisions), and the check of a
// dossier's form data that reception and online filing call. Every method authorizes first.
import { isDeepStrictEqual } from "node:util";
import type { Ctx } from "../../plugins/context.ts";
import { Errors, type FieldError, fieldError, type Message } from "../../shared/errors.ts";
import { type Ability, can } from "../auth/auth.policy.ts";
import { unitPath } from "../org/org.repository.ts";
import {
  compactFormData,
  type EformSchema,
  type EformUi,
  type FormData,
  fieldsToForm,
  formToFields,
  KEY_PATTERN,
  type PrefillSource,
} from "./eform.model.ts";
import * as repo from "./eform.repository.ts";
import { type EformOut, MAX_FIELDS, type SaveEformInput } from "./eform.schemas.ts";
import { schemaProblem, validateFormData } from "./eform.validate.ts";

const UNIT = { vi: "Đơn vị", en: "Unit" };
const PROCEDURE = { vi: "Thủ tục", en: "Procedure" };
/**
 * Building a form decides what applicants must declare for a procedure in the unit's subtree:
 * the unit administrators' ability over how procedures run in their units.
 */
export const BUILD_ABILITY: Ability = "process.manage";

export function presentEform(r: repo.EformRow): EformOut {
  return {
    id: r.id,
    procedureCode: r.procedure_code,
    procedureVersionId: r.procedure_version_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    revision: r.revision,
    title: r.title,
    // Stored only through fieldsToForm, so within the subset the output schema describes.
    schema: r.schema as EformOut["schema"],
    ui: r.ui,
    createdAt: r.created_at,
  };
}

/**
 * The builder's check: a unit administrator of the unit or of a unit above it (their forms are
 * inherited below), or a system administrator. 404 when the actor may not see the unit.
 */
async function authorizeBuilder(ctx: Ctx, unitId: string): Promise<string[]> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const path = await unitPath(ctx.tx, unitId);
  const covers = (a: Ability) => path.some((_, i) => can(ctx.actor, a, path.slice(0, i + 1)));
  if (!covers("org.read")) throw Errors.notFound(UNIT);
  if (!covers(BUILD_ABILITY)) throw Errors.forbidden();
  ctx.audit.unitId = unitId;
  return path;
}

async function resolveInForce(ctx: Ctx, code: string, unitId: string) {
  const r = await repo.resolveForm(ctx.tx, code, unitId);
  if (!r.version || r.version.abolished) throw Errors.notFound(PROCEDURE);
  return { version: r.version, eform: r.eform };
}

// ---------------------------------------------------------------------------------------------
// Public and portal

export async function publicEform(ctx: Ctx, code: string, unitId: string) {
  const { eform } = await resolveInForce(ctx, code, unitId);
  return { eform: eform ? presentEform(eform) : null };
}

type Source = "profile" | "applicant" | "previous";

/** The form with what is already known about the citizen filled in (once-only principle). */
export async function prefill(ctx: Ctx, code: string, unitId: string) {
  if (!ctx.actor) throw Errors.unauthenticated();
  if (ctx.actor.kind !== "citizen") throw Errors.forbidden();
  const { eform } = await resolveInForce(ctx, code, unitId);
  const values: FormData = {};
  const sources: Record<string, Source> = {};
  if (!eform) return { eform: null, values, sources };
  const profile = await repo.citizenProfile(ctx.tx, ctx.actor.userId);
  const known: Record<Exclude<PrefillSource, "previous">, string | null | undefined> = {
    "profile.fullName": profile?.full_name,
    "profile.email": profile?.email,
    "profile.phone": profile?.phone,
    "applicant.idNumber": profile?.applicant?.idNumber,
    "applicant.birthDate": profile?.applicant?.birthDate,
    "applicant.address": profile?.applicant?.address,
  };
  const previousKeys: string[] = [];
  for (const key of eform.ui.order) {
    const source = eform.ui.fields[key]?.prefill;
    if (!source) continue;
    if (source === "previous") {
      previousKeys.push(key);
      continue;
    }
    const value = known[source];
    if (value && eform.schema.properties[key]?.type === "string") {
      values[key] = value;
      sources[key] = source.startsWith("profile.") ? "profile" : "applicant";
    }
  }
  const previous = await repo.previousValues(ctx.tx, ctx.actor.userId, previousKeys);
  for (const [key, value] of previous) {
    // Only a value of the field's type: an earlier form may have used the key differently.
    if (typeof value === eform.schema.properties[key]?.type && value !== "") {
      values[key] = value as string | number | boolean;
      sources[key] = "previous";
    }
  }
  return { eform: presentEform(eform), values, sources };
}

// ---------------------------------------------------------------------------------------------
// Builder

export async function listUnitEforms(ctx: Ctx, unitId: string) {
  await authorizeBuilder(ctx, unitId);
  const rows = await repo.formsOfUnit(ctx.tx, unitId);
  return {
    items: rows.map((r) => ({
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      procedureVersionId: r.version_id,
      eform: r.eform_id
        ? {
            id: r.eform_id,
            revision: Number(r.revision),
            title: r.title!,
            unitId: r.eform_unit_id!,
            unitName: r.unit_name!,
            createdAt: new Date(r.created_at!).toISOString(),
          }
        : null,
      inherited: !!r.eform_unit_id && r.eform_unit_id !== unitId,
    })),
  };
}

export async function getUnitEform(ctx: Ctx, unitId: string, code: string) {
  await authorizeBuilder(ctx, unitId);
  const { version, eform } = await resolveInForce(ctx, code, unitId);
  return {
    eform: eform ? presentEform(eform) : null,
    inherited: !!eform && eform.unit_id !== unitId,
    revisions: await repo.ownRevisions(ctx.tx, version.id, unitId),
  };
}

/** Saves the next revision of the unit's form for the procedure version in force. */
export async function saveEform(ctx: Ctx, unitId: string, input: SaveEformInput) {
  await authorizeBuilder(ctx, unitId);
  const { version } = await resolveInForce(ctx, input.procedureCode, unitId);
  const errors = formProblems(input.schema as EformSchema, input.ui as EformUi);
  if (errors.length) throw Errors.invalid(errors);
  // Stored exactly as the model produces it from the fields, with the body's title.
  const form = fieldsToForm(input.title, formToFields(input.schema as EformSchema, input.ui as EformUi));
  const revision = await repo.nextRevision(ctx.tx, version.id, unitId);
  const id = await repo.insertEform(ctx.tx, {
    procedureVersionId: version.id,
    unitId,
    revision,
    title: input.title,
    schema: form.schema,
    ui: form.ui,
    createdBy: ctx.actor!.userId,
  });
  ctx.audit.target = id;
  ctx.audit.details = { procedure: input.procedureCode, revision, fields: form.ui.order.length };
  return { eform: presentEform((await repo.findEform(ctx.tx, id))!) };
}

const problem = (field: string, code: string, vi: string, en: string): FieldError =>
  fieldError(field, code, { vi, en });

/**
 * What the structural check (zod) cannot see: the fields as a whole. Each problem names the
 * part of the body at fault. Empty when the form is one `fieldsToForm` could have produced.
 */
export function formProblems(schema: EformSchema, ui: EformUi): FieldError[] {
  const errors: FieldError[] = [];
  const keys = Object.keys(schema.properties);
  if (keys.length === 0 || keys.length > MAX_FIELDS)
    errors.push(
      problem(
        "schema.properties",
        "eform.field_count",
        `Tờ khai cần từ 1 đến ${MAX_FIELDS} trường.`,
        `A form needs 1 to ${MAX_FIELDS} fields.`,
      ),
    );
  const seen = new Set<string>();
  ui.order.forEach((key, i) => {
    if (seen.has(key))
      errors.push(
        problem(
          `ui.order.${i}`,
          "eform.duplicate_key",
          `Mã trường "${key}" bị lặp.`,
          `Key "${key}" is repeated.`,
        ),
      );
    seen.add(key);
  });
  for (const key of [...keys, ...ui.order, ...Object.keys(ui.fields)])
    if (!KEY_PATTERN.test(key))
      errors.push(
        problem(
          "ui.order",
          "eform.key_pattern",
          `Mã trường "${key}" phải bắt đầu bằng chữ thường, chỉ gồm chữ và số (tối đa 40 ký tự).`,
          `Key "${key}" must start with a lower-case letter and hold letters and digits only (≤ 40).`,
        ),
      );
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((k) => b.includes(k));
  if (!same([...seen], keys))
    errors.push(
      problem(
        "ui.order",
        "eform.order_mismatch",
        "Thứ tự hiển thị phải liệt kê đúng một lần mỗi trường của lược đồ.",
        "The display order must list each field of the schema exactly once.",
      ),
    );
  if (!same(Object.keys(ui.fields), keys))
    errors.push(
      problem(
        "ui.fields",
        "eform.fields_mismatch",
        "Bố cục phải mô tả đúng các trường của lược đồ.",
        "The layout must describe exactly the fields of the schema.",
      ),
    );
  schema.required.forEach((key, i) => {
    if (!schema.properties[key])
      errors.push(
        problem(
          `schema.required.${i}`,
          "eform.unknown_required",
          `Trường bắt buộc "${key}" không có trong lược đồ.`,
          `Required field "${key}" is not in the schema.`,
        ),
      );
  });
  if (errors.length) return errors;
  for (const key of keys) {
    const u = ui.fields[key]!;
    const p = schema.properties[key]!;
    if (u.kind === "select" || u.kind === "radio") {
      const values = (u.options ?? []).map((o) => o.value);
      if (values.length === 0 || new Set(values).size !== values.length) {
        errors.push(
          problem(
            `ui.fields.${key}.options`,
            "eform.options",
            "Trường chọn cần ít nhất một lựa chọn, các giá trị không trùng nhau.",
            "A choice field needs at least one option, with distinct values.",
          ),
        );
        continue;
      }
      if (!isDeepStrictEqual(p.enum, values)) {
        errors.push(
          problem(
            `schema.properties.${key}.enum`,
            "eform.enum_mismatch",
            "Danh sách giá trị phải trùng với các lựa chọn của trường.",
            "The allowed values must be the field's option values.",
          ),
        );
        continue;
      }
    } else if (u.options?.length) {
      errors.push(
        problem(
          `ui.fields.${key}.options`,
          "eform.options_not_allowed",
          "Chỉ trường chọn mới có danh sách lựa chọn.",
          "Only choice fields have options.",
        ),
      );
      continue;
    }
    if (
      (p.minimum ?? -Infinity) > (p.maximum ?? Infinity) ||
      (p.minLength ?? 0) > (p.maxLength ?? Infinity)
    ) {
      errors.push(
        problem(
          `schema.properties.${key}`,
          "eform.bounds",
          "Giới hạn dưới lớn hơn giới hạn trên.",
          "The lower limit is above the upper limit.",
        ),
      );
      continue;
    }
    // The property must be exactly what the model makes of the field (type, format, pattern…).
    const [field] = formToFields(
      { ...schema, properties: { [key]: p } },
      { order: [key], fields: { [key]: u } },
    );
    const expected = fieldsToForm("", [field!]).schema.properties[key];
    if (!isDeepStrictEqual(expected, p))
      errors.push(
        problem(
          `schema.properties.${key}`,
          "eform.kind_mismatch",
          `Thuộc tính của trường "${key}" không khớp với loại trường "${u.kind}".`,
          `The property of field "${key}" does not match its kind "${u.kind}".`,
        ),
      );
  }
  if (errors.length) return errors;
  const compileError = schemaProblem(schema);
  if (compileError)
    errors.push(
      problem(
        "schema",
        "eform.schema_invalid",
        `Lược đồ không hợp lệ: ${compileError}`,
        `The schema is not valid: ${compileError}`,
      ),
    );
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Dossiers

/**
 * How a dossier's form data is checked: `full` when it is submitted online (the form is the
 * application: absent data is checked as empty), `given` at the desk (the paper declaration may
 * stand in; data sent is checked in full), `draft` unchecked beyond its size.
 */
export type FormDataMode = "full" | "given" | "draft";

const NO_FORM: Message = {
  vi: "Thủ tục này không có tờ khai điện tử tại đơn vị; không gửi dữ liệu tờ khai.",
  en: "This procedure has no e-form at this unit; send no form data.",
};

/**
 * The `eform_id` and `form_data` a dossier stores, given the id of the form in force (from
 * reception's own query) and the data sent. Loads the form only when there is data to check.
 */
export async function dossierFormData(
  ctx: Ctx,
  eformId: string | null,
  data: FormData | null | undefined,
  mode: FormDataMode,
  prefix = "",
): Promise<{ eformId: string | null; formData: FormData | null }> {
  const given = data ? compactFormData(data) : null;
  if (!eformId) {
    if (given && Object.keys(given).length > 0)
      throw Errors.invalid([fieldError(`${prefix}formData`, "eform.no_form", NO_FORM)]);
    return { eformId: null, formData: null };
  }
  if (mode === "draft") return { eformId, formData: given };
  if (mode === "given" && !given) return { eformId: null, formData: null };
  const form = await repo.findEform(ctx.tx, eformId);
  const issues = validateFormData(form!.schema, form!.ui, given ?? {});
  if (issues.length)
    throw Errors.invalid(issues.map((i) => fieldError(`${prefix}formData.${i.field}`, i.code, i.message)));
  return { eformId, formData: given ?? {} };
}

/** The id of the form in force for a stored dossier (its version and receiving unit). */
export { formInForceIdSql } from "./eform.repository.ts";
