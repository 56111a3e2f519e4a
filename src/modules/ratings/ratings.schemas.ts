// Contracts of the applicants' satisfaction ratings (issue #6): one rating per returned dossier.
import { z } from "zod";
import { RATING_CHANNELS, RATING_LEVELS } from "../../db/schema.portal.ts";

export { RATING_CHANNELS, RATING_LEVELS };
export type RatingLevel = (typeof RATING_LEVELS)[number];
export type RatingChannel = (typeof RATING_CHANNELS)[number];

export const ratingParams = z.object({ id: z.uuid() });

export const ratingBody = z
  .object({
    level: z.enum(RATING_LEVELS),
    /** Short reasons the applicant ticked or typed (e.g. "Thái độ phục vụ", "Thời gian chờ"). */
    reasons: z.array(z.string().trim().min(1).max(200)).max(10).default([]),
    comment: z
      .string()
      .trim()
      .max(2000)
      .nullish()
      .transform((s) => (s ? s : null)),
  })
  .strict();
export type RatingInput = z.output<typeof ratingBody>;

export const ratingOut = z.object({
  level: z.enum(RATING_LEVELS),
  reasons: z.array(z.string()),
  comment: z.string().nullable(),
  createdAt: z.string(),
});
export type RatingOut = z.output<typeof ratingOut>;

export const ratingCreatedOut = z.object({ rating: ratingOut });
export const ratingStatusOut = z.object({ rating: ratingOut.nullable(), canRate: z.boolean() });
