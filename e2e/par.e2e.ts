// The PAR index (issue #7) in the browser, on the demo data: Phường Thuận Hóa's administrator opens
// this year's draft, sees a point above the maximum refused next to the field, scores one
// criterion by hand and one from motcua's figures (the figure shown), attaches an evidence file
// and submits after the confirmation; the city's supervisor appraises it (starting from the
// unit's points, lowering one), finishes, and finds the ward ranked and compared with last year.
// axe on the assessment page in both hands and on the ranking.
import { describe, expect, it } from "vitest";
import { pdfBytes } from "../src/modules/documents/test-files.ts";
import {
  expectNoSeriousA11yViolations,
  expectPath,
  expectText,
  expectVisible,
  loginAs,
  msg,
  openAdminMenu,
  sharedBrowser,
  WAIT_MS,
  withSession,
} from "./browser.ts";

const browser = sharedBrowser();
const WARD = "46.19753";
const ASSESSMENT_PATH = /^\/admin\/cai-cach-hanh-chinh\/danh-gia\/[0-9a-f-]{36}$/;

/** "84,03/100" → 84.03 */
const pointsOf = (text: string | null) =>
  Number((text ?? "").split("/")[0]!.replace(/\./g, "").replace(",", "."));

describe("PAR index", () => {
  it("lets the ward fill two criteria (one automatically), attach evidence and submit", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "quantri.thuanhoa");
      await openAdminMenu(page, msg("vi", "par.menu.assessments"));
      await expectPath(page, "/admin/cai-cach-hanh-chinh", "the PAR menu link");
      await expectText(
        page.getByTestId(`par-status-${WARD}`),
        msg("vi", "par.status.draft"),
        "the ward's draft",
      );
      await expectNoSeriousA11yViolations(page, "/admin/cai-cach-hanh-chinh (ward)");
      await page.getByTestId(`par-open-${WARD}`).click();
      await expect.poll(() => new URL(page.url()).pathname, { timeout: WAIT_MS }).toMatch(ASSESSMENT_PATH);
      await expectVisible(page.getByTestId("par-assessment-table"), "the criteria");
      await expectText(page.getByTestId("par-progress"), "19/21", "two criteria left to score");

      // Above the maximum: refused next to the field, before anything is sent.
      const manual = page.getByLabel(msg("vi", "par.assessment.selfLabel", { code: "1.2", max: "3" }));
      await manual.fill("5");
      await manual.press("Tab");
      await expectText(
        page.getByTestId("par-self-1.2-error"),
        "Điểm phải từ 0 đến 3.",
        "the error next to the field",
      );
      await manual.fill("2");
      await manual.press("Tab");
      await expect
        .poll(() => page.getByTestId("par-self-1.2-error").count(), {
          timeout: WAIT_MS,
          message: "the error gone",
        })
        .toBe(0);

      // The on-time share from motcua's own figures, with the figure it used.
      await page.getByTestId("par-auto-3.2").click();
      await expectText(
        page.getByTestId("par-figure-3.2"),
        "hồ sơ giải quyết trước và đúng hạn",
        "the figure used",
      );
      const auto = page.getByLabel(msg("vi", "par.assessment.selfLabel", { code: "3.2", max: "8" }));
      await expect
        .poll(() => auto.inputValue(), { timeout: WAIT_MS, message: "the computed points" })
        .not.toBe("");

      // Evidence for the criterion scored by hand.
      await page.getByTestId("par-upload-1.2").setInputFiles({
        name: "Báo cáo CCHC quý III.pdf",
        mimeType: "application/pdf",
        buffer: await pdfBytes("Báo cáo cải cách hành chính quý III"),
      });
      await expectText(page.getByTestId("par-evidence-1.2"), "Báo cáo CCHC quý III.pdf", "the attached file");
      await expectText(page.getByTestId("par-progress"), "21/21", "every criterion scored");
      await expectNoSeriousA11yViolations(page, "assessment page (ward, draft)");

      // Submit, after the confirmation (the unsaved point is saved first).
      await page.getByTestId("par-finish").click();
      const dialog = page.locator(".ant-modal-confirm");
      await expectText(dialog, msg("vi", "par.assessment.submitConfirm"), "the confirmation");
      await dialog.getByRole("button", { name: msg("vi", "par.assessment.submit") }).click();
      await expect
        .poll(() => page.getByTestId("par-assessment-status").getAttribute("data-status"), {
          timeout: WAIT_MS,
        })
        .toBe("submitted");
      expect(await page.getByTestId("par-self-value-1.2").textContent(), "the saved points").toBe("2");
      await expectVisible(
        page.getByTestId("par-evidence-1.2").getByTestId("par-evidence-link"),
        "the evidence",
      );
      await expect.poll(() => page.getByTestId("par-finish").count(), { timeout: WAIT_MS }).toBe(0);
    }));

  it("lets the supervisor appraise it and see the ward in the ranking", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "giamsat");
      await openAdminMenu(page, msg("vi", "par.menu.assessments"));
      await expectText(
        page.getByTestId(`par-status-${WARD}`),
        msg("vi", "par.status.submitted"),
        "submitted",
      );
      const open = page.getByTestId(`par-open-${WARD}`);
      await expectText(open, msg("vi", "par.home.appraise"), "the appraise link");
      await open.click();
      await expect.poll(() => new URL(page.url()).pathname, { timeout: WAIT_MS }).toMatch(ASSESSMENT_PATH);

      // Start from the unit's own points, lower one, finish.
      await page.getByTestId("par-copy-self").click();
      const lowered = page.getByLabel(msg("vi", "par.assessment.appraisalLabel", { code: "1.2", max: "3" }));
      await expect.poll(() => lowered.inputValue(), { timeout: WAIT_MS }).toBe("2");
      await lowered.fill("1");
      await page
        .getByLabel(msg("vi", "par.assessment.appraisalNoteLabel", { code: "1.2" }))
        .fill("Báo cáo nộp chậm.");
      await expectNoSeriousA11yViolations(page, "assessment page (appraisal)");
      const self = pointsOf(await page.getByTestId("par-self-total").textContent());
      await expect
        .poll(async () => pointsOf(await page.getByTestId("par-appraised-total").textContent()), {
          timeout: WAIT_MS,
          message: "the running appraised total",
        })
        .toBeCloseTo(self - 1, 2);
      await page.getByTestId("par-finish").click();
      const dialog = page.locator(".ant-modal-confirm");
      await expectText(dialog, msg("vi", "par.assessment.finishConfirm"), "the confirmation");
      await dialog.getByRole("button", { name: msg("vi", "par.assessment.finish") }).click();
      await expect
        .poll(() => page.getByTestId("par-assessment-status").getAttribute("data-status"), {
          timeout: WAIT_MS,
        })
        .toBe("appraised");
      expect(pointsOf(await page.getByTestId("par-appraised-total").textContent())).toBeCloseTo(self - 1, 2);

      // The ranking of the wards, this one highlighted and no longer provisional; last year beside it.
      await page.getByTestId("par-to-ranking").click();
      await expectPath(page, "/admin/cai-cach-hanh-chinh/xep-hang", "the ranking link");
      const row = page.getByTestId("par-ranking-table").locator("tr.par-highlight");
      await expectText(row, "Phường Thuận Hóa", "the ward highlighted");
      await expectText(row, msg("vi", "par.status.appraised"), "its status");
      expect(await row.getByText(msg("vi", "par.ranking.provisional")).count(), "provisional tag").toBe(0);
      const rank = await page.getByTestId(`par-rank-${WARD}`).getAttribute("data-rank");
      expect(Number(rank), "the ward's rank").toBeGreaterThanOrEqual(1);
      expect(
        await page.getByTestId("par-ranking-table").locator("tbody tr.ant-table-row").count(),
        "wards listed",
      ).toBe(5);
      await expectVisible(page.getByTestId("par-chart-ranking").locator("svg").first(), "the ranking chart");
      await expectVisible(
        page.getByTestId("par-chart-comparison").locator("svg").first(),
        "the comparison chart",
      );
      expect(
        await page.getByTestId("par-comparison-table").locator("tbody tr.ant-table-row").count(),
        "groups compared",
      ).toBe(8);
      await expectNoSeriousA11yViolations(page, "/admin/cai-cach-hanh-chinh/xep-hang");
    }));
});
