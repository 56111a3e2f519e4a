// Demo e-forms (tờ khai điện tử) of the most common procedures, owned by the province so every
// ward inherits them. Fields follow the official declaration forms (Thông tư 04/2024/TT-BTP for
// civil status, Nghị định 168/2025/NĐ-CP for household businesses, Nghị định 23/2015/NĐ-CP for
// certification), built with the same `fieldsToForm` the builder uses.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/client.ts";
import { eforms } from "../db/schema.portal.ts";
import { type EformField, type FormData, fieldsToForm } from "../modules/eforms/eform.model.ts";

type Opt = [value: string, vi: string, en: string];
const options = (...os: Opt[]) => os.map(([value, vi, en]) => ({ value, label: { vi, en } }));

function field(
  key: string,
  kind: EformField["kind"],
  vi: string,
  en: string,
  more: Partial<EformField> = {},
): EformField {
  return { key, kind, label: { vi, en }, required: true, width: "half", ...more };
}
const optional = { required: false } as const;
const full = { width: "full" } as const;

const SEX = options(["male", "Nam", "Male"], ["female", "Nữ", "Female"]);
const declaration = (vi: string, en: string) => field("declaration", "checkbox", vi, en, full);

const requester = [
  field("requesterName", "text", "Họ, chữ đệm, tên người yêu cầu", "Requester's full name", {
    prefill: "profile.fullName",
    maxLength: 100,
  }),
  field("requesterIdNumber", "id_number", "Số định danh cá nhân", "Personal ID number", {
    prefill: "applicant.idNumber",
  }),
  field("requesterAddress", "text", "Nơi cư trú", "Place of residence", {
    ...full,
    prefill: "applicant.address",
  }),
  field("requesterPhone", "phone", "Số điện thoại", "Phone number", {
    ...optional,
    prefill: "profile.phone",
  }),
];

const birth: EformField[] = [
  ...requester,
  field("requesterRelation", "select", "Quan hệ với người được khai sinh", "Relation to the child", {
    options: options(
      ["father", "Cha", "Father"],
      ["mother", "Mẹ", "Mother"],
      ["grandparent", "Ông, bà", "Grandparent"],
      ["relative", "Người thân thích khác", "Other relative"],
    ),
  }),
  field("childName", "text", "Họ, chữ đệm, tên người được khai sinh", "Child's full name", {
    maxLength: 100,
  }),
  field("childSex", "radio", "Giới tính", "Sex", { options: SEX }),
  field("childBirthDate", "date", "Ngày, tháng, năm sinh", "Date of birth"),
  field("childBirthPlace", "text", "Nơi sinh", "Place of birth", {
    ...full,
    help: { vi: "Tên cơ sở y tế hoặc địa chỉ nơi sinh", en: "Name of the hospital, or the address" },
  }),
  field("childEthnicity", "text", "Dân tộc", "Ethnicity", { maxLength: 50 }),
  field("childNationality", "text", "Quốc tịch", "Nationality", { maxLength: 50 }),
  field("childHomeTown", "text", "Quê quán", "Home town", { ...optional, ...full }),
  field("motherName", "text", "Họ, chữ đệm, tên người mẹ", "Mother's full name", { maxLength: 100 }),
  field("motherBirthYear", "number", "Năm sinh của mẹ", "Mother's year of birth", {
    minimum: 1900,
    maximum: 2100,
  }),
  field(
    "motherIdNumber",
    "id_number",
    "Số định danh cá nhân của mẹ",
    "Mother's personal ID number",
    optional,
  ),
  field("fatherName", "text", "Họ, chữ đệm, tên người cha", "Father's full name", {
    ...optional,
    maxLength: 100,
  }),
  field("fatherBirthYear", "number", "Năm sinh của cha", "Father's year of birth", {
    ...optional,
    minimum: 1900,
    maximum: 2100,
  }),
  field(
    "fatherIdNumber",
    "id_number",
    "Số định danh cá nhân của cha",
    "Father's personal ID number",
    optional,
  ),
  declaration(
    "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về cam đoan của mình.",
    "I declare that the above is true and take legal responsibility for this declaration.",
  ),
];

const certifiedCopy: EformField[] = [
  ...requester,
  field("documentName", "text", "Tên giấy tờ, văn bản cần chứng thực", "Document to certify", {
    ...full,
    maxLength: 300,
  }),
  field("issuedBy", "text", "Cơ quan cấp bản chính", "Issued by", { ...optional, maxLength: 200 }),
  field("pages", "number", "Số trang của bản chính", "Pages of the original", { minimum: 1, maximum: 500 }),
  field("copies", "number", "Số bản sao cần chứng thực", "Number of certified copies", {
    minimum: 1,
    maximum: 100,
  }),
];

const maritalStatus: EformField[] = [
  ...requester,
  field("subjectName", "text", "Họ, chữ đệm, tên người được xác nhận", "Full name of the person", {
    prefill: "previous",
    maxLength: 100,
  }),
  field("subjectBirthDate", "date", "Ngày, tháng, năm sinh", "Date of birth", {
    prefill: "applicant.birthDate",
  }),
  field("subjectSex", "radio", "Giới tính", "Sex", { options: SEX }),
  field("subjectEthnicity", "text", "Dân tộc", "Ethnicity", { maxLength: 50, prefill: "previous" }),
  field("subjectNationality", "text", "Quốc tịch", "Nationality", { maxLength: 50, prefill: "previous" }),
  field("status", "select", "Tình trạng hôn nhân", "Marital status", {
    ...full,
    options: options(
      ["never_married", "Chưa đăng ký kết hôn với ai", "Never married"],
      ["married", "Đang có vợ/chồng", "Married"],
      ["divorced", "Đã ly hôn, chưa kết hôn lại", "Divorced, not remarried"],
      ["widowed", "Vợ/chồng đã chết, chưa kết hôn lại", "Widowed, not remarried"],
    ),
  }),
  field("purpose", "radio", "Mục đích sử dụng", "Purpose", {
    options: options(
      ["marriage", "Để đăng ký kết hôn", "To marry"],
      ["other", "Mục đích khác", "Other purpose"],
    ),
  }),
  field("partnerName", "text", "Họ tên người dự định kết hôn", "Intended spouse's name", {
    ...optional,
    maxLength: 100,
    help: { vi: "Khi dùng để đăng ký kết hôn", en: "When it is used to marry" },
  }),
  declaration(
    "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về cam đoan của mình.",
    "I declare that the above is true and take legal responsibility for this declaration.",
  ),
];

const householdBusiness: EformField[] = [
  field("businessName", "text", "Tên hộ kinh doanh", "Business name", { ...full, maxLength: 200 }),
  field("businessAddress", "text", "Địa điểm kinh doanh", "Business address", { ...full, maxLength: 300 }),
  field("businessPhone", "phone", "Điện thoại", "Phone", { prefill: "profile.phone" }),
  field("businessEmail", "email", "Thư điện tử", "E-mail", { ...optional, prefill: "profile.email" }),
  field("businessLines", "textarea", "Ngành, nghề kinh doanh", "Lines of business", {
    ...full,
    maxLength: 2000,
  }),
  field("capitalVnd", "number", "Vốn kinh doanh (đồng)", "Capital (VND)", { minimum: 0 }),
  field("employees", "number", "Số lượng lao động", "Number of workers", {
    ...optional,
    minimum: 0,
    maximum: 10,
  }),
  field("ownerName", "text", "Họ, chữ đệm, tên chủ hộ kinh doanh", "Owner's full name", {
    prefill: "profile.fullName",
    maxLength: 100,
  }),
  field("ownerBirthDate", "date", "Ngày sinh", "Date of birth", { prefill: "applicant.birthDate" }),
  field("ownerSex", "radio", "Giới tính", "Sex", { options: SEX }),
  field("ownerIdNumber", "id_number", "Số định danh cá nhân", "Personal ID number", {
    prefill: "applicant.idNumber",
  }),
  field("ownerAddress", "text", "Nơi cư trú", "Place of residence", {
    ...full,
    prefill: "applicant.address",
  }),
  declaration(
    "Tôi cam kết trung thực, chính xác của nội dung đề nghị đăng ký và chịu trách nhiệm trước pháp luật.",
    "I certify that this application is true and accurate and take legal responsibility for it.",
  ),
];

/** The demo forms by procedure code (codes of the demo catalog). */
export const demoEforms: Record<string, { title: string; fields: EformField[] }> = {
  "1.001193": { title: "Tờ khai đăng ký khai sinh", fields: birth },
  "2.000815": { title: "Phiếu yêu cầu chứng thực bản sao từ bản chính", fields: certifiedCopy },
  "1.004873": { title: "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", fields: maritalStatus },
  "1.001612": { title: "Giấy đề nghị đăng ký hộ kinh doanh", fields: householdBusiness },
};

/** Valid data of the marital status form (the demo's online dossier and tests file it). */
export const demoMaritalStatusData: FormData = {
  requesterName: "Nguyễn Văn An",
  requesterIdNumber: "046090001234",
  requesterAddress: "1 Lê Lợi, phường Thuận Hóa, thành phố Huế",
  requesterPhone: "0912345678",
  subjectName: "Nguyễn Văn An",
  subjectBirthDate: "1990-05-12",
  subjectSex: "male",
  subjectEthnicity: "Kinh",
  subjectNationality: "Việt Nam",
  status: "never_married",
  purpose: "marriage",
  partnerName: "Trần Thị Bình",
  declaration: true,
};

/**
 * Revision 1 of each demo form at the province, for the version of the procedure in force today.
 * Idempotent: an existing revision 1 is left as it is.
 */
export async function seedDemoEforms(tx: Executor, provinceId: string, createdBy: string | null = null) {
  for (const [code, { title, fields }] of Object.entries(demoEforms)) {
    const [version] = await queryRows<{ id: string }>(
      tx,
      sql`select pv.id from procedures p join procedure_versions pv on pv.procedure_id = p.id
           where p.code = ${code} and pv.effective_from <= (now() at time zone 'Asia/Ho_Chi_Minh')::date
           order by pv.effective_from desc, pv.version desc limit 1`,
    );
    if (!version) continue;
    const { schema, ui } = fieldsToForm(title, fields);
    await tx
      .insert(eforms)
      .values({
        procedureVersionId: version.id,
        unitId: provinceId,
        revision: 1,
        title,
        schema,
        ui,
        createdBy,
      })
      .onConflictDoNothing();
  }
}
