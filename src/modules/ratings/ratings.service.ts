// Applicants' satisfaction ratings of returned dossiers (spec: đánh giá sự hài lòng). One rating
// per dossier, never changed. Today the applicant rates through the portal; issue #8 adds a
// link in the result notification (channel "link") and desk tablets (channel "desk"): each
// channel only needs its own `authorize…` returning a Rater, `recordRating` stays the same.
import type { Executor } from "../../db/client.ts";
import type { Ctx } from "../../plugins/context.ts";
import { Errors } from "../../shared/errors.ts";
import { type DossierRow, findDossier } from "../dossiers/dossier.repository.ts";
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
  return presentRating(row);
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
