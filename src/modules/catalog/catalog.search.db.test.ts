import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { setupTestApp } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { searchWords } from "./catalog.search.ts";

const t = setupTestApp();

// Every Vietnamese letter with every tone, upper and lower case.
const VIETNAMESE =
  "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ" +
  "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ";

describe("query words match the database's unaccent", () => {
  it("unaccents every Vietnamese letter exactly as f_unaccent does", async () => {
    const letters = [...VIETNAMESE];
    const rows = await queryRows<{ t: string }>(
      t.database.db,
      sql`select f_unaccent(x) as t from unnest(${sql.raw(`ARRAY[${letters.map((l) => `'${l}'`).join(",")}]`)}) as x`,
    );
    expect(rows.map((r) => r.t)).toEqual(letters.map((l) => searchWords(l).join("")));
  });

  it("splits on anything that is not a letter or digit", () => {
    expect(searchWords("Đăng ký  khai-sinh (lần 2)")).toEqual(["dang", "ky", "khai", "sinh", "lan", "2"]);
    expect(searchWords("%' OR 1=1 --")).toEqual(["or", "1", "1"]);
  });
});
