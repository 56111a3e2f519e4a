// E-form API contracts. The stored form (JSON Schema + UI layout) is checked structurally here,
// keyword by keyword, so a builder request outside the supported subset is a field-level 400;
// eform.service.ts then checks what spans fields (count, order, options, the kind of each field).
import { z } from "zod";
import { msg } from "../../shared/messages.ts";
import { procedureCode } from "../catalog/catalog.schemas.ts";
import {
  FIELD_KINDS,
  ID_NUMBER_PATTERN,
  KEY_PATTERN,
  PHONE_PATTERN,
  PREFILL_SOURCES,
} from "./eform.model.ts";

/** Most fields a form may have, longest text a field may hold, largest form data (bytes). */
export const MAX_FIELDS = 100;
export const MAX_TEXT_LENGTH = 10_000;
export const MAX_FORM_DATA_BYTES = 65_536;

const key = z.string().regex(KEY_PATTERN);
const label = z.strictObject({
  vi: z.string().trim().min(1).max(300),
  en: z.string().trim().min(1).max(300),
});
const help = z.strictObject({ vi: z.string().trim().max(1000), en: z.string().trim().max(1000) });
const length = z.number().int().min(0).max(MAX_TEXT_LENGTH);

export const propertySchema = z.strictObject({
  type: z.enum(["string", "number", "boolean"]),
  title: z.string().min(1).max(300),
  description: z.string().max(1000).optional(),
  format: z.enum(["date", "email"]).optional(),
  pattern: z.enum([PHONE_PATTERN, ID_NUMBER_PATTERN]).optional(),
  minLength: length.optional(),
  maxLength: length.min(1).optional(),
  minimum: z.number().min(-1e15).max(1e15).optional(),
  maximum: z.number().min(-1e15).max(1e15).optional(),
  enum: z.array(z.string().min(1).max(100)).min(1).max(200).optional(),
  const: z.literal(true).optional(),
});

export const eformSchemaSchema = z.strictObject({
  $schema: z.literal("https://json-schema.org/draft/2020-12/schema").optional(),
  type: z.literal("object"),
  title: z.string().max(300).optional(),
  required: z.array(key).max(2 * MAX_FIELDS),
  properties: z.record(key, propertySchema),
  additionalProperties: z.literal(false),
});

export const optionSchema = z.strictObject({ value: z.string().trim().min(1).max(100), label });

export const uiFieldSchema = z.strictObject({
  kind: z.enum(FIELD_KINDS),
  label,
  help: help.nullish(),
  options: z.array(optionSchema).max(200).optional(),
  prefill: z.enum(PREFILL_SOURCES).nullish(),
  width: z.enum(["full", "half"]),
});

export const eformUiSchema = z.strictObject({
  order: z.array(key).max(2 * MAX_FIELDS),
  fields: z.record(key, uiFieldSchema),
});

/** Form data as a client sends it: flat values only; the form's schema checks the rest. */
export const formDataSchema = z
  .record(key, z.union([z.string().max(MAX_TEXT_LENGTH), z.number(), z.boolean(), z.null()]))
  .refine((d) => Object.keys(d).length <= 2 * MAX_FIELDS, { error: "too many fields" })
  .refine((d) => Buffer.byteLength(JSON.stringify(d)) <= MAX_FORM_DATA_BYTES, {
    error: `at most ${MAX_FORM_DATA_BYTES / 1024} KB`,
  });

// ---------------------------------------------------------------------------------------------
// Requests

export const unitParams = z.object({ unitId: z.uuid() });
export const unitProcedureParams = z.object({ unitId: z.uuid(), procedureCode });
export const publicParams = z.object({ code: procedureCode });
export const unitQuery = z.object({ unitId: z.uuid() });
export const prefillQuery = z.object({ procedureCode, unitId: z.uuid() });

export const saveEformBody = z.object({
  procedureCode,
  title: z
    .string()
    .trim()
    .min(1, { error: msg("name_required") })
    .max(300),
  schema: eformSchemaSchema,
  ui: eformUiSchema,
});
export type SaveEformInput = z.output<typeof saveEformBody>;

// ---------------------------------------------------------------------------------------------
// Responses

export const eformOut = z.object({
  id: z.uuid(),
  procedureCode: z.string(),
  procedureVersionId: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  revision: z.number(),
  title: z.string(),
  schema: eformSchemaSchema,
  ui: eformUiSchema,
  createdAt: z.string(),
});
export type EformOut = z.output<typeof eformOut>;

export const eformResultOut = z.object({ eform: eformOut.nullable() });
export const eformCreatedOut = z.object({ eform: eformOut });

export const prefillOut = z.object({
  eform: eformOut.nullable(),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  sources: z.record(z.string(), z.enum(["profile", "applicant", "previous"])),
});

export const unitEformsOut = z.object({
  items: z.array(
    z.object({
      procedureCode: z.string(),
      procedureName: z.string(),
      procedureVersionId: z.uuid(),
      eform: z
        .object({
          id: z.uuid(),
          revision: z.number(),
          title: z.string(),
          unitId: z.uuid(),
          unitName: z.string(),
          createdAt: z.string(),
        })
        .nullable(),
      inherited: z.boolean(),
    }),
  ),
});

export const unitEformOut = z.object({
  eform: eformOut.nullable(),
  inherited: z.boolean(),
  revisions: z.array(
    z.object({
      id: z.uuid(),
      revision: z.number(),
      title: z.string(),
      createdAt: z.string(),
      createdBy: z.string().nullable(),
    }),
  ),
});
