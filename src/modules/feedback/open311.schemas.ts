// Contracts of the Open311 GeoReport v2 API (http://wiki.open311.org/GeoReport_v2/) as clients
// send them: form-encoded or JSON bodies whose numbers may be strings, extra fields ignored
// (attribute[…], title, extensions), and the array-shaped responses and errors of the standard.
import { z } from "zod";

/** A number sent as a number (JSON) or as text (form-encoded); "" means absent. */
const looseNumber = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === "" || v === null ? undefined : typeof v === "string" ? Number(v.trim()) : v),
    z.number().min(min).max(max).optional(),
  );
const looseText = (max: number) =>
  z.preprocess(
    (v) => (v === null || v === "" ? undefined : typeof v === "number" ? String(v) : v),
    z.string().trim().max(max).optional(),
  );

export const open311PostBody = z
  .object({
    service_code: looseText(40),
    jurisdiction_id: looseText(100).describe("A unit's code: the feedback goes to that unit"),
    api_key: looseText(200),
    lat: looseNumber(-90, 90),
    long: looseNumber(-180, 180),
    address_string: looseText(300),
    address_id: looseText(100),
    email: looseText(254),
    device_id: looseText(200),
    account_id: looseText(100),
    first_name: looseText(100),
    last_name: looseText(100),
    phone: looseText(30),
    description: looseText(5000),
    media_url: looseText(2000),
    // Extensions of ours (not in the standard), optional: what the item is about, and consent.
    procedure_code: looseText(20),
    desk_id: looseText(40),
    consent_publish: looseText(10).describe("true: the sender agrees to publication without personal data"),
  })
  .describe("Unknown fields (attribute[…], title, …) are ignored, as the standard lets servers do");
export type Open311PostBody = z.output<typeof open311PostBody>;

export const open311PostOut = z.array(
  z.object({
    service_request_id: z.string(),
    service_notice: z.string().nullable(),
    account_id: z.null(),
  }),
);

export const open311Error = z.array(z.object({ code: z.number().int(), description: z.string() }));

export const servicesQuery = z.object({ jurisdiction_id: z.string().max(100).optional() });
export const open311Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.literal(false),
  type: z.literal("realtime"),
  keywords: z.string(),
  group: z.string(),
});
export const servicesOut = z.array(open311Service);
export const serviceDefinitionOut = z.object({ service_code: z.string(), attributes: z.array(z.never()) });

export const fileParams = z.object({ file: z.string().max(120) });

export const requestsQuery = z.object({
  jurisdiction_id: z.string().max(100).optional(),
  service_request_id: z.string().max(2000).optional().describe("Codes separated by commas"),
  service_code: z.string().max(400).optional().describe("Service codes separated by commas"),
  start_date: z.string().max(40).optional(),
  end_date: z.string().max(40).optional(),
  status: z.string().max(20).optional().describe("open, closed, or both separated by a comma"),
  /** Some clients page; the standard does not. */
  page_size: z.string().max(10).optional(),
});
export type RequestsQuery = z.output<typeof requestsQuery>;

export const open311Request = z.object({
  service_request_id: z.string(),
  status: z.enum(["open", "closed"]),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string().nullable(),
  agency_responsible: z.string(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string(),
  address: z.string().nullable(),
  address_id: z.null(),
  zipcode: z.null(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
});
export const requestsOut = z.array(open311Request);

export const discoveryOut = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.enum(["production", "test"]),
      formats: z.array(z.string()),
    }),
  ),
});
