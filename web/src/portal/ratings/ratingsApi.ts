// Client of the rating link (/api/public/ratings/:token) and the desk's tablet (/api/v1/ratings/desk).
import type { z } from "zod";
import type { deskStatusOut, linkStatusOut } from "../../../../src/modules/ratings/ratings.schemas.ts";
import { http } from "../../api/client";
import type { Rating } from "../filing/filingApi";
import type { RatingBody, RatingSource } from "../filing/RatingPanel";

export type LinkStatus = z.output<typeof linkStatusOut>;
export type DeskStatus = z.output<typeof deskStatusOut>;

const u = encodeURIComponent;
const idem = (key: string) => ({ "idempotency-key": key });

export const ratingsApi = {
  link: (token: string, signal?: AbortSignal) =>
    http.get<LinkStatus>(`/api/public/ratings/${u(token)}`, signal),
  rateByLink: (token: string, body: RatingBody, key: string) =>
    http.post<{ rating: Rating }>(`/api/public/ratings/${u(token)}`, body, idem(key)),
  desk: (code: string, signal?: AbortSignal) =>
    http.get<DeskStatus>(`/api/v1/ratings/desk?code=${u(code)}`, signal),
  rateAtDesk: (dossierId: string, body: RatingBody, key: string) =>
    http.post<{ rating: Rating }>(`/api/v1/ratings/desk/${u(dossierId)}`, body, idem(key)),
};

export const linkRatingSource = (token: string, status: LinkStatus): RatingSource => ({
  key: `rating-link:${token}`,
  status: async () => ({ rating: status.rating, canRate: status.canRate }),
  rate: (body, key) => ratingsApi.rateByLink(token, body, key),
});

export const deskRatingSource = (status: DeskStatus): RatingSource => ({
  key: `rating-desk:${status.dossier.id}`,
  status: async () => ({ rating: status.rating, canRate: status.canRate }),
  rate: (body, key) => ratingsApi.rateAtDesk(status.dossier.id, body, key),
});
