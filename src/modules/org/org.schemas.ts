import { z } from "zod";
import { msg } from "../../shared/messages.ts";

export const LEVELS = ["province", "district", "commune"] as const;
export const isoDate = z.iso.date({ error: msg("date_format") });
const unitCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{1,39}$/, { error: msg("unit.code_format") });
const name = z
  .string()
  .trim()
  .min(1, { error: msg("name_required") })
  .max(250);

export const unitIdParams = z.object({ id: z.string().uuid() });

export const unitSchema = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  level: z.enum(LEVELS),
  parentId: z.string().uuid().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  successorId: z.string().uuid().nullable(),
});

export const listUnitsQuery = z
  .object({
    at: isoDate.optional(),
    history: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
  })
  .strict();

export const agencySchema = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(["internal", "vertical"]),
});

export const unitDetailSchema = z.object({
  unit: unitSchema.extend({ successorName: z.string().nullable() }),
  names: z.array(z.object({ name: z.string(), validFrom: z.string(), decisionRef: z.string().nullable() })),
  agencies: z.array(agencySchema),
  abilities: z.object({ canEdit: z.boolean(), canManageAgencies: z.boolean(), canRestructure: z.boolean() }),
});
export type UnitDetail = z.infer<typeof unitDetailSchema>;

export const createUnitBody = z
  .object({
    code: unitCode,
    name,
    level: z.enum(LEVELS),
    parentId: z.string().uuid().nullable(),
    validFrom: isoDate,
  })
  .strict();

export const renameBody = z
  .object({ name, validFrom: isoDate, decisionRef: z.string().trim().max(120).optional() })
  .strict();

export const abolishBody = z
  .object({ effectiveDate: isoDate, successorId: z.string().uuid().optional() })
  .strict();

export const createAgencyBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{1,39}$/, { error: msg("agency.code_format") }),
    name,
    kind: z.enum(["internal", "vertical"]),
  })
  .strict();

export const staffSchema = z.object({
  grantId: z.string().uuid(),
  userId: z.string().uuid(),
  username: z.string().nullable(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.string(),
  /** The account is disabled: no sign-in, no session. */
  disabled: z.boolean(),
  /** A password (or the e-ID) is set: false while the invitation is pending. */
  activated: z.boolean(),
});
