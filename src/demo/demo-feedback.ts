// The kinds of feedback (Open311 services) a deployment starts with, seeded with the demo data
// (issue #8, feedback): about a procedure, a desk or an official's attitude, a place or facility,
// an online service, and suggestions. Idempotent: an existing code is left as it is.
import type { Executor } from "../db/client.ts";
import { feedbackServices } from "../db/schema.voice.ts";

export const DEMO_FEEDBACK_SERVICES: (typeof feedbackServices.$inferInsert)[] = [
  {
    code: "procedure",
    nameVi: "Thủ tục hành chính",
    nameEn: "Administrative procedure",
    descriptionVi: "Phản ánh về quy định, hồ sơ, thời hạn hoặc cách giải quyết một thủ tục hành chính.",
    descriptionEn: "Feedback on the rules, papers, deadline or handling of an administrative procedure.",
    groupName: "Thủ tục hành chính",
    keywords: ["thủ tục", "hồ sơ", "thời hạn", "procedure"],
    answerDays: 10,
  },
  {
    code: "desk",
    nameVi: "Bộ phận Một cửa, thái độ cán bộ",
    nameEn: "One-stop desk, staff attitude",
    descriptionVi: "Phản ánh về việc tiếp nhận tại quầy, thời gian chờ, thái độ hoặc hành vi của cán bộ.",
    descriptionEn: "Feedback on reception at a desk, waiting time, or an official's attitude or conduct.",
    groupName: "Bộ phận Một cửa",
    keywords: ["quầy", "thái độ", "chờ", "desk", "attitude"],
    answerDays: 5,
  },
  {
    code: "place",
    nameVi: "Trụ sở, cơ sở vật chất",
    nameEn: "Premises and facilities",
    descriptionVi: "Phản ánh về trụ sở, chỗ ngồi chờ, lối đi cho người khuyết tật, bãi xe, vệ sinh.",
    descriptionEn: "Feedback on premises, waiting seats, step-free access, parking, toilets.",
    groupName: "Cơ sở vật chất",
    keywords: ["trụ sở", "bãi xe", "lối đi", "facility"],
    answerDays: 10,
  },
  {
    code: "online",
    nameVi: "Dịch vụ công trực tuyến",
    nameEn: "Online public service",
    descriptionVi: "Phản ánh về cổng dịch vụ công: lỗi, thanh toán, tài khoản, thông báo.",
    descriptionEn: "Feedback on the online portal: errors, payment, accounts, notifications.",
    groupName: "Dịch vụ công trực tuyến",
    keywords: ["trực tuyến", "cổng", "lỗi", "online"],
    answerDays: 5,
  },
  {
    code: "suggestion",
    nameVi: "Kiến nghị, góp ý",
    nameEn: "Suggestion",
    descriptionVi: "Kiến nghị, đề xuất cải tiến quy định hoặc cách phục vụ người dân.",
    descriptionEn: "A suggestion to improve rules or how citizens are served.",
    groupName: "Kiến nghị",
    keywords: ["kiến nghị", "góp ý", "đề xuất", "suggestion"],
    answerDays: 15,
  },
];

export async function seedFeedbackServices(tx: Executor) {
  await tx.insert(feedbackServices).values(DEMO_FEEDBACK_SERVICES).onConflictDoNothing();
}
