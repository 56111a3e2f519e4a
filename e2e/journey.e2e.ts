// The citizen's journey (issue #6 "done when"), once in Vietnamese and once in English (switched
// in the UI): register, file the marital-status procedure online with its e-form (an invalid value
// first: the error shows next to the field), upload the checklist documents; the desk receives it,
// the specialist asks for a supplement, the citizen answers online, the leader approves, the clerk
// issues the signed result, the desk returns it electronically; the citizen downloads it (a PDF
// with a valid signature) and rates the service. Each user has their own browser context; axe on
// every portal page added; the wizard and "my dossiers" pages at 375 px; a screenshot of each main
// page in e2e/artifacts/journey/.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { pdfBytes, pngBytes } from "../src/modules/documents/test-files.ts";
import {
  expectCount,
  expectHidden,
  expectPath,
  expectText,
  expectVisible,
  type Lang,
  loginAs,
  msg,
  newSession,
  type Session,
  saveFailureScreenshot,
  sharedBrowser,
  WAIT_MS,
} from "./browser.ts";
import { axe, choose, fmsg, label, onPhone, shot } from "./journey-helpers.ts";

const CODE = "1.004873";
const THUAN_HOA = "Phường Thuận Hóa";

const browser = sharedBrowser();

async function expectDossierState(page: Page, state: string): Promise<void> {
  await expect
    .poll(() => page.getByTestId("my-dossier-page").getAttribute("data-state"), {
      timeout: WAIT_MS,
      message: `the citizen's dossier page in state ${state}`,
    })
    .toBe(state);
}

/** A staff member, in their own context, runs `commands` on the dossier page (Vietnamese UI). */
async function asStaff(username: string, id: string, run: (page: Page) => Promise<void>): Promise<void> {
  const session = await newSession(browser);
  try {
    await loginAs(session.page, username);
    await session.page.goto(`/admin/ho-so/${id}`);
    await expectVisible(session.page.getByTestId("dossier-page"), `the dossier page (${username})`);
    await run(session.page);
  } catch (error) {
    await saveFailureScreenshot(session.page);
    throw error;
  } finally {
    await session.context.close().catch(() => {});
  }
  expect(session.pageErrors, `uncaught exceptions (${username})`).toEqual([]);
}

async function runCommand(
  page: Page,
  command: string,
  state: string,
  fill?: (modal: Locator) => Promise<void>,
) {
  await page.getByTestId(`command-${command}`).click();
  const modal = page.getByTestId("command-modal");
  await expectVisible(modal, `the ${command} dialog`);
  if (fill) await fill(modal);
  await page.getByTestId("command-submit").click();
  await expectHidden(modal, `the ${command} dialog after submitting`);
  await expectText(
    page.getByTestId("dossier-page").getByTestId("dossier-state").first(),
    state,
    `after ${command}`,
  );
}

const STATE_VI = {
  received: "Đã tiếp nhận",
  processing: "Đang xử lý",
  supplement: "Chờ bổ sung hồ sơ",
  resultReady: "Có kết quả, chờ trả",
  returned: "Đã trả kết quả",
};

async function registerCitizen(page: Page, lang: Lang, email: string, phone: string): Promise<string> {
  const name = lang === "vi" ? "Lê Thị Hồng" : "Phan Văn Minh";
  await page.goto("/");
  if (lang === "en") {
    await page.getByTestId("lang-switch").click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("en");
  }
  await page.getByRole("link", { name: msg(lang, "nav.register") }).click();
  await expectPath(page, "/register", "the registration page");
  await page.getByTestId("register-full-name").fill(name);
  await page.getByTestId("register-email").fill(email);
  await page.getByTestId("register-phone").fill(phone);
  await page.getByTestId("register-password").fill("Journey@2026");
  await page.getByTestId("register-confirm").fill("Journey@2026");
  await shot(page, lang, "01-register");
  await page.getByTestId("register-submit").click();
  await expectPath(page, "/", "home after registering");
  await expectVisible(
    page.getByRole("link", { name: msg(lang, "nav.myDossiers") }),
    "signed in as a citizen",
  );
  return name;
}

/** Wizard: where and who → the e-form (one invalid value first) → documents → delivery → submit. */
async function fileOnline(page: Page, lang: Lang, name: string, phone: string): Promise<string> {
  await page.goto(`/thu-tuc/${CODE}`);
  await shot(page, lang, "02-procedure");
  await page.getByTestId("procedure-file-online").click();
  await expectPath(page, `/nop-truc-tuyen/${CODE}`, "the filing wizard");
  const title = page.getByTestId("filing-step-title");
  await expectText(title, fmsg(lang, "filing.steps.where"), "step 1");
  expect(await page.getByTestId("online-applicant-name").inputValue(), "name from the profile").toBe(name);
  await choose(page, page.getByTestId("online-unit"), THUAN_HOA);
  await page.getByTestId("online-applicant-id").fill("046190004321");
  await page.getByTestId("online-applicant-phone").fill(phone);
  await page.getByTestId("online-applicant-address").fill("12 Lê Lợi, phường Thuận Hóa, Huế");
  await axe(page, `wizard: where (${lang})`);
  await shot(page, lang, "03-wizard-where");
  await page.getByTestId("filing-next").click();

  // The e-form: prefilled from the profile, one invalid ID number first.
  await expectText(title, fmsg(lang, "filing.steps.form"), "step 2: the e-form");
  expect(await page.getByTestId("eform-requesterName").inputValue(), "prefilled name").toBe(name);
  await expectVisible(page.getByTestId("eform-requesterName-prefilled"), "the prefilled hint");
  expect(await page.getByTestId("eform-requesterPhone").inputValue(), "prefilled phone").toBe(phone);
  await page.getByTestId("eform-requesterIdNumber").fill("12345");
  await page.getByTestId("eform-requesterAddress").fill("12 Lê Lợi, phường Thuận Hóa, Huế");
  await page.getByTestId("eform-subjectName").fill(name);
  await page.getByTestId("eform-subjectBirthDate").fill("1992-03-04");
  await page.getByRole("radio", { name: label(lang, "subjectSex", "female"), exact: true }).check();
  await page.getByTestId("eform-subjectEthnicity").fill("Kinh");
  await page.getByTestId("eform-subjectNationality").fill("Việt Nam");
  await choose(page, page.getByTestId("eform-status"), label(lang, "status", "never_married"));
  await page.getByRole("radio", { name: label(lang, "purpose", "other"), exact: true }).check();
  await page.getByTestId("eform-declaration").check();
  await page.getByTestId("filing-next").click();
  const idItem = page.locator(".ant-form-item", { has: page.getByTestId("eform-requesterIdNumber") });
  await expectVisible(idItem.locator(".ant-form-item-explain-error"), "the error next to the ID number");
  await expectText(
    idItem.locator(".ant-form-item-explain-error"),
    lang === "vi" ? "9 hoặc 12 chữ số" : "9 or 12 digits",
    "its text",
  );
  const summary = page.getByTestId("error-summary");
  await expectText(summary, fmsg(lang, "filing.errors.title"), "the error summary");
  await expectCount(summary.getByTestId("error-summary-link"), 1, "one problem in the summary");
  await expectText(title, fmsg(lang, "filing.steps.form"), "still on the e-form");
  await axe(page, `wizard: e-form with an error (${lang})`);
  await shot(page, lang, "04-wizard-form-error");
  await summary.getByTestId("error-summary-link").click();
  await expect
    .poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid))
    .toBe("eform-requesterIdNumber");
  await page.getByTestId("eform-requesterIdNumber").fill("046190004321");
  await page.getByTestId("filing-next").click();

  // Documents: the draft was saved to attach files; a text file is refused in the browser.
  await expectText(title, fmsg(lang, "filing.steps.documents"), "step 3: documents");
  await expect.poll(() => new URL(page.url()).searchParams.get("draft") ?? "").toMatch(/^[0-9a-f-]{36}$/);
  const items = page.getByTestId("filing-item");
  expect(await items.count(), "the procedure's checklist").toBeGreaterThan(2);
  await page.getByTestId("filing-upload-0").setInputFiles({
    name: "ghi-chu.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("not a document"),
  });
  await expectText(
    page.getByTestId("filing-upload-error"),
    fmsg(lang, "filing.documents.refusedType", { name: "ghi-chu.txt" }),
    "refused before upload",
  );
  await page.getByTestId("filing-upload-0").setInputFiles({
    name: "to-khai.pdf",
    mimeType: "application/pdf",
    buffer: await pdfBytes("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân"),
  });
  await expectVisible(items.nth(0).getByTestId("filing-file"), "the PDF under item 1");
  const idDoc = (await items.count()) >= 5 ? 4 : 1;
  await page
    .getByTestId(`filing-upload-${idDoc}`)
    .setInputFiles({ name: "cccd.png", mimeType: "image/png", buffer: pngBytes() });
  await expectVisible(items.nth(idDoc).getByTestId("filing-file"), "the PNG under its item");
  expect(await items.nth(0).getByTestId("filing-provided").isChecked(), "item ticked once uploaded").toBe(
    true,
  );
  await page.getByTestId("filing-save").click();
  await expectText(
    page.getByTestId("filing-saved"),
    fmsg(lang, "filing.savedAt", { at: "" }).replace(/\.$/, "").trim(),
    "draft saved",
  );
  await axe(page, `wizard: documents (${lang})`);
  await shot(page, lang, "05-wizard-documents");
  await page.getByTestId("filing-next").click();

  // Fee and result: electronic result.
  await expectText(title, fmsg(lang, "filing.steps.delivery"), "step 4");
  await expectText(
    page.getByTestId("filing-fees"),
    lang === "vi" ? "5.000" : "5,000",
    "the fee from the record",
  );
  await page.getByRole("radio", { name: fmsg(lang, "filing.resultDelivery.online") }).check();
  await axe(page, `wizard: delivery (${lang})`);
  await page.getByTestId("filing-next").click();

  await expectText(title, fmsg(lang, "filing.steps.review"), "step 5: check and submit");
  await expectText(page.getByTestId("review-eform"), "046190004321", "the form data in the review");
  await axe(page, `wizard: review (${lang})`);
  await shot(page, lang, "06-wizard-review");
  await onPhone(page, lang, "06-wizard-review");
  await page.getByTestId("online-submit").click();
  const done = page.getByTestId("online-done");
  await expectVisible(done, "the filing confirmation");
  await shot(page, lang, "07-filed");
  return (await done.getAttribute("data-dossier-id")) ?? "";
}

async function openMyDossier(page: Page, lang: Lang, id: string): Promise<void> {
  await page.getByRole("link", { name: msg(lang, "nav.myDossiers"), exact: true }).click();
  await expectPath(page, "/ho-so-cua-toi", "My dossiers");
  const row = page.locator(`[data-testid="my-dossier"][data-id="${id}"]`);
  await expectVisible(row, "the dossier in My dossiers");
  await row.getByTestId("my-dossier-open").click();
  await expectPath(page, `/ho-so-cua-toi/${id}`, "the dossier's page");
}

describe("citizen journey", () => {
  for (const lang of ["vi", "en"] as const) {
    it(`register, file online with an e-form, supplement, result, download and rating (${lang})`, async () => {
      const citizen: Session = await newSession(browser);
      const page = citizen.page;
      const stamp = Date.now().toString().slice(-7);
      const phone = `09${stamp.padStart(8, "0").slice(-8)}`;
      let id = "";
      try {
        const name = await registerCitizen(page, lang, `journey.${lang}.${stamp}@example.com`, phone);
        id = await fileOnline(page, lang, name, phone);
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        await openMyDossier(page, lang, id);
        await onPhone(page, lang, "08-my-dossier");
      } catch (error) {
        await saveFailureScreenshot(page);
        throw error;
      }

      await asStaff("tiepnhan.thuanhoa", id, async (staff) => {
        await expectVisible(staff.getByTestId("dossier-eform"), "the filled form for the desk");
        await runCommand(staff, "receive", STATE_VI.received);
        await runCommand(staff, "forward", STATE_VI.processing);
      });
      await asStaff("chuyenvien.thuanhoa", id, async (staff) => {
        await runCommand(staff, "request_supplement", STATE_VI.supplement, async (modal) => {
          await modal.getByTestId("command-item").first().fill("Bản sao Giấy khai sinh");
          await modal.getByTestId("command-reason").fill("Thiếu bản sao Giấy khai sinh");
        });
      });

      try {
        // The citizen answers online: uploads the missing paper, adds a note, resubmits.
        await page.reload();
        await expectDossierState(page, "supplement_requested");
        await expectText(
          page.getByTestId("supplement-reason"),
          "Thiếu bản sao Giấy khai sinh",
          "the request",
        );
        await expectVisible(page.getByTestId("supplement-form"), "the printed request (form 02)");
        await page.getByTestId("supplement-upload").setInputFiles({
          name: "giay-khai-sinh.pdf",
          mimeType: "application/pdf",
          buffer: await pdfBytes("Bản sao Giấy khai sinh"),
        });
        await expectText(page.getByTestId("supplement-files"), "giay-khai-sinh.pdf", "the uploaded file");
        await page.getByTestId("supplement-note").fill("Đã bổ sung bản sao Giấy khai sinh");
        await axe(page, `/ho-so-cua-toi/:id supplement (${lang})`);
        await shot(page, lang, "09-supplement");
        await page.getByTestId("supplement-send").click();
        await expectDossierState(page, "processing");
        await expectVisible(
          page.locator('[data-testid="my-dossier-event"][data-command="resubmit"]'),
          "resubmit in the timeline",
        );
      } catch (error) {
        await saveFailureScreenshot(page);
        throw error;
      }

      await asStaff("lanhdao.thuanhoa", id, async (staff) => {
        await runCommand(staff, "approve", STATE_VI.processing);
      });
      await asStaff("vanthu.thuanhoa", id, async (staff) => {
        await staff.getByTestId("result-upload-input").setInputFiles({
          name: "giay-xac-nhan.pdf",
          mimeType: "application/pdf",
          buffer: await pdfBytes("Giấy xác nhận tình trạng hôn nhân"),
        });
        await expectVisible(staff.getByTestId("result-upload-done"), "the signed result issued");
        await runCommand(staff, "issue_result", STATE_VI.resultReady);
      });
      await asStaff("tiepnhan.thuanhoa", id, async (staff) => {
        await runCommand(staff, "return_result", STATE_VI.returned, async (modal) => {
          await modal.getByLabel(msg("vi", "dossier.returnMethod.online")).check();
        });
      });

      try {
        // Download the signed result, check it, and rate.
        await page.reload();
        await expectDossierState(page, "returned");
        const code = ((await page.getByTestId("my-dossier-code").textContent()) ?? "").trim();
        expect(await page.getByTestId("my-dossier-code").getAttribute("href")).toBe(
          `/tra-cuu/${encodeURIComponent(code)}`,
        );
        const result = page.getByTestId("my-result").first();
        await expectVisible(result, "the electronic result");
        const href = (await result.getByTestId("my-file-link").getAttribute("href")) ?? "";
        const download = await page.request.get(href);
        expect(download.status(), `GET ${href}`).toBe(200);
        expect(download.headers()["content-type"]).toContain("application/pdf");
        const bytes = Buffer.from(await download.body());
        expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
        const me = (await (await page.request.get("/api/auth/me")).json()) as { csrfToken: string };
        const verify = await page.request.post("/api/public/verify", {
          data: bytes,
          headers: { "content-type": "application/pdf", "x-csrf-token": me.csrfToken },
        });
        const checked = (await verify.json()) as { signed: boolean; valid: boolean; issuedByMotcua: boolean };
        expect(checked, "the downloaded result carries a valid signature").toMatchObject({
          signed: true,
          valid: true,
          issuedByMotcua: true,
        });
        const form = page.getByTestId("rating-form");
        await expectVisible(form, "the rating form");
        await axe(page, `/ho-so-cua-toi/:id returned (${lang})`);
        await shot(page, lang, "10-returned");
        await form.getByRole("radio", { name: fmsg(lang, "filing.rating.level.very_satisfied") }).check();
        await form.getByRole("checkbox", { name: fmsg(lang, "filing.rating.reason.time") }).check();
        await page.getByTestId("rating-comment").fill("Nhanh, rõ ràng");
        await page.getByTestId("rating-submit").click();
        await expectText(
          page.getByTestId("rating-thanks"),
          fmsg(lang, "filing.rating.thanks"),
          "the thank-you",
        );
        expect(await page.getByTestId("rating-thanks").getAttribute("data-level")).toBe("very_satisfied");
        await axe(page, `/ho-so-cua-toi/:id rated (${lang})`);
        await shot(page, lang, "11-rated");
        await page.goto("/ho-so-cua-toi");
        await expectVisible(page.locator(`[data-testid="my-dossier"][data-id="${id}"]`), "the list");
        await axe(page, `/ho-so-cua-toi (${lang})`);
        await shot(page, lang, "12-my-dossiers");
        await onPhone(page, lang, "12-my-dossiers");
      } catch (error) {
        await saveFailureScreenshot(page);
        throw error;
      } finally {
        await citizen.context.close().catch(() => {});
      }
      expect(citizen.pageErrors, "uncaught exceptions in the citizen's page").toEqual([]);
    }, 300_000);
  }
});
