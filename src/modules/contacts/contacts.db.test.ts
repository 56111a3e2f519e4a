import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { call, login, setupTestApp, unitIdByCode } from "../../../test/app.ts";
import { DEMO_CONTACTS } from "../../demo/demo-contacts.ts";

const t = setupTestApp();
const url = (id: string) => `/api/v1/units/${id}/contacts`;
const blank = { hotline: null, email: null, zalo: null, facebook: null, address: null };

describe("unit contact channels", () => {
  it("shows a unit's own channels, and its nearest ancestor's when it has none", async () => {
    const admin = await login(t.app, "quantri.thuanhoa");
    const thuanHoa = await unitIdByCode(t.app, "46.19753");
    const own = await call(t.app, admin, "GET", url(thuanHoa));
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({
      own: { hotline: DEMO_CONTACTS["46.19753"].hotline },
      effective: { email: DEMO_CONTACTS["46.19753"].email },
      source: { code: "46.19753" },
      canEdit: true,
    });

    // Phú Xuân has no row: the public view shows the city's.
    const pub = await t.app.inject({ method: "GET", url: "/api/public/units/46.19774/contacts" });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toEqual({
      unit: { code: "46.19774", name: "Phường Phú Xuân" },
      contacts: { ...DEMO_CONTACTS["46"] },
      source: { code: "46", name: "Thành phố Huế" },
    });
    const missing = await t.app.inject({ method: "GET", url: "/api/public/units/99.99999/contacts" });
    expect(missing.statusCode).toBe(404);
  });

  it("lets the unit's administrator change them (trimmed, blanks stored as null), and clear them to inherit", async () => {
    const admin = await login(t.app, "quantri.phuxuan");
    const phuXuan = await unitIdByCode(t.app, "46.19774");
    const saved = await call(t.app, admin, "PUT", url(phuXuan), {
      hotline: " (0234) 3.811-222 ",
      email: "motcua@phuxuan.example.vn",
      zalo: "0905 123 456",
      facebook: "https://m.facebook.com/phuxuan",
      address: "",
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      own: { hotline: "(0234) 3.811-222", zalo: "0905 123 456", address: null },
      source: { code: "46.19774" },
    });
    const pub = await t.app.inject({ method: "GET", url: "/api/public/units/46.19774/contacts" });
    expect(pub.json().contacts.email).toBe("motcua@phuxuan.example.vn");

    // Every field blank: the own row goes and the city's channels show again.
    const cleared = await call(t.app, admin, "PUT", url(phuXuan), { ...blank, hotline: "  " });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ own: null, source: { code: "46" }, updatedAt: null });
    const after = await t.app.inject({ method: "GET", url: "/api/public/units/46.19774/contacts" });
    expect(after.json().contacts.hotline).toBe(DEMO_CONTACTS["46"].hotline);
  });

  it("refuses bad channels with field errors in Vietnamese and English, storing nothing", async () => {
    const admin = await login(t.app, "quantri.thuanhoa");
    const thuanHoa = await unitIdByCode(t.app, "46.19753");
    const bad = await call(t.app, admin, "PUT", url(thuanHoa), {
      hotline: "call 1900",
      email: "not-an-email",
      zalo: "https://zalo.example/abc",
      facebook: "http://facebook.com/x",
      address: null,
    });
    expect(bad.statusCode).toBe(400);
    const errors = bad.json().errors as { field: string; message: { vi: string; en: string } }[];
    expect(errors.map((e) => e.field).sort()).toEqual(["email", "facebook", "hotline", "zalo"]);
    const byField = Object.fromEntries(errors.map((e) => [e.field, e.message]));
    expect(byField.hotline!.vi).toMatch(/Đường dây nóng/);
    expect(byField.hotline!.en).toMatch(/hotline/i);
    expect(byField.zalo!.vi).toMatch(/zalo\.me/);
    expect(byField.facebook!.en).toMatch(/facebook\.com/);
    expect(byField.email!.vi).toMatch(/e-mail/);
    // Accepted spellings: +84 phone for Zalo, fb.com and www.facebook.com.
    for (const body of [
      { zalo: "+84 905 123 456", facebook: "https://fb.com/thuanhoa" },
      { zalo: "https://zalo.me/g/abcdef", facebook: "https://www.facebook.com/profile.php?id=1" },
    ]) {
      const ok = await call(t.app, admin, "PUT", url(thuanHoa), { ...blank, hotline: "1900 1234", ...body });
      expect(ok.statusCode, ok.body).toBe(200);
    }
    const tooFewDigits = await call(t.app, admin, "PUT", url(thuanHoa), { ...blank, hotline: "(--)" });
    expect(tooFewDigits.statusCode).toBe(400);
  });

  it("refuses others: 401 anonymous, 404 outside one's units, 403 without contacts.manage", async () => {
    const thuanHoa = await unitIdByCode(t.app, "46.19753");
    const body = { ...blank, hotline: "0234 000 000" };
    expect((await call(t.app, null, "PUT", url(thuanHoa), body)).statusCode).toBe(401);
    const other = await login(t.app, "quantri.phuxuan");
    expect((await call(t.app, other, "PUT", url(thuanHoa), body)).statusCode).toBe(404);
    expect((await call(t.app, other, "GET", url(thuanHoa))).statusCode).toBe(404);
    const receptionist = await login(t.app, "tiepnhan.thuanhoa");
    expect((await call(t.app, receptionist, "PUT", url(thuanHoa), body)).statusCode).toBe(403);
    const read = await call(t.app, receptionist, "GET", url(thuanHoa));
    expect(read.statusCode).toBe(200);
    expect(read.json().canEdit).toBe(false);
  });

  it("prints the receiving unit's hotline and e-mail on its receipt (Form 01)", async () => {
    const receptionist = await login(t.app, "tiepnhan.thuanhoa");
    const thuanHoa = await unitIdByCode(t.app, "46.19753");
    const admin = await login(t.app, "quantri.thuanhoa");
    await call(t.app, admin, "PUT", url(thuanHoa), {
      ...blank,
      hotline: "0234 3 800 753",
      email: "motcua@thuanhoa.example.vn",
    });
    const res = await call(
      t.app,
      receptionist,
      "POST",
      "/api/dossiers",
      { unitId: thuanHoa, procedureCode: "1.004873", applicant: { name: "Lê Văn Tám" } },
      { "idempotency-key": `contacts-${Date.now()}` },
    );
    expect(res.statusCode, res.body).toBe(201);
    const pdf = await t.app.inject({
      method: "GET",
      url: `/api/dossiers/${res.json().id}/forms/receipt`,
      headers: { cookie: receptionist.cookie },
    });
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    const text = execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf.rawPayload }).toString("utf8");
    expect(text.replace(/\s+/g, " ")).toContain(
      "Đường dây nóng: 0234 3 800 753 · Thư điện tử: motcua@thuanhoa.example.vn",
    );
  });
});
