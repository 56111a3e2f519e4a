// Demo PAR index (issue #7): the city's criteria sets for its communes and wards for this year and
// the previous one (eight groups as provinces issue them, 2–4 criteria each, 100 points, four
// criteria filled from motcua's own figures), the previous year appraised for the five wards, and
// this year's self-assessments in every state: Thuận Hóa's draft still lacks two criteria (one of
// them automatic), Phú Xuân and Thanh Thủy have submitted, Phú Bài has been appraised, Phú Vinh has
// not started. The points are made up, deterministic, with a tie in last year's ranking.
import { inArray } from "drizzle-orm";
import type { Executor } from "../db/client.ts";
import { parAssessments, parCriteria, parCriteriaSets, parScores } from "../db/schema.par.ts";
import { users } from "../db/schema.ts";
import { type AutoSource, leafCodes, round2, totals } from "../modules/par/par.logic.ts";
import { vietnamDate } from "../shared/dates.ts";

type DemoCriterion = {
  code: string;
  title: string;
  titleEn: string;
  max: number;
  /** Points of this year's set where they differ from last year's. */
  maxNow?: number;
  auto?: AutoSource;
  guidance?: string;
};

const CRITERIA: DemoCriterion[] = [
  {
    code: "1",
    title: "Công tác chỉ đạo, điều hành cải cách hành chính",
    titleEn: "Direction of administrative reform",
    max: 10,
  },
  {
    code: "1.1",
    title: "Ban hành kế hoạch cải cách hành chính năm đúng thời hạn",
    titleEn: "Yearly reform plan issued on time",
    max: 4,
    guidance: "Kế hoạch ban hành trước ngày 31/12 năm trước: 4 điểm; chậm: 2 điểm; không ban hành: 0 điểm.",
  },
  {
    code: "1.2",
    title: "Báo cáo cải cách hành chính định kỳ đầy đủ, đúng hạn",
    titleEn: "Periodic reform reports complete and on time",
    max: 3,
  },
  {
    code: "1.3",
    title: "Kiểm tra công tác cải cách hành chính",
    titleEn: "Inspection of reform work",
    max: 3,
  },
  { code: "2", title: "Cải cách thể chế", titleEn: "Institutional reform", max: 8 },
  {
    code: "2.1",
    title: "Ban hành văn bản theo thẩm quyền đúng quy định",
    titleEn: "Legal documents issued as required",
    max: 4,
  },
  {
    code: "2.2",
    title: "Rà soát, kiểm tra văn bản quy phạm pháp luật",
    titleEn: "Review of legal documents",
    max: 4,
  },
  { code: "3", title: "Cải cách thủ tục hành chính", titleEn: "Administrative procedure reform", max: 22 },
  {
    code: "3.1",
    title: "Công khai thủ tục hành chính đầy đủ, kịp thời",
    titleEn: "Procedures published fully and promptly",
    max: 5,
  },
  {
    code: "3.2",
    title: "Tỷ lệ hồ sơ giải quyết trước và đúng hạn",
    titleEn: "Share of dossiers resolved early or on time",
    max: 8,
    auto: "on_time_share",
    guidance:
      "Điểm = điểm tối đa × số hồ sơ giải quyết trước và đúng hạn / số hồ sơ đã giải quyết trong năm.",
  },
  {
    code: "3.3",
    title: "Xin lỗi người dân khi giải quyết hồ sơ trễ hạn",
    titleEn: "Apologies to applicants for late dossiers",
    max: 4,
    auto: "apology_share",
  },
  {
    code: "3.4",
    title: "Tiếp nhận, xử lý phản ánh, kiến nghị về thủ tục hành chính",
    titleEn: "Feedback on procedures handled",
    max: 5,
  },
  {
    code: "4",
    title: "Cải cách tổ chức bộ máy hành chính",
    titleEn: "Reform of the administrative organisation",
    max: 8,
  },
  {
    code: "4.1",
    title: "Sắp xếp tổ chức bộ máy theo quy định",
    titleEn: "Organisation arranged as required",
    max: 4,
  },
  {
    code: "4.2",
    title: "Thực hiện phân cấp, ủy quyền",
    titleEn: "Decentralisation and delegation carried out",
    max: 4,
  },
  {
    code: "5",
    title: "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức",
    titleEn: "Civil service",
    max: 10,
  },
  { code: "5.1", title: "Quản lý vị trí việc làm, biên chế", titleEn: "Job positions and staffing", max: 4 },
  {
    code: "5.2",
    title: "Đào tạo, bồi dưỡng cán bộ, công chức",
    titleEn: "Training of civil servants",
    max: 3,
  },
  { code: "5.3", title: "Kỷ luật, kỷ cương hành chính", titleEn: "Administrative discipline", max: 3 },
  { code: "6", title: "Cải cách tài chính công", titleEn: "Public finance reform", max: 8 },
  {
    code: "6.1",
    title: "Quản lý, sử dụng ngân sách đúng quy định",
    titleEn: "Budget managed and used as required",
    max: 4,
  },
  { code: "6.2", title: "Thực hiện cơ chế tự chủ tài chính", titleEn: "Financial autonomy", max: 4 },
  {
    code: "7",
    title: "Xây dựng chính quyền điện tử, chính quyền số",
    titleEn: "Digital government",
    max: 14,
    maxNow: 16,
  },
  {
    code: "7.1",
    title: "Tỷ lệ hồ sơ tiếp nhận trực tuyến",
    titleEn: "Share of dossiers received online",
    max: 5,
    maxNow: 6,
    auto: "online_share",
  },
  {
    code: "7.2",
    title: "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    titleEn: "Digitisation of dossiers and results",
    max: 5,
  },
  {
    code: "7.3",
    title: "Ứng dụng công nghệ thông tin trong chỉ đạo, điều hành",
    titleEn: "IT in direction and management",
    max: 4,
    maxNow: 5,
  },
  {
    code: "8",
    title: "Mức độ hài lòng của người dân, tổ chức",
    titleEn: "Citizen satisfaction",
    max: 20,
    maxNow: 18,
  },
  {
    code: "8.1",
    title: "Tỷ lệ người dân hài lòng với việc giải quyết thủ tục hành chính",
    titleEn: "Share of applicants satisfied",
    max: 10,
    auto: "satisfaction_share",
  },
  {
    code: "8.2",
    title: "Kết quả khảo sát sự hài lòng của người dân",
    titleEn: "Satisfaction survey",
    max: 10,
    maxNow: 8,
  },
];

const WARDS = ["46.19753", "46.19774", "46.19900", "46.19918", "46.20002"] as const;
/** Last year: every ward appraised; the quality of each ward's work (two wards tie). */
const LAST_YEAR: Record<(typeof WARDS)[number], number> = {
  "46.19753": 0.93,
  "46.19774": 0.88,
  "46.19900": 0.85,
  "46.19918": 0.88,
  "46.20002": 0.78,
};
type NowState = { status: "draft" | "submitted" | "appraised"; quality: number; skip?: string[] };
/** This year: Phú Vinh has not started. */
const THIS_YEAR: Partial<Record<(typeof WARDS)[number], NowState>> = {
  "46.19753": { status: "draft", quality: 0.95, skip: ["1.2", "3.2"] },
  "46.19774": { status: "submitted", quality: 0.9 },
  "46.19900": { status: "appraised", quality: 0.9 },
  "46.19918": { status: "submitted", quality: 0.84 },
};

/** Points of a leaf for a ward's quality: the same variation per criterion for every ward. */
function pointsFor(max: number, quality: number, index: number): number {
  const variation = 0.86 + ((index * 37) % 19) / 100;
  return round2(Math.min(max, max * Math.min(1, quality * variation)));
}
const selfFor = (appraised: number, max: number) => round2(Math.min(max, appraised + max * 0.06));

export async function seedDemoPar(
  tx: Executor,
  units: Map<string, string>,
  today: string = vietnamDate(),
): Promise<void> {
  const year = Number(today.slice(0, 4));
  const people = await tx
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(users.username, ["admin", "giamsat", "quantri.thuanhoa", "quantri.phuxuan"]));
  const user = (name: string) => people.find((p) => p.username === name)!.id;
  const enteredBy = (ward: string) =>
    ward === "46.19753"
      ? user("quantri.thuanhoa")
      : ward === "46.19774"
        ? user("quantri.phuxuan")
        : user("admin");

  for (const [y, now] of [
    [year - 1, false],
    [year, true],
  ] as const) {
    const [set] = await tx
      .insert(parCriteriaSets)
      .values({
        issuerUnitId: units.get("46")!,
        year: y,
        level: "commune",
        title: `Bộ tiêu chí đánh giá Chỉ số cải cách hành chính các xã, phường năm ${y}`,
        createdBy: user("admin"),
        updatedBy: user("admin"),
      })
      .returning({ id: parCriteriaSets.id });
    const rows = CRITERIA.map((c, i) => ({
      setId: set!.id,
      code: c.code,
      parentCode: c.code.includes(".") ? c.code.slice(0, c.code.lastIndexOf(".")) : null,
      title: c.title,
      titleEn: c.titleEn,
      maxPoints: now ? (c.maxNow ?? c.max) : c.max,
      guidance: c.guidance ?? null,
      autoSource: c.auto ?? null,
      sortOrder: i,
    }));
    const criteria = await tx
      .insert(parCriteria)
      .values(rows)
      .returning({ id: parCriteria.id, code: parCriteria.code });
    const idOf = new Map(criteria.map((c) => [c.code, c.id]));
    const leaves = leafCodes(rows);
    const maxOf = new Map(rows.map((r) => [r.code, r.maxPoints]));

    for (const ward of WARDS) {
      const state: NowState | undefined = now
        ? THIS_YEAR[ward]
        : { status: "appraised", quality: LAST_YEAR[ward] };
      if (!state) continue;
      const appraised = new Map<string, number | null>();
      const self = new Map<string, number | null>();
      leaves.forEach((code, i) => {
        const max = maxOf.get(code)!;
        const a = pointsFor(max, state.quality, i);
        appraised.set(code, a);
        self.set(code, state.skip?.includes(code) ? null : selfFor(a, max));
      });
      const selfTotal = totals(rows, self).total;
      const appraisedTotal = totals(rows, appraised).total;
      const done = state.status === "appraised";
      const sent = state.status !== "draft";
      const submittedAt = now ? new Date(Date.now() - 6 * 86_400_000) : new Date(`${y}-12-10T09:00:00+07:00`);
      const appraisedAt = now
        ? new Date(Date.now() - 2 * 86_400_000)
        : new Date(`${y + 1}-01-20T15:00:00+07:00`);
      const [assessment] = await tx
        .insert(parAssessments)
        .values({
          setId: set!.id,
          unitId: units.get(ward)!,
          year: y,
          status: state.status,
          selfTotal,
          appraisedTotal: done ? appraisedTotal : null,
          createdBy: enteredBy(ward),
          submittedBy: sent ? enteredBy(ward) : null,
          submittedAt: sent ? submittedAt.toISOString() : null,
          appraisedBy: done ? user("giamsat") : null,
          appraisedAt: done ? appraisedAt.toISOString() : null,
        })
        .returning({ id: parAssessments.id });
      const scores = leaves
        .filter((code) => self.get(code) !== null)
        .map((code) => ({
          assessmentId: assessment!.id,
          criterionId: idOf.get(code)!,
          maxPoints: maxOf.get(code)!,
          selfPoints: self.get(code)!,
          selfBy: enteredBy(ward),
          selfAt: submittedAt.toISOString(),
          appraisedPoints: done ? appraised.get(code)! : null,
          appraisalNote:
            done && appraised.get(code)! < self.get(code)! ? "Tài liệu kiểm chứng chưa đầy đủ." : null,
          appraisedBy: done ? user("giamsat") : null,
          appraisedAt: done ? appraisedAt.toISOString() : null,
        }));
      if (scores.length > 0) await tx.insert(parScores).values(scores);
    }
  }
}
