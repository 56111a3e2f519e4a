// Permission cases of the ratings routes added with issue #6 (merged by ./index.ts).
import type { Case } from "./types.ts";

export const ratingsCases: Record<string, Case> = {};
