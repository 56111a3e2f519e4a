// Permission cases of the eforms routes added with issue #6 (merged by ./index.ts).
import type { Case } from "./types.ts";

export const eformsCases: Record<string, Case> = {};
