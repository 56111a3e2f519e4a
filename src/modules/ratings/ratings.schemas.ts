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

/** What a rating page shows of the dossier: no personal data beyond the masked name. */
export const ratedDossierOut = z.object({
  code: z.string(),
  procedureName: z.string(),
  unitName: z.string(),
  applicantName: z.string().describe("Masked (Nguyễn V. A.)"),
  returnedAt: z.string().nullable(),
});

export const tokenParams = z.object({
  token: z.string().min(1).max(200).describe("The signed token of the rating link in the notification"),
});
export const linkStatusOut = z.object({
  dossier: ratedDossierOut,
  rating: ratingOut.nullable(),
  canRate: z.boolean(),
  expiresAt: z.string(),
});

export const deskQuery = z
  .object({ code: z.string().trim().min(1).max(60).describe("The dossier's code") })
  .strict();
export const deskStatusOut = z.object({
  dossier: ratedDossierOut.extend({ id: z.uuid() }),
  rating: ratingOut.extend({ channel: z.enum(RATING_CHANNELS) }).nullable(),
  canRate: z.boolean(),
});
