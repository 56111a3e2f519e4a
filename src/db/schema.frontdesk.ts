// Tables of the one-stop desk's front: service desks (counters), appointment slots and bookings,
// and queue tickets (issue #8). Kept apart from schema.ts; drizzle-kit reads it.
//
// Invariants the database keeps, whatever the application does:
//   - a slot never holds more live bookings than its capacity: `booked` is moved only by a
//     conditional update (booked < capacity) under the row's lock, and a CHECK backs it;
//   - one live booking per person per slot (partial unique index on person_key);
//   - booking codes and ticket numbers (per unit and day) are unique;
//   - the events of bookings and tickets are insert-only (history).

import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { encryptedText } from "./encrypted.ts";
import { dossiers, orgUnits, procedures, users } from "./schema.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });

/** A counter of a unit's one-stop desk: its number on the display, and the sectors it serves. */
export const serviceDesks = pgTable(
  "service_desks",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    /** The counter's number, shown on the display and announced ("mời số 12 đến quầy 3"). */
    number: integer("number").notNull(),
    name: text("name").notNull(),
    /** Sectors served (empty: every sector). */
    sectors: text("sectors").array().notNull().default(sql`'{}'::text[]`),
    active: boolean("active").notNull().default(true),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("service_desks_number_key").on(t.unitId, t.number),
    check("service_desks_number_check", sql`${t.number} between 1 and 999`),
    check("service_desks_name_check", sql`length(btrim(${t.name})) between 1 and 200`),
  ],
);

/**
 * A unit's booking rules (one row per unit; defaults apply without one): slot length, how far
 * ahead and how late one may book or cancel, bookings per person per day, and whether the
 * desk opens on Saturday mornings.
 */
export const appointmentRules = pgTable(
  "appointment_rules",
  {
    unitId: uuid("unit_id")
      .primaryKey()
      .references(() => orgUnits.id),
    slotMinutes: integer("slot_minutes").notNull().default(30),
    bookDaysAhead: integer("book_days_ahead").notNull().default(30),
    /** A booking (or its change) must be made at least this many minutes before the slot. */
    minLeadMinutes: integer("min_lead_minutes").notNull().default(60),
    /** Cancelling or rescheduling is allowed until this many minutes before the slot. */
    cancelMinutesBefore: integer("cancel_minutes_before").notNull().default(120),
    perPersonPerDay: integer("per_person_per_day").notNull().default(2),
    /** Saturday-morning sessions ("HH:MM" to "HH:MM"), or null when the desk is closed. */
    saturdayMorning: jsonb("saturday_morning"),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("appointment_rules_slot_check", sql`${t.slotMinutes} between 5 and 240`),
    check("appointment_rules_ahead_check", sql`${t.bookDaysAhead} between 1 and 365`),
    check("appointment_rules_lead_check", sql`${t.minLeadMinutes} between 0 and 10080`),
    check("appointment_rules_cancel_check", sql`${t.cancelMinutesBefore} between 0 and 10080`),
    check("appointment_rules_person_check", sql`${t.perPersonPerDay} between 1 and 20`),
  ],
);

/**
 * A bookable slot: a time window at a unit (optionally one desk), for a sector or one procedure
 * (or any), with a capacity. `booked` counts live bookings (booked or checked in).
 */
export const appointmentSlots = pgTable(
  "appointment_slots",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    deskId: uuid("desk_id").references(() => serviceDesks.id),
    sector: text("sector"),
    procedureId: uuid("procedure_id").references(() => procedures.id),
    startsAt: ts("starts_at").notNull(),
    endsAt: ts("ends_at").notNull(),
    capacity: integer("capacity").notNull(),
    booked: integer("booked").notNull().default(0),
    /** A withdrawn slot takes no new bookings; existing ones stay (and are told). */
    withdrawnAt: ts("withdrawn_at"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("appointment_slots_unit_idx").on(t.unitId, t.startsAt),
    check("appointment_slots_window_check", sql`${t.endsAt} > ${t.startsAt}`),
    check("appointment_slots_capacity_check", sql`${t.capacity} between 1 and 500`),
    check("appointment_slots_booked_check", sql`${t.booked} between 0 and ${t.capacity}`),
  ],
);

export const APPOINTMENT_STATUSES = ["booked", "cancelled", "checked_in", "served", "no_show"] as const;
export const APPOINTMENT_CHANNELS = ["portal", "desk", "kiosk", "phone"] as const;

/** A booking of one slot by one person. */
export const appointments = pgTable(
  "appointments",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    /** The booking code the citizen shows or types at check-in (unique, not guessable). */
    code: text("code").notNull(),
    slotId: uuid("slot_id")
      .notNull()
      .references(() => appointmentSlots.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    procedureId: uuid("procedure_id").references(() => procedures.id),
    sector: text("sector"),
    citizenId: uuid("citizen_id").references(() => users.id),
    fullName: text("full_name").notNull(),
    phone: encryptedText("phone", "appointments.phone").notNull(),
    email: text("email"),
    /** Who the person is for the per-day limit: a hash of the normalised phone number. */
    personKey: text("person_key").notNull(),
    /** The Vietnam day of the slot (for the per-person-per-day limit). */
    day: date("day", { mode: "string" }).notNull(),
    status: text("status", { enum: APPOINTMENT_STATUSES }).notNull().default("booked"),
    channel: text("channel", { enum: APPOINTMENT_CHANNELS }).notNull(),
    locale: text("locale", { enum: ["vi", "en"] })
      .notNull()
      .default("vi"),
    /** The booking this one replaced (a reschedule cancels the old one and links the new). */
    rescheduledFrom: uuid("rescheduled_from"),
    idempotencyKey: text("idempotency_key"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("appointments_code_key").on(t.code),
    uniqueIndex("appointments_idempotency_key").on(t.idempotencyKey),
    uniqueIndex("appointments_person_slot_key")
      .on(t.slotId, t.personKey)
      .where(sql`${t.status} in ('booked','checked_in')`),
    index("appointments_person_day_idx").on(t.personKey, t.day),
    index("appointments_unit_day_idx").on(t.unitId, t.day),
    index("appointments_citizen_idx").on(t.citizenId, t.createdAt),
    check("appointments_name_check", sql`length(btrim(${t.fullName})) between 1 and 200`),
  ],
);

/** Insert-only history of a booking: booked, rescheduled, cancelled, checked in, served, no-show. */
export const appointmentEvents = pgTable(
  "appointment_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    appointmentId: uuid("appointment_id")
      .notNull()
      .references(() => appointments.id),
    kind: text("kind").notNull(),
    actorId: uuid("actor_id").references(() => users.id),
    data: jsonb("data").notNull().default(sql`'{}'::jsonb`),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("appointment_events_appointment_idx").on(t.appointmentId, t.id)],
);

export const TICKET_SOURCES = ["kiosk", "desk", "booking"] as const;
export const TICKET_STATUSES = ["waiting", "called", "serving", "served", "skipped", "cancelled"] as const;

/** Daily ticket numbering per unit: the next number (restarts each Vietnam day). */
export const queueCounters = pgTable(
  "queue_counters",
  {
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    day: date("day", { mode: "string" }).notNull(),
    last: integer("last").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.day] })],
);

/** A queue ticket: a number for the day at a unit, for a sector, called to a desk. */
export const queueTickets = pgTable(
  "queue_tickets",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    day: date("day", { mode: "string" }).notNull(),
    number: integer("number").notNull(),
    sector: text("sector"),
    source: text("source", { enum: TICKET_SOURCES }).notNull(),
    /** A booked visitor checked in: served in their slot, ahead of walk-ins. */
    appointmentId: uuid("appointment_id").references(() => appointments.id),
    /** Served ahead of the walk-in order from this instant (the slot's start for bookings). */
    priorityFrom: ts("priority_from"),
    status: text("status", { enum: TICKET_STATUSES }).notNull().default("waiting"),
    /** The desk it is called to (or transferred to, waiting for that desk). */
    deskId: uuid("desk_id").references(() => serviceDesks.id),
    officialId: uuid("official_id").references(() => users.id),
    /** The dossier received while serving it, if any. */
    dossierId: uuid("dossier_id").references(() => dossiers.id),
    issuedAt: ts("issued_at").notNull().defaultNow(),
    calledAt: ts("called_at"),
    servingAt: ts("serving_at"),
    closedAt: ts("closed_at"),
    calls: integer("calls").notNull().default(0),
  },
  (t) => [
    uniqueIndex("queue_tickets_number_key").on(t.unitId, t.day, t.number),
    uniqueIndex("queue_tickets_appointment_key").on(t.appointmentId),
    index("queue_tickets_waiting_idx").on(t.unitId, t.day, t.status),
    check("queue_tickets_number_check", sql`${t.number} >= 1`),
  ],
);

/** Insert-only history of a ticket; the display's live feed and the waiting-time figures read it. */
export const queueEvents = pgTable(
  "queue_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => queueTickets.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    kind: text("kind").notNull(),
    deskId: uuid("desk_id").references(() => serviceDesks.id),
    actorId: uuid("actor_id").references(() => users.id),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("queue_events_unit_idx").on(t.unitId, t.id)],
);

/** A unit's contact channels, shown on the portal and on its forms (one row per unit). */
export const unitContacts = pgTable(
  "unit_contacts",
  {
    unitId: uuid("unit_id")
      .primaryKey()
      .references(() => orgUnits.id),
    hotline: text("hotline"),
    email: text("email"),
    zalo: text("zalo"),
    facebook: text("facebook"),
    address: text("address"),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("unit_contacts_hotline_check", sql`${t.hotline} is null or ${t.hotline} ~ '^[0-9 .+()-]{3,20}$'`),
    check("unit_contacts_email_check", sql`${t.email} is null or length(${t.email}) <= 254`),
    check("unit_contacts_zalo_check", sql`${t.zalo} is null or length(${t.zalo}) <= 300`),
    check("unit_contacts_facebook_check", sql`${t.facebook} is null or length(${t.facebook}) <= 300`),
  ],
);
