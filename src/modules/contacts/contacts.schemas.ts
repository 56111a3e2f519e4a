// Contracts of a unit's contact channels (issue #8 item 6): hotline, e-mail, Zalo, Facebook and
// an address, shown on the portal and printed on the official forms. A unit without its own
// row shows its nearest ancestor's.
import { z } from "zod";
import { msg } from "../../shared/messages.ts";

/** Blank → null, so a cleared field in the editor stores nothing. */
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

const HOTLINE = /^[0-9 .+()-]{3,20}$/;
const FACEBOOK = /^https:\/\/((www\.|m\.)?facebook\.com|(www\.)?fb\.com)\/[^\s]+$/i;
const ZALO_LINK = /^https:\/\/zalo\.me\/[^\s]+$/i;
/** A phone number as people write it: 9–12 digits once spaces, dots and dashes are gone, optional +. */
const isPhone = (v: string) => /^\+?[0-9]{9,12}$/.test(v.replace(/[ .-]/g, ""));

export const hotline = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .refine((v) => HOTLINE.test(v) && (v.match(/[0-9]/g)?.length ?? 0) >= 3, {
      error: msg("contacts.hotline"),
    })
    .nullish()
    .transform((v) => v ?? null),
);
export const email = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .max(254)
    .pipe(z.email({ error: msg("email_format") }))
    .nullish()
    .transform((v) => v ?? null),
);
export const zalo = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .max(300)
    .refine((v) => ZALO_LINK.test(v) || isPhone(v), { error: msg("contacts.zalo") })
    .nullish()
    .transform((v) => v ?? null),
);
export const facebook = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .max(300)
    .refine((v) => FACEBOOK.test(v), { error: msg("contacts.facebook") })
    .nullish()
    .transform((v) => v ?? null),
);
const address = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .max(500)
    .nullish()
    .transform((v) => v ?? null),
);

export const contactsBody = z
  .object({ hotline, email, zalo, facebook, address })
  .strict()
  .describe("All fields blank: the unit's own row is removed and it shows its parent's channels again");
export type ContactsInput = z.output<typeof contactsBody>;

export const contactsOut = z.object({
  hotline: z.string().nullable(),
  email: z.string().nullable(),
  zalo: z.string().nullable(),
  facebook: z.string().nullable(),
  address: z.string().nullable(),
});
export type Contacts = z.output<typeof contactsOut>;

const unitRef = z.object({ id: z.uuid(), code: z.string(), name: z.string() });

export const unitContactsOut = z.object({
  unit: unitRef,
  /** The unit's own row; null when it inherits. */
  own: contactsOut.nullable(),
  /** What the portal and the forms show: its own, else the nearest ancestor's. */
  effective: contactsOut.nullable(),
  /** Whose channels `effective` are (the unit itself or an ancestor). */
  source: unitRef.nullable(),
  updatedAt: z.string().nullable(),
  canEdit: z.boolean(),
});
export type UnitContactsOut = z.output<typeof unitContactsOut>;

export const publicContactsOut = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  contacts: contactsOut.nullable(),
  source: z.object({ code: z.string(), name: z.string() }).nullable(),
});

export const unitIdParams = z.object({ id: z.uuid() });
export const unitCodeParams = z.object({
  id: z.string().trim().min(1).max(100).describe("The unit's code (e.g. 46.19753)"),
});
