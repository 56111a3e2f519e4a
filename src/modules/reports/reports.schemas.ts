// Contracts of the official reports (/api/v1/reports).
import { z } from "zod";

const day = z.iso.date();
export const resolutionQuery = z
  .object({
    /** The unit's code (e.g. "46"); the report covers its subtree and the units merged into it. */
    unit: z.string().trim().min(1).max(100),
    /** Vietnam calendar days, inclusive. */
    from: day,
    to: day,
    /** json: the figures; xlsx and pdf: the official layout (Form 06a), as a file to download. */
    format: z.enum(["json", "xlsx", "pdf"]).default("json"),
    /** Headings of the XLSX: Vietnamese (the official layout) or English (same structure). */
    lang: z.enum(["vi", "en"]).default("vi"),
  })
  .strict();
export type ResolutionQuery = z.output<typeof resolutionQuery>;

const n = z.number().int();
export const resolutionCells = z.object({
  received: z
    .object({
      total: n.describe("Received in the period: online + in person + postal"),
      online: n,
      onlineFull: n,
      onlinePartial: n,
      inPerson: n,
      postal: n,
      carriedOver: n.describe("Pending at the end of the day before the period"),
    })
    .describe("Official columns (2)–(4); postal is kept apart from in person (the official (3) sums them)"),
  toHandle: n.describe("Official column (1): received in the period plus carried over"),
  resolved: z.object({ total: n, early: n, onTime: n, late: n }).describe("Official columns (5)–(8)"),
  pending: z
    .object({ total: n, withinDeadline: n, overdue: n, awaitingSupplement: n, suspended: n })
    .describe("At the end of the period; official columns (9)–(11)"),
  ended: z
    .object({ total: n, withdrawn: n, stopped: n, refused: n })
    .describe("Left without a result after reception (reported apart)"),
  serviceModes: z.object({ mobileTeam: n, atHome: n, onTheSpot: n }),
});
export type ResolutionCellsOut = z.output<typeof resolutionCells>;

export const resolutionOut = z.object({
  unit: z.object({ id: z.string(), code: z.string(), name: z.string(), units: n.describe("Units covered") }),
  from: z.string(),
  to: z.string(),
  /** When the figures were read; a period that has ended reads the same ever after. */
  generatedAt: z.string(),
  total: resolutionCells,
  sectors: z.array(resolutionCells.extend({ sector: z.string() })),
  lateness: z
    .object({
      reasons: z.array(z.object({ reason: z.string(), count: n })),
      /** Late dossiers with no reason recorded (no apology; imported history has none). */
      withoutReason: n,
      /** The late dossiers handled in motcua, most recent first (at most 200). */
      dossiers: z.array(
        z.object({
          code: z.string(),
          procedure: z.string(),
          sector: z.string(),
          dueAt: z.string(),
          resolvedAt: z.string(),
          reason: z.string().nullable(),
        }),
      ),
      truncated: z.boolean(),
    })
    .describe(
      "Reasons for lateness (Form 06c): the apology's reason of each dossier resolved late in the period",
    ),
});
export type ResolutionReport = z.output<typeof resolutionOut>;

// ---------------------------------------------------------------------------------------------
// The tracking book (Form 06 of the 2018 regime / Form 07 of the 2025 regime).

export const trackingBookQuery = z
  .object({
    /** The receiving unit's code; the book lists the dossiers received at this unit only. */
    unit: z.string().trim().min(1).max(100),
    /** Vietnam calendar days of reception, inclusive. */
    from: day,
    to: day,
    /** json: the rows; pdf: the official form (A4 landscape); xlsx: the same columns. */
    format: z.enum(["json", "pdf", "xlsx"]).default("json"),
  })
  .strict();
export type TrackingBookQuery = z.output<typeof trackingBookQuery>;

const instant = z.string().describe("ISO 8601 instant (UTC)");
export const trackingBookRow = z.object({
  no: n.describe("STT: order of reception in the period, from 1"),
  id: z.string(),
  code: z.string(),
  procedure: z.object({ code: z.string(), name: z.string() }),
  sets: n,
  applicant: z.object({ name: z.string(), address: z.string().nullable(), phone: z.string().nullable() }),
  leadAgency: z.string().describe("Cơ quan chủ trì giải quyết: the handling unit's name at reception"),
  receivedAt: instant,
  dueAt: instant.nullable().describe("Ngày hẹn trả: the due date in force"),
  transferredAt: instant
    .nullable()
    .describe("First hand-over from the desk to the resolving agency (forward or transfer)"),
  resultBackAt: instant
    .nullable()
    .describe("Result back at the desk from the resolving agency (issue_result)"),
  returnedAt: instant.nullable().describe("Result returned to the applicant"),
  state: z.string(),
  note: z
    .string()
    .nullable()
    .describe("Ghi chú as printed: state when not returned, transfers to other agencies, new appointment"),
});
export type TrackingBookRow = z.output<typeof trackingBookRow>;

export const trackingBookOut = z.object({
  unit: z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    desk: z.string().nullable().describe("The unit's one-stop agency, printed in the letterhead"),
  }),
  from: z.string(),
  to: z.string(),
  form: z.object({
    regime: z.enum(["2018", "2025"]).describe("The rule set in force on `to`"),
    number: z.string().describe('"06" (Circular 01/2018) or "07" (Circular 03/2025)'),
  }),
  generatedAt: z.string(),
  rows: z.array(trackingBookRow),
});
export type TrackingBookOut = z.output<typeof trackingBookOut>;

// ---------------------------------------------------------------------------------------------
// Channel and service-mode figures, visits per dossier, satisfaction (issue #7 item 2).

export const serviceFiguresQuery = z
  .object({ unit: z.string().trim().min(1).max(100), from: day, to: day })
  .strict();

const share = z.number().nullable().describe("Percent, one decimal; null when nothing to divide");
const ratingDistribution = {
  rated: n,
  verySatisfied: n,
  satisfied: n,
  normal: n,
  dissatisfied: n,
  satisfiedShare: share,
};
export const serviceFiguresOut = z.object({
  unit: z.object({ id: z.string(), code: z.string(), name: z.string(), units: n }),
  from: z.string(),
  to: z.string(),
  channels: z.object({
    received: n,
    onlineFull: n,
    onlinePartial: n,
    inPerson: n,
    postal: n,
    shares: z.object({
      online: share,
      onlineFull: share,
      onlinePartial: share,
      inPerson: share,
      postal: share,
    }),
  }),
  serviceModes: z.object({
    onTheSpot: n,
    mobileTeam: n,
    atHome: n,
    shares: z.object({ onTheSpot: share, mobileTeam: share, atHome: share }),
  }),
  visits: z
    .object({
      dossiers: n,
      average: z.number().nullable(),
      atMostOnce: share,
      distribution: z.object({ zero: n, one: n, two: n, threeOrMore: n }),
    })
    .describe(
      "Visits to a desk per dossier received in the period and handled in motcua (goal: at most one)",
    ),
  satisfaction: z.object({
    total: z.object(ratingDistribution),
    byUnit: z.array(
      z.object({
        unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
        ...ratingDistribution,
      }),
    ),
    byOfficial: z.array(
      z.object({ official: z.object({ id: z.string(), name: z.string() }), ...ratingDistribution }),
    ),
  }),
});
