import { z } from "zod";
import { ROLES } from "../../db/schema.ts";
import { msg } from "../../shared/messages.ts";
import { isCommonPassword, PASSWORD_RULE } from "./password.ts";

/** A password being set: the policy, then the blocklist of common passwords. */
export const newPassword = z
  .string()
  .regex(PASSWORD_RULE, { error: msg("password_policy") })
  .refine((p) => !isCommonPassword(p), { error: msg("password_common") });

/** A Vietnamese phone number as typed into a form: 10 digits starting with 0. */
const phone = z
  .string()
  .trim()
  .regex(/^0\d{9}$/, { error: msg("phone_format") });

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
    phone: phone.optional(),
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
    phone: z.string().nullable(),
    /** False for an account that signs in only with the e-ID: nothing to change or confirm with. */
    hasPassword: z.boolean(),
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

/** The language of the mail an account command sends (default Vietnamese). */
const mailLocale = z.enum(["vi", "en"]).optional();
/** A single-use link's token: 32 random bytes in base64url. */
const token = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: msg("token_format") });

export const changePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword, locale: mailLocale })
  .strict();

/** One's own new e-mail or phone (one of them), confirmed through a link sent to it. */
export const contactChangeBody = z
  .object({
    currentPassword: z.string().min(1).max(200),
    email: registerBody.shape.email,
    phone: phone.optional(),
    locale: mailLocale,
  })
  .strict()
  .refine((b) => (b.email === undefined) !== (b.phone === undefined), {
    error: msg("contact_one"),
    path: ["email"],
  });
export const contactChangeResponse = z.object({
  kind: z.enum(["email", "phone"]),
  sentTo: z.string().describe("The new e-mail or phone, masked"),
  expiresAt: z.string(),
});
export const contactTokenInfo = z.object({
  kind: z.enum(["email", "phone"]),
  newContact: z.string().describe("Masked"),
  fullName: z.string(),
  expiresAt: z.string(),
});
export const contactConfirmResponse = z.object({
  kind: z.enum(["email", "phone"]),
  contact: z.string().describe("The account's new e-mail or phone, masked"),
});

export const resetRequestBody = z
  .object({ login: z.string().trim().min(1).max(200), locale: mailLocale })
  .strict();
export const resetRequestResponse = z.object({ accepted: z.literal(true) });

export const tokenBody = z.object({ token }).strict();
export const tokenInfo = z.object({
  purpose: z.enum(["invite", "reset"]),
  fullName: z.string(),
  username: z.string().nullable(),
  expiresAt: z.string(),
});

export const resetConfirmBody = z.object({ token, newPassword, locale: mailLocale }).strict();
export const contactConfirmBody = z.object({ token, locale: mailLocale }).strict();

export const newStaffBody = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, { error: msg("username_format") }),
    fullName: z.string().trim().min(2).max(200),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .email({ error: msg("email_format") })
      .max(200),
    phone: phone.nullish(),
    role: z.enum(ROLES),
    locale: mailLocale,
  })
  .strict();
/** An administrator's correction of an official's name or contact: at least one field. */
export const editStaffBody = z
  .object({
    fullName: newStaffBody.shape.fullName.optional(),
    email: newStaffBody.shape.email.optional(),
    phone: phone.nullish().describe("null removes the phone"),
    locale: mailLocale,
  })
  .strict()
  .refine((b) => b.fullName !== undefined || b.email !== undefined || b.phone !== undefined, {
    error: msg("staff.edit_empty"),
    path: ["fullName"],
  });
export const editStaffResponse = z.object({
  userId: z.string().uuid(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  changed: z.array(z.enum(["fullName", "email", "phone"])),
  inviteExpiresAt: z
    .string()
    .nullable()
    .describe("A new invitation went to the new e-mail (the account was not active yet)"),
});
export const newStaffResponse = z.object({
  userId: z.string().uuid(),
  grantId: z.string().uuid(),
  username: z.string(),
  inviteExpiresAt: z.string(),
});
/** The invitation sent again: its language in the query (the POST has no body). */
export const invitationQuery = z.object({ locale: mailLocale }).strict();

export const sessionsOut = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      createdAt: z.string(),
      expiresAt: z.string(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      /** The session of the browser asking. */
      current: z.boolean(),
    }),
  ),
});
/** A session's id: the SHA-256 (hex) of its cookie token, never the token. */
export const sessionParams = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) });
