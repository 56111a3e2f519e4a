// `npx motcua report resolution --unit CODE --from YYYY-MM-DD --to YYYY-MM-DD
//   [--format json|xlsx|pdf] [--out FILE] [--lang vi|en]`: the resolution report from the command
// line, through the same service as the API (GET /api/v1/reports/resolution). The CLI has no
// signed-in user: it acts as an operator holding system_admin at the root of the unit's tree.
import { writeFileSync } from "node:fs";
import { loadConfig } from "../../config.ts";
import type { Database } from "../../db/client.ts";
import { parseFlags } from "../../shared/cli-flags.ts";
import { DomainError } from "../../shared/errors.ts";
import type { AuditInsert } from "../audit/audit.repository.ts";
import { insertAudit } from "../audit/audit.repository.ts";
import type { Actor } from "../auth/auth.policy.ts";
import { findUnitByCode, unitPath } from "../org/org.repository.ts";
import { resolutionQuery } from "./reports.schemas.ts";
import { resolutionReport } from "./reports.service.ts";
import { resolutionPdf } from "./resolution.pdf.ts";
import { resolutionWorkbook } from "./resolution.xlsx.ts";

export const REPORT_HELP = `  report resolution       the resolution report (Form 06a) of a unit and its subtree:
                          --unit CODE --from YYYY-MM-DD --to YYYY-MM-DD [--format json|xlsx|pdf]
                          [--out FILE] [--lang vi|en]; JSON to stdout unless --out (xlsx and pdf
                          need --out)`;

export const CLI_OPERATOR_ID = "00000000-0000-0000-0000-000000000000";

type Deps = {
  withDb: <T>(fn: (db: Database) => Promise<T>) => Promise<T>;
  audit: (action: string, details: Record<string, unknown>, outcome?: number) => AuditInsert;
};

const FLAGS = new Set(["unit", "from", "to", "format", "out", "lang"]);

function usage(message: string): number {
  console.error(`motcua report: ${message}\n\n${REPORT_HELP}`);
  return 64;
}

export async function reportCommand(args: string[], deps: Deps): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "resolution") return usage(sub ? `unknown report "${sub}"` : "which report?");
  const { flags, error } = parseFlags(rest, FLAGS);
  if (error) return usage(error);
  const { out, ...query } = flags;
  const parsed = resolutionQuery.safeParse(query);
  if (!parsed.success)
    return usage(parsed.error.issues.map((i) => `--${i.path.join(".") || "?"}: ${i.message}`).join("; "));
  const q = parsed.data;
  if (q.format !== "json" && !out) return usage(`--format ${q.format} needs --out FILE`);

  return deps.withDb(async (db) => {
    const unit = await findUnitByCode(db.db, q.unit);
    if (!unit) return usage(`no unit has the code ${q.unit}`);
    const path = await unitPath(db.db, unit.id);
    const actor: Actor = {
      userId: CLI_OPERATOR_ID,
      kind: "staff",
      fullName: "cli",
      grants: [{ id: "cli", role: "system_admin", unitId: path[0]! }],
    };
    const ctx = { actor, tx: db.db, audit: {}, config: loadConfig() };
    let report: Awaited<ReturnType<typeof resolutionReport>>;
    try {
      report = await resolutionReport(ctx, q);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const fields = err.fieldErrors.map((f) => `--${f.field}: ${f.message.en}`);
      return usage(fields.length > 0 ? fields.join("; ") : err.messages.en);
    }
    const file =
      q.format === "json"
        ? `${JSON.stringify(report, null, 2)}\n`
        : q.format === "xlsx"
          ? await resolutionWorkbook(report, q.lang)
          : await resolutionPdf(report);
    if (out) writeFileSync(out, file);
    else process.stdout.write(file);
    await insertAudit(
      db.db,
      deps.audit("cli.report.resolution", {
        unit: q.unit,
        from: q.from,
        to: q.to,
        format: q.format,
        out: out ?? null,
      }),
    );
    if (out) console.error(`Written to ${out}.`);
    return 0;
  });
}
