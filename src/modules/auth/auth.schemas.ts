import { z } from "zod";
import { ROLES } from "../../db/schema.ts";
import { msg } from "../../shared/messages.ts";
import { isCommonPassword, PASSWORD_RULE } from "./password.ts";

/** A password being set: the policy, then the blocklist of common passwords. */
export const newPassword = z
  .string()
  .regex(PASSWORD_RULE, { error: msg("password_policy") })
  .refine((p) => !isCommonPassword(p), { error: msg("password_common") });

export const loginBody = z
  .object({
    username: z.string().trim().min(1).max(200),
    password: z.string().min(1).max(200),
  })
  .strict();

export const registerBody = z
  .object({
    fullName: z.string().trim().min(2).max(200),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .email({ error: msg("email_format") })
      .max(200)
      .optional(),
    phone: z
      .string()
      .trim()
      .regex(/^0\d{9}$/, { error: msg("phone_format") })
      .optional(),
    password: newPassword,
  })
  .strict()
  .refine((b) => b.email || b.phone, { error: msg("contact_required"), path: ["email"] });

export const meResponse = z.object({
  user: z.object({
    id: z.string().uuid(),
    kind: z.enum(["staff", "citizen"]),
    username: z.string().nullable(),
    fullName: z.string(),
    email: z.string().nullable(),
  }),
  roles: z.array(
    z.object({
      id: z.string().uuid(),
      role: z.enum(ROLES),
      unitId: z.string().uuid(),
      unitCode: z.string(),
      unitName: z.string(),
      subtree: z.boolean(),
    }),
  ),
  abilities: z.object({
    canReadAudit: z.boolean(),
    canRestructureOrg: z.boolean(),
    canPublishCatalog: z.boolean(),
    canReadDossiers: z.boolean(),
    canReceiveDossiers: z.boolean(),
  }),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meResponse>;
