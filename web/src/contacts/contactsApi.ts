// Client of the units' contact channels (/api/v1/units/:id/contacts, /api/public/units/:code/contacts).
// The types are the server's own (type-only imports: nothing of the server is bundled).
import type { z } from "zod";
import type {
  ContactsInput,
  publicContactsOut,
  unitContactsOut,
} from "../../../src/modules/contacts/contacts.schemas.ts";
import { http } from "../api/client";

export type UnitContacts = z.output<typeof unitContactsOut>;
export type PublicContacts = z.output<typeof publicContactsOut>;
export type ContactsBody = { [K in keyof ContactsInput]: string | null };

const u = encodeURIComponent;

export const contactsApi = {
  publicContacts: (unitCode: string, signal?: AbortSignal) =>
    http.get<PublicContacts>(`/api/public/units/${u(unitCode)}/contacts`, signal),
  get: (unitId: string, signal?: AbortSignal) =>
    http.get<UnitContacts>(`/api/v1/units/${u(unitId)}/contacts`, signal),
  save: (unitId: string, body: ContactsBody) =>
    http.put<UnitContacts>(`/api/v1/units/${u(unitId)}/contacts`, body),
};
