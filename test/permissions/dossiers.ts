// Permission cases of the dossiers routes added with issue #6 (merged by ./index.ts).
import type { Case } from "./types.ts";

export const dossiersCases: Record<string, Case> = {};
