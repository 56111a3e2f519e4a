// The tracking book of a unit's desk for a period (tracking-book.ts): applicants' names,
// addresses and phones, so only those who keep or lead the desk may read it. Authorize first:
// personal data of the unit's dossiers (dossier.personal) and either receiving there (the desk)
// or reading its reports (its leader). Specialists and clerks, who also see personal data of the
// dossiers they handle, get 403: the book lists every dossier of the unit.
import type { Ctx } from "../../plugins/context.ts";
import { Errors, fieldError } from "../../shared/errors.ts";
import { can } from "../auth/auth.policy.ts";
import { authorizeUnit } from "../org/org.service.ts";
import type { TrackingBookOut, TrackingBookQuery } from "./reports.schemas.ts";
import { checkPeriod, unitOfReport } from "./reports.service.ts";
import {
  bookDossiers,
  bookForm,
  bookRow,
  countBookDossiers,
  deskName,
  MAX_BOOK_ROWS,
} from "./tracking-book.ts";

export async function trackingBook(
  ctx: Ctx,
  q: Pick<TrackingBookQuery, "unit" | "from" | "to"> & { format?: TrackingBookQuery["format"] },
): Promise<TrackingBookOut> {
  const found = await unitOfReport(ctx, q.unit);
  const { unit, path } = await authorizeUnit(ctx, found.id, "dossier.personal");
  if (!can(ctx.actor, "dossier.receive", path) && !can(ctx.actor, "report.read", path))
    throw Errors.forbidden();
  checkPeriod(q.from, q.to);
  const count = await countBookDossiers(ctx.tx, unit.id, q.from, q.to);
  const max = MAX_BOOK_ROWS[q.format ?? "json"];
  if (count > max)
    throw Errors.invalid([
      fieldError(
        "to",
        "report.too_many_rows",
        {
          vi: `Kỳ này có ${count} hồ sơ, quá ${max} hồ sơ của một sổ. Hãy chọn kỳ ngắn hơn.`,
          en: `The period has ${count} dossiers, more than the ${max} of one book. Choose a shorter period.`,
        },
        "query",
      ),
    ]);
  const rows = (await bookDossiers(ctx.tx, unit.id, q.from, q.to)).map(bookRow);
  ctx.audit.details = { unit: unit.code, from: q.from, to: q.to, rows: rows.length };
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name, desk: await deskName(ctx.tx, unit.id) },
    from: q.from,
    to: q.to,
    form: bookForm(q.to),
    generatedAt: new Date().toISOString(),
    rows,
  };
}
