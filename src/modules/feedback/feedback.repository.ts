// Typed queries of feedback: services (Open311 service list), items, photos, insert-only events,
// the back office's list, the public lists and the figures. Every function takes the executor.
import { and, asc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { decryptField } from "../../db/encrypted.ts";
import { serviceDesks } from "../../db/schema.frontdesk.ts";
import { roleGrants, users } from "../../db/schema.ts";
import { feedbackEvents, feedbackItems, feedbackPhotos, feedbackServices } from "../../db/schema.voice.ts";
import { toInstant } from "../appointments/appointments.repository.ts";
import type { FeedbackStatus, ServiceRow } from "./feedback.logic.ts";

export { toInstant };
export type ItemRow = typeof feedbackItems.$inferSelect;
export type PhotoRow = typeof feedbackPhotos.$inferSelect;

// --- services ---------------------------------------------------------------------------------

export async function listServices(tx: Executor, activeOnly = true): Promise<ServiceRow[]> {
  return tx
    .select()
    .from(feedbackServices)
    .where(activeOnly ? eq(feedbackServices.active, true) : undefined)
    .orderBy(asc(feedbackServices.groupName), asc(feedbackServices.code));
}

export async function findService(tx: Executor, code: string): Promise<ServiceRow | undefined> {
  const [row] = await tx.select().from(feedbackServices).where(eq(feedbackServices.code, code));
  return row;
}

// --- routing ----------------------------------------------------------------------------------

/** Units in force that serve a procedure (they chose it in their catalog). */
export async function procedureUnits(tx: Executor, procedureId: string): Promise<string[]> {
  const rows = await queryRows<{ unit_id: string }>(
    tx,
    sql`select up.unit_id from unit_procedures up join org_units u on u.id = up.unit_id
        where up.procedure_id = ${procedureId} and u.valid_to is null order by u.code`,
  );
  return rows.map((r) => r.unit_id);
}

export async function findDesk(tx: Executor, id: string) {
  const [row] = await tx.select().from(serviceDesks).where(eq(serviceDesks.id, id));
  return row;
}

/** The root of the organisation tree in force: where feedback naming no unit goes first. */
export async function defaultUnitId(tx: Executor): Promise<string | undefined> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`select id from org_units where parent_id is null and valid_to is null order by code limit 1`,
  );
  return row?.id;
}

/** A staff user's live role grants (to check an assignee may handle feedback at a unit). */
export async function staffGrants(tx: Executor, userId: string) {
  return tx
    .select({ id: roleGrants.id, role: roleGrants.role, unitId: roleGrants.unitId })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt), eq(users.kind, "staff")));
}

// --- items ------------------------------------------------------------------------------------

export async function insertItem(tx: Executor, values: typeof feedbackItems.$inferInsert) {
  const rows = await tx
    .insert(feedbackItems)
    .values(values)
    .onConflictDoNothing({ target: feedbackItems.code })
    .returning();
  return rows[0];
}

export async function findItem(tx: Executor, id: string): Promise<ItemRow | undefined> {
  const [row] = await tx.select().from(feedbackItems).where(eq(feedbackItems.id, id));
  return row;
}

export async function findItemByCode(tx: Executor, code: string): Promise<ItemRow | undefined> {
  const [row] = await tx.select().from(feedbackItems).where(eq(feedbackItems.code, code));
  return row;
}

export async function findItemByIdempotencyKey(tx: Executor, key: string): Promise<ItemRow | undefined> {
  const [row] = await tx.select().from(feedbackItems).where(eq(feedbackItems.idempotencyKey, key));
  return row;
}

/** Changes an item if it is still in the status it was read in (a concurrent command loses). */
export async function updateItem(
  tx: Executor,
  id: string,
  expected: FeedbackStatus,
  set: Partial<typeof feedbackItems.$inferInsert>,
): Promise<ItemRow | undefined> {
  const [row] = await tx
    .update(feedbackItems)
    .set({ ...set, updatedAt: sql`now()` as unknown as string })
    .where(and(eq(feedbackItems.id, id), eq(feedbackItems.status, expected)))
    .returning();
  return row;
}

export async function insertEvent(tx: Executor, values: typeof feedbackEvents.$inferInsert) {
  await tx.insert(feedbackEvents).values(values);
}

export async function listEvents(tx: Executor, feedbackId: string) {
  return queryRows<{ id: number; kind: string; actor_name: string | null; data: unknown; at: unknown }>(
    tx,
    sql`select e.id, e.kind, u.full_name as actor_name, e.data, e.at from feedback_events e
        left join users u on u.id = e.actor_id where e.feedback_id = ${feedbackId} order by e.id`,
  );
}

/** The hash of the photo token given to the sender on submission (kept in the "received" event). */
export async function photoTokenHash(tx: Executor, feedbackId: string): Promise<string | undefined> {
  const [row] = await queryRows<{ hash: string | null }>(
    tx,
    sql`select data->>'photoTokenHash' as hash from feedback_events
        where feedback_id = ${feedbackId} and kind = 'received' order by id limit 1`,
  );
  return row?.hash ?? undefined;
}

/** The language the sender wrote in (kept in the "received" event; vi when unknown). */
export async function senderLocale(tx: Executor, feedbackId: string): Promise<"vi" | "en"> {
  const [row] = await queryRows<{ locale: string | null }>(
    tx,
    sql`select data->>'locale' as locale from feedback_events
        where feedback_id = ${feedbackId} and kind = 'received' order by id limit 1`,
  );
  return row?.locale === "en" ? "en" : "vi";
}

// --- photos -----------------------------------------------------------------------------------

export async function insertPhoto(tx: Executor, values: typeof feedbackPhotos.$inferInsert) {
  const [row] = await tx.insert(feedbackPhotos).values(values).returning();
  return row!;
}

export async function listPhotos(tx: Executor, feedbackId: string): Promise<PhotoRow[]> {
  return tx
    .select()
    .from(feedbackPhotos)
    .where(eq(feedbackPhotos.feedbackId, feedbackId))
    .orderBy(asc(feedbackPhotos.createdAt), asc(feedbackPhotos.id));
}

export async function findPhoto(tx: Executor, id: string): Promise<PhotoRow | undefined> {
  const [row] = await tx.select().from(feedbackPhotos).where(eq(feedbackPhotos.id, id));
  return row;
}

/** Locks the item's row, so two uploads at once cannot both be the fifth photo. */
export async function lockItem(tx: Executor, id: string) {
  await queryRows(tx, sql`select id from feedback_items where id = ${id} for update`);
}

export async function setPhotosPublic(tx: Executor, feedbackId: string, ids: readonly string[]) {
  await tx
    .update(feedbackPhotos)
    .set({
      isPublic: ids.length
        ? sql`${feedbackPhotos.id} in (${sql.join(
            ids.map((i) => sql`${i}::uuid`),
            sql`, `,
          )})`
        : sql`false`,
    } as Record<string, unknown>)
    .where(eq(feedbackPhotos.feedbackId, feedbackId));
}

// --- lists ------------------------------------------------------------------------------------

/** An item with its unit's and service's names, and its photo count: what lists and views show. */
export type ItemView = ItemRow & {
  unitCode: string;
  unitName: string;
  serviceNameVi: string;
  serviceNameEn: string;
  assigneeName: string | null;
  procedureCode: string | null;
  deskName: string | null;
  photos: number;
  firstPublicPhotoId: string | null;
};

const viewSelect = sql`
  select i.*, u.code as unit_code, unit_name_at(i.unit_id, (now() at time zone 'Asia/Ho_Chi_Minh')::date) as unit_name,
    s.name_vi as service_name_vi, s.name_en as service_name_en, a.full_name as assignee_name,
    p.code as procedure_code, d.name as desk_name,
    (select count(*) from feedback_photos f where f.feedback_id = i.id)::int as photos,
    (select f.id from feedback_photos f where f.feedback_id = i.id and f.is_public
       order by f.created_at, f.id limit 1) as first_public_photo_id
  from feedback_items i
  join org_units u on u.id = i.unit_id
  join feedback_services s on s.code = i.service_code
  left join users a on a.id = i.assignee_id
  left join procedures p on p.id = i.procedure_id
  left join service_desks d on d.id = i.desk_id`;

const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
function toView(r: Record<string, unknown>): ItemView {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) out[camel(k)] = v;
  // `i.*` is a raw read: the column type does not decrypt it (feedback_items.phone is encrypted).
  if (typeof out.phone === "string") out.phone = decryptField(out.phone, "feedback_items.phone");
  out.photos = Number(out.photos ?? 0);
  out.lat = out.lat === null || out.lat === undefined ? null : Number(out.lat);
  out.long = out.long === null || out.long === undefined ? null : Number(out.long);
  return out as ItemView;
}

export async function findItemView(tx: Executor, where: SQL): Promise<ItemView | undefined> {
  const [row] = await queryRows<Record<string, unknown>>(tx, sql`${viewSelect} where ${where} limit 1`);
  return row ? toView(row) : undefined;
}

export type ListFilter = {
  units: string[] | "all";
  status?: FeedbackStatus | undefined;
  serviceCode?: string | undefined;
  overdue?: boolean | undefined;
  assignee?: string | undefined;
  q?: string | undefined;
  sort: "createdAt" | "dueAt" | "updatedAt";
  order: "asc" | "desc";
  page: number;
  pageSize: number;
};

const unitFilter = (units: string[] | "all") =>
  units === "all"
    ? sql`true`
    : units.length === 0
      ? sql`false`
      : sql`i.unit_id in (${sql.join(
          units.map((u) => sql`${u}::uuid`),
          sql`, `,
        )})`;

const overdueSql = sql`(case when i.replied_at is not null then i.replied_at > i.due_at
  when i.status in ('open','in_progress') then now() > i.due_at else false end)`;

export async function listItems(tx: Executor, f: ListFilter): Promise<{ items: ItemView[]; total: number }> {
  const conds: SQL[] = [unitFilter(f.units)];
  if (f.status) conds.push(sql`i.status = ${f.status}`);
  if (f.serviceCode) conds.push(sql`i.service_code = ${f.serviceCode}`);
  if (f.overdue !== undefined) conds.push(f.overdue ? overdueSql : sql`not ${overdueSql}`);
  if (f.assignee) conds.push(sql`i.assignee_id = ${f.assignee}`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(
      sql`(i.code ilike ${like} or f_unaccent(i.description) ilike f_unaccent(${like})
        or f_unaccent(coalesce(i.last_name,'') || ' ' || coalesce(i.first_name,'')) ilike f_unaccent(${like}))`,
    );
  }
  const where = sql.join(conds, sql` and `);
  const column = { createdAt: sql`i.created_at`, dueAt: sql`i.due_at`, updatedAt: sql`i.updated_at` }[f.sort];
  const dir = f.order === "asc" ? sql`asc` : sql`desc`;
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`${viewSelect} where ${where} order by ${column} ${dir}, i.id
        limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  const [count] = await queryRows<{ n: number | string }>(
    tx,
    sql`select count(*) as n from feedback_items i where ${where}`,
  );
  return { items: rows.map(toView), total: Number(count?.n ?? 0) };
}

/** Published items (consented, reviewed), newest first; of a unit and its subtree when given. */
export async function publishedItems(
  tx: Executor,
  f: { units?: string[]; page: number; pageSize: number },
): Promise<{ items: ItemView[]; total: number }> {
  const where = sql`i.published_at is not null and i.consent_publish ${f.units ? sql`and ${unitFilter(f.units)}` : sql``}`;
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`${viewSelect} where ${where} order by i.published_at desc, i.id limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  const [count] = await queryRows<{ n: number | string }>(
    tx,
    sql`select count(*) as n from feedback_items i where ${where}`,
  );
  return { items: rows.map(toView), total: Number(count?.n ?? 0) };
}

/**
 * Open311 GET requests.json: published items in a window (by requested time), or the items named
 * by their codes (their status fields), filtered by service and status; at most `limit`.
 */
export async function open311Items(
  tx: Executor,
  f: {
    codes?: string[] | undefined;
    serviceCodes?: string[] | undefined;
    statuses?: FeedbackStatus[] | undefined;
    start: string;
    end: string;
    limit: number;
  },
): Promise<ItemView[]> {
  const conds: SQL[] = [];
  if (f.codes)
    conds.push(
      sql`i.code in (${sql.join(
        f.codes.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    );
  else conds.push(sql`i.published_at is not null and i.created_at >= ${f.start} and i.created_at < ${f.end}`);
  if (f.serviceCodes)
    conds.push(
      sql`i.service_code in (${sql.join(
        f.serviceCodes.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    );
  if (f.statuses)
    conds.push(
      sql`i.status in (${sql.join(
        f.statuses.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`${viewSelect} where ${sql.join(conds, sql` and `)} order by i.created_at desc, i.id limit ${f.limit}`,
  );
  return rows.map(toView);
}

// --- figures ----------------------------------------------------------------------------------

export type FiguresSqlRow = {
  unit_id: string;
  unit_code: string;
  unit_name: string;
  received: number;
  answered: number;
  answered_on_time: number;
  answered_late: number;
  pending: number;
  pending_overdue: number;
  rejected: number;
  published: number;
};

/** Per unit: items received in [start, end) and what became of them (as of now). One statement. */
export async function figuresByUnit(
  tx: Executor,
  units: string[],
  start: string,
  end: string,
): Promise<FiguresSqlRow[]> {
  const rows = await queryRows<FiguresSqlRow>(
    tx,
    sql`select i.unit_id, u.code as unit_code,
          unit_name_at(i.unit_id, (now() at time zone 'Asia/Ho_Chi_Minh')::date) as unit_name,
          count(*)::int as received,
          count(i.replied_at)::int as answered,
          count(*) filter (where i.replied_at <= i.due_at)::int as answered_on_time,
          count(*) filter (where i.replied_at > i.due_at)::int as answered_late,
          count(*) filter (where i.replied_at is null and i.status in ('open','in_progress'))::int as pending,
          count(*) filter (where i.replied_at is null and i.status in ('open','in_progress') and now() > i.due_at)::int as pending_overdue,
          count(*) filter (where i.replied_at is null and i.status = 'rejected')::int as rejected,
          count(i.published_at)::int as published
        from feedback_items i join org_units u on u.id = i.unit_id
        where ${unitFilter(units)} and i.created_at >= ${start} and i.created_at < ${end}
        group by i.unit_id, u.code order by u.code`,
  );
  return rows.map((r) => ({
    ...r,
    received: Number(r.received),
    answered: Number(r.answered),
    answered_on_time: Number(r.answered_on_time),
    answered_late: Number(r.answered_late),
    pending: Number(r.pending),
    pending_overdue: Number(r.pending_overdue),
    rejected: Number(r.rejected),
    published: Number(r.published),
  }));
}
