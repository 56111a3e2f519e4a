// Appointments API for the portal (/api/public/appointments) and the back office
// (/api/v1/appointments); the types follow the server's zod schemas (appointments.schemas.ts).
import { http } from "../api/client";

export type AppointmentStatus = "booked" | "cancelled" | "checked_in" | "served" | "no_show";
type UnitRef = { id: string; code: string; name: string };
type ProcedureRef = { code: string; name: string } | null;

export type PublicSlot = {
  id: string;
  day: string;
  startsAt: string;
  endsAt: string;
  sector: string | null;
  procedure: ProcedureRef;
  available: number;
};
export type Availability = {
  unit: UnitRef;
  procedure: { code: string; name: string; sector: string } | null;
  rules: {
    bookDaysAhead: number;
    minLeadMinutes: number;
    cancelMinutesBefore: number;
    perPersonPerDay: number;
  };
  items: PublicSlot[];
};
export type PublicBooking = {
  code: string;
  status: AppointmentStatus;
  unit: UnitRef;
  startsAt: string;
  endsAt: string;
  sector: string | null;
  procedure: ProcedureRef;
  fullName: string;
  phone: string;
  email: string | null;
  locale: "vi" | "en";
  rescheduledFrom: string | null;
  canChange: boolean;
  changeUntil: string;
  calendarUrl: string;
};
export type BookBody = {
  slotId: string;
  fullName: string;
  phone: string;
  email?: string | null;
  procedureCode?: string;
  locale: "vi" | "en";
};

export type Rules = {
  slotMinutes: number;
  bookDaysAhead: number;
  minLeadMinutes: number;
  cancelMinutesBefore: number;
  perPersonPerDay: number;
  saturdayMorning: { start: string; end: string } | null;
};
export type Slot = {
  id: string;
  day: string;
  startsAt: string;
  endsAt: string;
  sector: string | null;
  procedure: ProcedureRef;
  deskId: string | null;
  capacity: number;
  booked: number;
  withdrawnAt: string | null;
};
export type Booking = {
  id: string;
  code: string;
  status: AppointmentStatus;
  channel: string;
  fullName: string;
  phone: string;
  email: string | null;
  day: string;
  startsAt: string;
  endsAt: string;
  sector: string | null;
  procedure: ProcedureRef;
  rescheduledFrom: string | null;
  createdAt: string;
};
export type StatsCells = {
  bookings: number;
  open: number;
  cancelled: number;
  rescheduled: number;
  attended: number;
  noShow: number;
  noShowRate: number | null;
  leadTimeHours: { median: number | null; p90: number | null };
};
export type Stats = {
  unit: UnitRef;
  from: string;
  to: string;
  total: StatsCells;
  sectors: (StatsCells & { sector: string | null })[];
  days: (StatsCells & { day: string })[];
};
export type PublishBody = {
  unit: string;
  from: string;
  to: string;
  capacity: number;
  sector?: string;
  procedureCode?: string;
  within?: { start: string; end: string };
};

const idem = (key: string) => ({ "Idempotency-Key": key });
const q = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params).filter(
      (e): e is [string, string | number] => e[1] !== undefined && e[1] !== "",
    ) as [string, string][],
  ).toString();

export const publicAppointments = {
  units: (signal?: AbortSignal) =>
    http.get<{ items: (UnitRef & { openSlots: number })[] }>("/api/public/appointments/units", signal),
  slots: (unit: string, procedure: string | undefined, signal?: AbortSignal) =>
    http.get<Availability>(`/api/public/appointments/slots?${q({ unit, procedure })}`, signal),
  book: (body: BookBody, key: string) =>
    http.post<PublicBooking>("/api/public/appointments", body, idem(key)),
  view: (code: string, phone: string, signal?: AbortSignal) =>
    http.get<PublicBooking>(`/api/public/appointments/${encodeURIComponent(code)}?${q({ phone })}`, signal),
  cancel: (code: string, phone: string) =>
    http.post<PublicBooking>(`/api/public/appointments/${encodeURIComponent(code)}/cancel`, { phone }),
  reschedule: (code: string, phone: string, slotId: string, key: string) =>
    http.post<PublicBooking>(
      `/api/public/appointments/${encodeURIComponent(code)}/reschedule`,
      { phone, slotId },
      idem(key),
    ),
};

const base = "/api/v1/appointments";
export const appointmentsAdmin = {
  rules: (unit: string, signal?: AbortSignal) =>
    http.get<{ rules: Rules; stored: boolean }>(`${base}/rules?${q({ unit })}`, signal),
  saveRules: (unit: string, rules: Rules) =>
    http.put<{ rules: Rules }>(`${base}/rules?${q({ unit })}`, rules),
  publish: (body: PublishBody) =>
    http.post<{ created: number; skipped: number }>(`${base}/slots/publish`, body),
  slots: (unit: string, from: string, to: string, signal?: AbortSignal) =>
    http.get<{ items: Slot[] }>(`${base}/slots?${q({ unit, from, to })}`, signal),
  withdraw: (id: string) => http.post<Slot>(`${base}/slots/${id}/withdraw`),
  bookings: (
    p: { unit: string; day: string; status?: string; q?: string; page: number; pageSize: number },
    signal?: AbortSignal,
  ) => http.get<{ items: Booking[]; total: number }>(`${base}/bookings?${q(p)}`, signal),
  noShow: (id: string) => http.post<{ status: string }>(`${base}/bookings/${id}/no-show`),
  stats: (unit: string, from: string, to: string, signal?: AbortSignal) =>
    http.get<Stats>(`${base}/stats?${q({ unit, from, to })}`, signal),
};

/** Vietnam time of an instant: "HH:MM". */
export const vnClock = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(11, 16);
/** Vietnam day of an instant, "dd/mm/yyyy". */
export const vnDay = (isoDay: string) => `${isoDay.slice(8, 10)}/${isoDay.slice(5, 7)}/${isoDay.slice(0, 4)}`;
/** Today in Vietnam, "YYYY-MM-DD", shifted by `days`. */
export const vnToday = (days = 0) =>
  new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
