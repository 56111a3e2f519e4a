// Contracts of appointments (issue #8): the unit's booking rules, published slots, bookings by
// citizens (public, no login needed), the back office's day list and figures.
import { z } from "zod";
import { APPOINTMENT_CHANNELS, APPOINTMENT_STATUSES } from "../../db/schema.frontdesk.ts";
import { msg } from "../../shared/messages.ts";
import { findClockMinutes } from "../calendar/dates.ts";
import { normaliseBookingCode, normaliseVietnamPhone } from "./appointments.logic.ts";

export { APPOINTMENT_STATUSES };
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

const day = z.iso.date({ error: msg("date_format") });
const unitCode = z.string().trim().min(1).max(100).describe("The unit's code, e.g. 46.19753");
const clock = z
  .string()
  .refine((v) => findClockMinutes(v) !== undefined, { error: msg("calendar.clock_time") });
export const clockWindow = z
  .strictObject({ start: clock, end: clock })
  .refine((w) => findClockMinutes(w.start)! < findClockMinutes(w.end)!, {
    error: msg("calendar.interval_order"),
    path: ["end"],
  });

const phone = z
  .string()
  .trim()
  .max(30)
  .refine((p) => normaliseVietnamPhone(p) !== undefined, { error: msg("phone_format") })
  .transform((p) => normaliseVietnamPhone(p)!);
const code = z
  .string()
  .trim()
  .max(30)
  .transform((c, ctx) => {
    const normal = normaliseBookingCode(c);
    if (!normal) {
      ctx.addIssue({ code: "custom", message: "The booking code looks like LH-ABCD2345" });
      return z.NEVER;
    }
    return normal;
  });

// --- rules ------------------------------------------------------------------------------------

export const unitQuery = z.object({ unit: unitCode }).strict();

export const rulesBody = z
  .object({
    slotMinutes: z.number().int().min(5).max(240),
    bookDaysAhead: z.number().int().min(1).max(365),
    minLeadMinutes: z.number().int().min(0).max(10080),
    cancelMinutesBefore: z.number().int().min(0).max(10080),
    perPersonPerDay: z.number().int().min(1).max(20),
    saturdayMorning: clockWindow.nullable(),
  })
  .strict();
export type RulesInput = z.output<typeof rulesBody>;

const unitOut = z.object({ id: z.string(), code: z.string(), name: z.string() });
export const rulesOut = z.object({
  unit: unitOut,
  rules: rulesBody,
  /** False while the unit keeps the defaults. */
  stored: z.boolean(),
});

// --- slots ------------------------------------------------------------------------------------

export const publishBody = z
  .object({
    unit: unitCode,
    from: day,
    to: day,
    /** Only this part of each day (within the opening hours). */
    within: clockWindow.optional(),
    capacity: z.number().int().min(1).max(500),
    sector: z.string().trim().min(1).max(200).optional(),
    procedureCode: z.string().trim().max(20).optional(),
    deskId: z.uuid().optional(),
  })
  .strict();
export type PublishInput = z.output<typeof publishBody>;
export const publishOut = z.object({
  created: z.number().int(),
  /** Windows that already had a live slot for the same service: left as they were. */
  skipped: z.number().int(),
  from: z.string(),
  to: z.string(),
});

export const slotsQuery = z.object({ unit: unitCode, from: day, to: day }).strict();
const procedureRef = z.object({ code: z.string(), name: z.string() }).nullable();
export const slotOut = z.object({
  id: z.string(),
  day: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  sector: z.string().nullable(),
  procedure: procedureRef,
  deskId: z.string().nullable(),
  capacity: z.number().int(),
  booked: z.number().int(),
  withdrawnAt: z.string().nullable(),
});
export const slotsOut = z.object({ unit: unitOut, items: z.array(slotOut) });
export const idParams = z.object({ id: z.uuid() });

// --- bookings (back office) -------------------------------------------------------------------

export const bookingsQuery = z
  .object({
    unit: unitCode,
    day,
    status: z.enum(APPOINTMENT_STATUSES).optional(),
    /** A booking code, or part of the name or phone number. */
    q: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type BookingsQuery = z.output<typeof bookingsQuery>;

export const bookingOut = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(APPOINTMENT_STATUSES),
  channel: z.enum(APPOINTMENT_CHANNELS),
  fullName: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  day: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  sector: z.string().nullable(),
  procedure: procedureRef,
  rescheduledFrom: z.string().nullable(),
  createdAt: z.string(),
});
export const bookingsOut = z.object({
  items: z.array(bookingOut),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

// --- statistics -------------------------------------------------------------------------------

export const statsQuery = z.object({ unit: unitCode, from: day, to: day }).strict();
const cells = {
  bookings: z.number().int(),
  open: z.number().int().describe("Still booked"),
  cancelled: z.number().int(),
  rescheduled: z.number().int(),
  attended: z.number().int().describe("Checked in or served"),
  noShow: z.number().int(),
  noShowRate: z.number().nullable().describe("noShow / (attended + noShow)"),
  leadTimeHours: z
    .object({ median: z.number().nullable(), p90: z.number().nullable() })
    .describe("Hours from booking to slot (nearest rank)"),
};
export const statsOut = z.object({
  unit: unitOut,
  from: z.string(),
  to: z.string(),
  total: z.object(cells),
  sectors: z.array(z.object({ sector: z.string().nullable(), ...cells })),
  days: z.array(z.object({ day: z.string(), ...cells })),
});

// --- public -----------------------------------------------------------------------------------

export const publicSlotsQuery = z
  .object({
    unit: unitCode,
    procedure: z.string().trim().max(20).optional(),
    sector: z.string().trim().max(200).optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .strict();
export type PublicSlotsQuery = z.output<typeof publicSlotsQuery>;
export const publicSlotOut = z.object({
  id: z.string(),
  day: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  sector: z.string().nullable(),
  procedure: procedureRef,
  available: z.number().int(),
});
export const publicSlotsOut = z.object({
  unit: unitOut,
  procedure: z.object({ code: z.string(), name: z.string(), sector: z.string() }).nullable(),
  rules: rulesBody.pick({
    bookDaysAhead: true,
    minLeadMinutes: true,
    cancelMinutesBefore: true,
    perPersonPerDay: true,
  }),
  items: z.array(publicSlotOut),
});
export const publicUnitsOut = z.object({
  items: z.array(unitOut.extend({ openSlots: z.number().int() })),
});

export const bookBody = z
  .object({
    slotId: z.uuid(),
    fullName: z
      .string()
      .trim()
      .min(1, { error: msg("name_required") })
      .max(200),
    phone,
    email: z
      .email({ error: msg("email_format") })
      .max(254)
      .nullish()
      .or(z.literal("").transform(() => null)),
    procedureCode: z.string().trim().max(20).optional(),
    locale: z.enum(["vi", "en"]).default("vi"),
  })
  .strict();
export type BookInput = z.output<typeof bookBody>;

export const codeParams = z.object({ code });
export const phoneQuery = z.object({ phone }).strict();
export const cancelBody = z.object({ phone }).strict();
export const rescheduleBody = z.object({ phone, slotId: z.uuid() }).strict();

export const publicBookingOut = z.object({
  code: z.string(),
  status: z.enum(APPOINTMENT_STATUSES),
  unit: unitOut,
  startsAt: z.string(),
  endsAt: z.string(),
  sector: z.string().nullable(),
  procedure: procedureRef,
  /** Masked: "N*** V*** An", "090****567", "ng***@example.vn". */
  fullName: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  locale: z.enum(["vi", "en"]),
  rescheduledFrom: z.string().nullable().describe("The code of the booking this one replaced"),
  /** Whether it may still be cancelled or moved, and until when. */
  canChange: z.boolean(),
  changeUntil: z.string(),
  calendarUrl: z.string(),
});
export type PublicBookingOut = z.output<typeof publicBookingOut>;
