// The service index of Decision 766/QĐ-TTg (2022-06-23) as data: groups, indicators, their
// maximum points and their formulas (numerator / denominator as sums of named counts). Sets are
// effective-dated like the rule sets: the set in force on the last day of a period scores it.
//
// Sources. The six groups and their maxima (18 + 20 + 12 + 10 + 18 + 22 = 100) and the three
// ratios of the satisfaction group are restated by provincial and legal-news sites summarising the
// decision [S]; the same sites give 20 points to the on-time ratio, 4 to "procedures updated and
// published on time" and 6 to "satisfaction in receiving and resolving dossiers" [S]. The other
// indicators' points are those the national public service portal reports per metric, as read by
// a third-party tracker of the portal's figures [S: one source]. Where motcua has no data for an
// indicator (it lives in the national databases, or the feature is not built yet) the indicator
// is kept with `measured: false`: it scores 0 and is left out of the measured maximum.
//
// Scoring (index.logic.ts): points = max × min(1, ratio / target), target 1 unless given, i.e.
// linear in the ratio [I: the portal may give full marks from a target ratio; set `target` here
// when confirmed].

/** Counts the formulas are made of (index.repository.ts computes every one of them). */
export const COUNT_NAMES = [
  // Catalog: procedures the unit (and its subtree) serves, in force on the period's last day.
  "procedures.served",
  "procedures.complete",
  "procedures.online",
  "procedures.population_data",
  // Report counters (resolution report): resolved in the period, pending at its end.
  "resolved.early",
  "resolved.on_time",
  "resolved.late",
  "pending.within_deadline",
  "pending.overdue",
  // Dossier rows, live and imported history.
  "received.online_procedures",
  "received.online_of_online_procedures",
  "satisfaction.resolved",
  "satisfaction.not_late_nor_dissatisfied",
  // Dossier rows, live only (imported history carries no documents and has no public lookup).
  "live.received",
  "live.received_public",
  "live.received_electronic",
  "live.received_reused",
  "live.resolved",
  "live.resolved_electronic_result",
  "live.resolved_result_in_store",
] as const;
export type CountName = (typeof COUNT_NAMES)[number];

/** What a count counts: procedures (drill-down lists procedures) or dossiers. */
export const COUNT_KIND = (name: CountName): "procedures" | "dossiers" =>
  name.startsWith("procedures.") ? "procedures" : "dossiers";

export type Text = { vi: string; en: string };
export const GROUP_IDS = [
  "publicity",
  "progress",
  "online",
  "payment",
  "satisfaction",
  "digitization",
] as const;
export type GroupId = (typeof GROUP_IDS)[number];

export interface IndicatorDef {
  id: string;
  name: Text;
  max: number;
  /** [S] a secondary source gives this indicator and its points; [I] our choice, to verify. */
  source: "S" | "I";
  /** Null: motcua cannot measure it yet (scores 0, left out of the measured maximum). */
  formula: { numerator: CountName[]; denominator: CountName[] } | null;
  /** The ratio from which full marks are given (default 1: points linear in the ratio). */
  target?: number;
  note?: Text;
}

export interface GroupDef {
  id: GroupId;
  name: Text;
  max: number;
  indicators: IndicatorDef[];
}

export interface DefinitionSet {
  /** First day the set applies (Vietnam calendar). */
  from: string;
  decision: string;
  groups: GroupDef[];
}

const NOT_IN_MOTCUA: Text = {
  vi: "Số liệu nằm ở Cơ sở dữ liệu quốc gia về thủ tục hành chính, chưa kết nối với motcua.",
  en: "The figure lives in the national procedure database, not yet connected to motcua.",
};
const PAYMENTS_LATER: Text = {
  vi: "Chưa có thanh toán trực tuyến trong motcua (dự kiến ở issue #9).",
  en: "motcua takes no online payments yet (planned in issue #9).",
};
const PETITIONS_LATER: Text = {
  vi: "Chưa có chức năng tiếp nhận phản ánh, kiến nghị trong motcua.",
  en: "motcua does not receive feedback and petitions yet.",
};
const LIVE_ONLY: Text = {
  vi: "Chỉ tính hồ sơ tiếp nhận trên motcua: hồ sơ nhập từ hệ thống cũ không kèm giấy tờ điện tử.",
  en: "Counts dossiers received in motcua only: dossiers imported from earlier systems carry no documents.",
};

export const DEFINITION_SETS: readonly DefinitionSet[] = [
  {
    from: "2022-06-23",
    decision: "766/QĐ-TTg",
    groups: [
      {
        id: "publicity",
        name: { vi: "Công khai, minh bạch", en: "Publicity and transparency" },
        max: 18,
        indicators: [
          {
            id: "publicity.published_on_time",
            name: { vi: "Thủ tục hành chính công bố đúng hạn", en: "Procedures published on time" },
            max: 6,
            source: "S",
            formula: null,
            note: NOT_IN_MOTCUA,
          },
          {
            id: "publicity.updated_on_time",
            name: {
              vi: "Thủ tục hành chính cập nhật, công khai đúng hạn",
              en: "Procedures updated and made public on time",
            },
            max: 4,
            source: "S",
            formula: null,
            note: NOT_IN_MOTCUA,
          },
          {
            id: "publicity.complete_record",
            name: {
              vi: "Thủ tục hành chính công khai đầy đủ nội dung",
              en: "Procedures published with a complete record",
            },
            max: 2,
            source: "S",
            formula: { numerator: ["procedures.complete"], denominator: ["procedures.served"] },
            note: {
              vi: "Đầy đủ: có cơ quan thực hiện, thời hạn, thành phần hồ sơ, kết quả và căn cứ pháp lý (phí, lệ phí chỉ ghi khi có).",
              en: "Complete: executing agency, deadline, documents, result and legal basis stated (fees only where they apply).",
            },
          },
          {
            id: "publicity.public_status",
            name: {
              vi: "Hồ sơ công khai trạng thái theo mã hồ sơ",
              en: "Dossiers whose status is public by their code",
            },
            max: 6,
            source: "S",
            formula: { numerator: ["live.received_public"], denominator: ["live.received"] },
            note: {
              vi: "Tương ứng chỉ tiêu hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia. Trên motcua mọi hồ sơ đã tiếp nhận đều tra cứu được theo mã, nên tỷ lệ luôn là 100 %; hồ sơ nhập từ hệ thống cũ không tính.",
              en: "Stands for the indicator of dossiers synchronised to the national portal. Every dossier received in motcua can be looked up by its code, so the ratio is 100 % by construction; imported dossiers are not counted.",
            },
          },
        ],
      },
      {
        id: "progress",
        name: { vi: "Tiến độ giải quyết", en: "Progress of resolution" },
        max: 20,
        indicators: [
          {
            id: "progress.on_time",
            name: {
              vi: "Hồ sơ giải quyết trước hạn, đúng hạn và đang giải quyết trong hạn",
              en: "Dossiers resolved early or on time and pending within the deadline",
            },
            max: 20,
            source: "S",
            formula: {
              numerator: ["resolved.early", "resolved.on_time", "pending.within_deadline"],
              denominator: [
                "resolved.early",
                "resolved.on_time",
                "resolved.late",
                "pending.within_deadline",
                "pending.overdue",
              ],
            },
            note: {
              vi: "Giải quyết trong kỳ và còn đang giải quyết cuối kỳ; hồ sơ rút, dừng, từ chối không tính.",
              en: "Resolved in the period and pending at its end; withdrawn, stopped and refused dossiers are left out.",
            },
          },
        ],
      },
      {
        id: "online",
        name: { vi: "Cung cấp dịch vụ công trực tuyến", en: "Online public services" },
        max: 12,
        indicators: [
          {
            id: "online.procedures",
            name: {
              vi: "Thủ tục cung cấp dịch vụ công trực tuyến (toàn trình hoặc một phần)",
              en: "Procedures offered online (fully or partly)",
            },
            max: 6,
            source: "I",
            formula: { numerator: ["procedures.online"], denominator: ["procedures.served"] },
          },
          {
            id: "online.dossiers",
            name: {
              vi: "Hồ sơ nộp trực tuyến của thủ tục có dịch vụ công trực tuyến",
              en: "Dossiers filed online among those of procedures offered online",
            },
            max: 6,
            source: "I",
            formula: {
              numerator: ["received.online_of_online_procedures"],
              denominator: ["received.online_procedures"],
            },
          },
        ],
      },
      {
        id: "payment",
        name: { vi: "Thanh toán trực tuyến", en: "Online payment" },
        max: 10,
        indicators: [
          {
            id: "payment.procedures_offered",
            name: {
              vi: "Thủ tục có nghĩa vụ tài chính được thanh toán trực tuyến",
              en: "Fee-bearing procedures payable online",
            },
            max: 2,
            source: "S",
            formula: null,
            note: PAYMENTS_LATER,
          },
          {
            id: "payment.procedures_paid",
            name: {
              vi: "Thủ tục có giao dịch thanh toán trực tuyến",
              en: "Procedures with online payment transactions",
            },
            max: 2,
            source: "S",
            formula: null,
            note: PAYMENTS_LATER,
          },
          {
            id: "payment.dossiers_paid",
            name: { vi: "Hồ sơ thanh toán trực tuyến", en: "Dossiers paid online" },
            max: 6,
            source: "S",
            formula: null,
            note: PAYMENTS_LATER,
          },
        ],
      },
      {
        id: "satisfaction",
        name: { vi: "Mức độ hài lòng", en: "Satisfaction" },
        max: 18,
        indicators: [
          {
            id: "satisfaction.petitions_on_time",
            name: { vi: "Phản ánh, kiến nghị xử lý đúng hạn", en: "Petitions handled on time" },
            max: 6,
            source: "S",
            formula: null,
            note: PETITIONS_LATER,
          },
          {
            id: "satisfaction.petitions_satisfied",
            name: {
              vi: "Hài lòng trong xử lý phản ánh, kiến nghị",
              en: "Satisfaction with the handling of petitions",
            },
            max: 6,
            source: "S",
            formula: null,
            note: PETITIONS_LATER,
          },
          {
            id: "satisfaction.dossiers",
            name: {
              vi: "Hài lòng trong tiếp nhận, giải quyết thủ tục hành chính",
              en: "Satisfaction with the reception and resolution of dossiers",
            },
            max: 6,
            source: "S",
            formula: {
              numerator: ["satisfaction.not_late_nor_dissatisfied"],
              denominator: ["satisfaction.resolved"],
            },
            note: {
              vi: "(Hồ sơ giải quyết trong kỳ − hồ sơ trễ hạn hoặc bị đánh giá không hài lòng) / hồ sơ giải quyết trong kỳ.",
              en: "(Dossiers resolved in the period − those late or rated dissatisfied) / dossiers resolved in the period.",
            },
          },
        ],
      },
      {
        id: "digitization",
        name: { vi: "Số hóa hồ sơ", en: "Digitization" },
        max: 22,
        indicators: [
          {
            id: "digitization.electronic_result",
            name: {
              vi: "Hồ sơ có kết quả giải quyết điện tử (ký số)",
              en: "Dossiers with an electronic (signed) result",
            },
            max: 6,
            source: "S",
            formula: { numerator: ["live.resolved_electronic_result"], denominator: ["live.resolved"] },
            note: LIVE_ONLY,
          },
          {
            id: "digitization.components",
            name: {
              vi: "Hồ sơ có thành phần hồ sơ điện tử (nộp trực tuyến, số hóa hoặc dùng lại)",
              en: "Dossiers with electronic components (filed online, digitized or re-used)",
            },
            max: 4,
            source: "S",
            formula: { numerator: ["live.received_electronic"], denominator: ["live.received"] },
            note: LIVE_ONLY,
          },
          {
            id: "digitization.certified_copies",
            name: {
              vi: "Cấp bản sao điện tử chứng thực từ bản chính",
              en: "Electronic certified copies from originals",
            },
            max: 2,
            source: "S",
            formula: null,
            note: {
              vi: "motcua chưa cung cấp dịch vụ chứng thực bản sao điện tử.",
              en: "motcua does not issue electronic certified copies yet.",
            },
          },
          {
            id: "digitization.reused",
            name: {
              vi: "Hồ sơ sử dụng lại giấy tờ đã số hóa",
              en: "Dossiers re-using stored digitized documents",
            },
            max: 2,
            source: "S",
            formula: { numerator: ["live.received_reused"], denominator: ["live.received"] },
            note: LIVE_ONLY,
          },
          {
            id: "digitization.personal_store",
            name: {
              vi: "Hồ sơ có kết quả điện tử lưu vào kho dữ liệu của người nộp",
              en: "Dossiers whose electronic result went to the applicant's document store",
            },
            max: 4,
            source: "S",
            formula: { numerator: ["live.resolved_result_in_store"], denominator: ["live.resolved"] },
            note: LIVE_ONLY,
          },
          {
            id: "digitization.population_data_procedures",
            name: {
              vi: "Thủ tục khai thác dữ liệu từ cơ sở dữ liệu quốc gia",
              en: "Procedures drawing on a national database",
            },
            max: 2,
            source: "S",
            formula: { numerator: ["procedures.population_data"], denominator: ["procedures.served"] },
            note: {
              vi: "Thủ tục có ít nhất một thành phần hồ sơ ghi “khai thác từ cơ sở dữ liệu”.",
              en: "Procedures with at least one required document marked obtainable from a database.",
            },
          },
          {
            id: "digitization.population_data_dossiers",
            name: {
              vi: "Hồ sơ sử dụng thông tin từ Cơ sở dữ liệu quốc gia về dân cư",
              en: "Dossiers using data of the national population database",
            },
            max: 2,
            source: "S",
            formula: null,
            note: {
              vi: "motcua chưa kết nối Cơ sở dữ liệu quốc gia về dân cư.",
              en: "motcua is not connected to the national population database yet.",
            },
          },
        ],
      },
    ],
  },
];

/** The definition set in force on `day` (the last day of a period); null before the decision. */
export function definitionsAt(day: string, sets: readonly DefinitionSet[] = DEFINITION_SETS) {
  let found: DefinitionSet | null = null;
  for (const set of sets) if (set.from <= day && (!found || set.from > found.from)) found = set;
  return found;
}

/** Every indicator of a set, with its group. */
export function indicatorsOf(set: DefinitionSet): (IndicatorDef & { group: GroupId })[] {
  return set.groups.flatMap((g) => g.indicators.map((i) => ({ ...i, group: g.id })));
}
