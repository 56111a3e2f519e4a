// Demo appointments (issue #8): Thuận Hóa's desk opens Saturday mornings and publishes slots for
// civil status (Hộ tịch) and certification (Chứng thực) over the coming working days, two seats
// each; a few citizens have booked, and the past week holds served, absent, cancelled and
// rescheduled bookings for the figures. Rows are written directly (no mail to demo people).
import { eq } from "drizzle-orm";
import type { Executor } from "../db/client.ts";
import {
  appointmentEvents,
  appointmentRules,
  appointmentSlots,
  appointments,
} from "../db/schema.frontdesk.ts";
import {
  type AppointmentRules,
  CODE_ALPHABET,
  DEFAULT_RULES,
  generateSlotWindows,
  personKey,
} from "../modules/appointments/appointments.logic.ts";
import { findEffectiveCalendar } from "../modules/calendar/calendar.repository.ts";
import { workingCalendarConfigSchema } from "../modules/calendar/calendar.schemas.ts";
import { createWorkingCalendar } from "../modules/calendar/calendar.ts";
import { formatEpochDay, getEpochDay } from "../modules/calendar/dates.ts";
import { vietnamDate } from "../shared/dates.ts";

const SECTORS = ["Hộ tịch", "Chứng thực"] as const;
const PEOPLE = [
  ["Nguyễn Thị Hoa", "0905111222"],
  ["Trần Văn Minh", "0914222333"],
  ["Lê Thị Thu", "0935333444"],
  ["Phạm Quốc Bảo", "0986444555"],
  ["Hoàng Anh Tuấn", "0978555666"],
  ["Võ Thị Lan", "0903666777"],
] as const;

/** A deterministic code per demo booking (the real ones are random). */
const demoCode = (n: number) => `LH-DEMAHB${CODE_ALPHABET[Math.floor(n / 30) % 30]}${CODE_ALPHABET[n % 30]}`;

export async function seedDemoAppointments(tx: Executor, ids: Map<string, string>, now = new Date()) {
  const unitId = ids.get("46.19753")!;
  const rules: AppointmentRules = { ...DEFAULT_RULES, saturdayMorning: { start: "07:30", end: "11:30" } };
  await tx.insert(appointmentRules).values({ unitId, ...rules });
  const stored = await findEffectiveCalendar(tx, unitId);
  const calendar = createWorkingCalendar(workingCalendarConfigSchema.parse(stored?.config ?? {}));

  const today = getEpochDay(vietnamDate(now));
  // The past week (for the figures) and the next ten days (to book).
  const windows = generateSlotWindows(calendar, rules, formatEpochDay(today - 7), formatEpochDay(today + 10));
  const rows = windows.flatMap((w) =>
    SECTORS.map((sector) => ({
      unitId,
      sector,
      startsAt: w.startsAt.toISOString(),
      endsAt: w.endsAt.toISOString(),
      capacity: 2,
    })),
  );
  const slots: { id: string; startsAt: string; sector: string | null }[] = [];
  for (let i = 0; i < rows.length; i += 500)
    slots.push(
      ...(await tx
        .insert(appointmentSlots)
        .values(rows.slice(i, i + 500))
        .returning({
          id: appointmentSlots.id,
          startsAt: appointmentSlots.startsAt,
          sector: appointmentSlots.sector,
        })),
    );

  const past = slots.filter((s) => Date.parse(s.startsAt) < now.getTime() - 3_600_000);
  const future = slots.filter((s) => Date.parse(s.startsAt) > now.getTime() + 26 * 3_600_000);
  // Every seventh past slot and every ninth future one gets a booking; outcomes rotate.
  const plan = [
    ...past
      .filter((_, i) => i % 7 === 3)
      .map((s, i) => ({ s, status: (["served", "served", "no_show", "cancelled"] as const)[i % 4]! })),
    ...future
      .filter((_, i) => i % 9 === 4)
      .slice(0, 12)
      .map((s) => ({ s, status: "booked" as const })),
  ];
  const seats = new Map<string, number>();
  for (const [n, { s, status }] of plan.entries()) {
    const [fullName, phone] = PEOPLE[n % PEOPLE.length]!;
    const start = Date.parse(s.startsAt);
    // Booked one to six days before the slot, at most an hour ago.
    const createdAt = new Date(
      Math.min(start - (1 + (n % 6)) * 86_400_000 + 3_600_000 * (n % 5), now.getTime() - 3_600_000),
    );
    const [a] = await tx
      .insert(appointments)
      .values({
        code: demoCode(n + 1),
        slotId: s.id,
        unitId,
        sector: s.sector,
        fullName,
        phone,
        // The phone's keyed blind index (the demo index key), as a booking computes it.
        personKey: personKey(phone),
        day: vietnamDate(new Date(start)),
        status,
        channel: n % 5 === 0 ? "phone" : "portal",
        createdAt: createdAt.toISOString(),
        updatedAt: createdAt.toISOString(),
      })
      .returning({ id: appointments.id });
    await tx
      .insert(appointmentEvents)
      .values({ appointmentId: a!.id, kind: "booked", at: createdAt.toISOString() });
    if (status !== "booked")
      await tx.insert(appointmentEvents).values({ appointmentId: a!.id, kind: status });
    if (status === "booked") seats.set(s.id, (seats.get(s.id) ?? 0) + 1);
  }
  for (const [id, booked] of seats)
    await tx.update(appointmentSlots).set({ booked }).where(eq(appointmentSlots.id, id));
}
