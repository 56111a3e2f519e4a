// Applicants' satisfaction ratings of returned dossiers (spec: đánh giá sự hài lòng). One rating
// per dossier, never changed, through one of three channels, each with its own `authorize…`
// returning a Rater, then the same `recordRating`:
// - portal: the citizen account that filed the dossier;
// - link: the signed token of the "returned" notification (ratings.link.ts), no sign-in;
// - desk: a receptionist of the receiving unit opens the returned dossier by code on the desk's
//   tablet and hands it to the applicant (the audit row names the receptionist).
import type { Executor } from "../../db/client.ts";
import type { Ctx } from "../../plugins/context.ts";
import { DomainError, Errors } from "../../shared/errors.ts";
import { maskName } from "../../shared/mask.ts";
import { type DossierRow, findDossier, findDossierByCode, names } from "../dossiers/dossier.repository.ts";
import { enqueueNationalRating } from "../integrations/national-portal/national-portal.outbound.ts";
import { authorizeUnit } from "../org/org.service.ts";
import { ratingLinkKey, verifyRatingToken } from "./ratings.link.ts";
import * as repo from "./ratings.repository.ts";
import type { RatingChannel, RatingInput, RatingOut } from "./ratings.schemas.ts";

const DOSSIER = { vi: "Hồ sơ", en: "Dossier" };

/** Who rates, through which channel (ratedBy: the citizen's account, null for anonymous channels). */
export type Rater = { channel: RatingChannel; ratedBy: string | null };

const alreadyRated = () =>
  Errors.conflict("rating.already_rated", {
    vi: "Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.",
    en: "This dossier has already been rated; each dossier is rated once.",
  });

const notReturned = () =>
  Errors.conflict("rating.not_returned", {
    vi: "Chỉ đánh giá được sau khi đã nhận kết quả hồ sơ.",
    en: "A dossier can be rated only after its result has been returned.",
  });

/** The portal channel: the citizen account that filed the dossier; 404 for anyone else. */
async function authorizePortal(ctx: Ctx, dossierId: string): Promise<{ d: DossierRow; rater: Rater }> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const d = await findDossier(ctx.tx, dossierId);
  if (!d || ctx.actor.kind !== "citizen" || d.applicantUserId !== ctx.actor.userId)
    throw Errors.notFound(DOSSIER);
  ctx.audit.unitId = d.unitId;
  ctx.audit.target = d.id;
  return { d, rater: { channel: "portal", ratedBy: ctx.actor.userId } };
}

export function presentRating(r: repo.RatingRow): RatingOut {
  return {
    level: r.level,
    reasons: r.reasons,
    comment: r.comment,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

/**
 * Store the rating of a returned dossier, whatever the channel: the unit is the dossier's
 * receiving unit, the official the one who handed the result over.
 */
export async function recordRating(
  tx: Executor,
  d: DossierRow,
  input: RatingInput,
  rater: Rater,
  now: Date,
): Promise<RatingOut> {
  if (d.state !== "returned") throw notReturned();
  const row = await repo.insertRating(tx, {
    dossierId: d.id,
    level: input.level,
    reasons: input.reasons,
    comment: input.comment,
    channel: rater.channel,
    ratedBy: rater.ratedBy,
    officialId: await repo.returningOfficial(tx, d.id),
    unitId: d.unitId,
    createdAt: now.toISOString(),
  });
  if (!row) throw alreadyRated();
  const rating = presentRating(row);
  // A dossier filed through the national portal: the portal gets the rating (through the outbox).
  await enqueueNationalRating(tx, d, { ...rating, channel: rater.channel });
  return rating;
}

export async function rateOnPortal(ctx: Ctx, dossierId: string, input: RatingInput) {
  const { d, rater } = await authorizePortal(ctx, dossierId);
  if (await repo.findRating(ctx.tx, d.id)) throw alreadyRated();
  const rating = await recordRating(ctx.tx, d, input, rater, new Date());
  ctx.audit.details = { level: rating.level, channel: rater.channel };
  return { rating };
}

export async function portalRatingStatus(ctx: Ctx, dossierId: string) {
  const { d } = await authorizePortal(ctx, dossierId);
  const row = await repo.findRating(ctx.tx, d.id);
  return { rating: row ? presentRating(row) : null, canRate: !row && d.state === "returned" };
}

// ---------------------------------------------------------------------------------------------
// The link in the notification.

const linkInvalid = () =>
  new DomainError("rating.link_invalid", 404, {
    vi: "Đường dẫn đánh giá không hợp lệ. Hãy mở đúng đường dẫn trong thông báo đã nhận.",
    en: "The rating link is not valid. Open the exact link from the notification you received.",
  });
const linkExpired = () =>
  new DomainError("rating.link_expired", 410, {
    vi: "Đường dẫn đánh giá đã hết hạn.",
    en: "The rating link has expired.",
  });

async function ratedDossier(ctx: Ctx, d: DossierRow) {
  const n = await names(ctx.tx, d);
  return {
    code: d.code ?? "",
    procedureName: n.procedure_name,
    unitName: n.unit_name,
    applicantName: maskName((d.applicant as { name: string }).name),
    returnedAt: d.returnedAt ? new Date(d.returnedAt).toISOString() : null,
  };
}

/** The token's dossier: 404 for a forged or mangled token (or one of a deleted dossier), 410 expired. */
async function authorizeLink(ctx: Ctx, token: string) {
  const check = verifyRatingToken(ratingLinkKey(ctx.config), token, new Date());
  if (!check.ok) throw check.reason === "expired" ? linkExpired() : linkInvalid();
  const d = await findDossier(ctx.tx, check.dossierId);
  if (!d) throw linkInvalid();
  ctx.audit.unitId = d.unitId;
  ctx.audit.target = d.id;
  return { d, expiresAt: check.expiresAt, rater: { channel: "link", ratedBy: null } satisfies Rater };
}

export async function linkRatingStatus(ctx: Ctx, token: string) {
  const { d, expiresAt } = await authorizeLink(ctx, token);
  const row = await repo.findRating(ctx.tx, d.id);
  return {
    dossier: await ratedDossier(ctx, d),
    rating: row ? presentRating(row) : null,
    canRate: !row && d.state === "returned",
    expiresAt: expiresAt.toISOString(),
  };
}

export async function rateByLink(ctx: Ctx, token: string, input: RatingInput) {
  const { d, rater } = await authorizeLink(ctx, token);
  if (await repo.findRating(ctx.tx, d.id)) throw alreadyRated();
  const rating = await recordRating(ctx.tx, d, input, rater, new Date());
  ctx.audit.details = { level: rating.level, channel: rater.channel };
  return { rating };
}

// ---------------------------------------------------------------------------------------------
// The desk's tablet.

/** A dossier received at a unit where the actor receives dossiers; 404 otherwise. */
async function authorizeDesk(ctx: Ctx, d: DossierRow | undefined) {
  if (!ctx.actor) throw Errors.unauthenticated();
  if (!d?.code) throw Errors.notFound(DOSSIER);
  try {
    await authorizeUnit(ctx, d.unitId, "dossier.receive");
  } catch (err) {
    // Whoever may not receive at the unit learns nothing about the dossier.
    if (err instanceof DomainError && err.status === 403) throw Errors.notFound(DOSSIER);
    throw err;
  }
  ctx.audit.target = d.id;
  return d;
}

export async function deskRatingStatus(ctx: Ctx, code: string) {
  const d = await authorizeDesk(ctx, await findDossierByCode(ctx.tx, code));
  const row = await repo.findRating(ctx.tx, d.id);
  return {
    dossier: { id: d.id, ...(await ratedDossier(ctx, d)) },
    rating: row ? { ...presentRating(row), channel: row.channel } : null,
    canRate: !row && d.state === "returned",
  };
}

export async function rateAtDesk(ctx: Ctx, dossierId: string, input: RatingInput) {
  const d = await authorizeDesk(ctx, await findDossier(ctx.tx, dossierId));
  if (await repo.findRating(ctx.tx, d.id)) throw alreadyRated();
  const rating = await recordRating(ctx.tx, d, input, { channel: "desk", ratedBy: null }, new Date());
  ctx.audit.details = { level: rating.level, channel: "desk" };
  return { rating };
}
