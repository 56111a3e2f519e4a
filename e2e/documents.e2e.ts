// Documents in the browser: the clerk of Thuận Hóa issues an electronic result for a demo dossier
// (a PDF the server signs) and sees it listed as signed; the receptionist uploads a scan as a
// digitized copy and is refused, in Vietnamese, a PNG pretending to be a PDF; anyone sees the
// signed result as valid on the public lookup, and /xac-thuc tells the downloaded file (valid,
// issued by motcua for that dossier) from a copy with one byte changed (invalid); the citizen's
// document store lists their file. axe on every page touched, and the public pages at 375 px.
import { createHash } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { demoCitizen } from "../src/demo/demo-data.ts";
import { pdfBytes, pngBytes } from "../src/modules/documents/test-files.ts";
import {
  DEMO_PASSWORD,
  expectCount,
  expectNoSeriousA11yViolations,
  expectPath,
  expectText,
  expectVisible,
  loginAs,
  msg,
  sharedBrowser,
  submitLogin,
  WAIT_MS,
  withSession,
} from "./browser.ts";

const THUAN_HOA = "Phường Thuận Hóa";
const RESULT_NAME = "Giấy xác nhận tình trạng hôn nhân.pdf";
const SCAN_NAME = "Bản số hóa CCCD.png";
/** The server's own words for a mislabelled file (files.ts `mislabelled`). */
const MISMATCH_VI = "Nội dung tệp là image/png, không khớp với kiểu khai báo application/pdf.";

const browser = sharedBrowser();

interface Row {
  id: string;
  code: string | null;
  state: string;
  unitName: string;
}

/** A demo dossier of Thuận Hóa with a code whose result may be issued: result_ready, else processing. */
async function findDossier(page: Page): Promise<Row> {
  for (const state of ["result_ready", "processing"]) {
    const response = await page.request.get(`/api/dossiers?queue=all&state=${state}&pageSize=100`);
    expect(response.status(), `GET /api/dossiers?state=${state}`).toBe(200);
    const { items } = (await response.json()) as { items: Row[] };
    const found = items.find((row) => row.code && row.unitName === THUAN_HOA);
    if (found) return found;
  }
  throw new Error("no demo dossier of Thuận Hóa in state result_ready or processing");
}

async function openDossier(page: Page, id: string): Promise<void> {
  await page.goto(`/admin/ho-so/${id}`);
  await expectVisible(page.getByTestId("dossier-page"), `the dossier page of ${id}`);
  await expectVisible(page.getByTestId("dossier-files"), "the Documents section");
}

/** The page has no horizontal scroll bar (phones). */
async function expectNoSideways(page: Page, what: string): Promise<void> {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll, `horizontal scroll at 375 px: ${what}`).toBeLessThanOrEqual(widths.client);
}

/** A copy with one byte changed inside the signed part (the middle of the first byte range). */
function tamper(pdf: Buffer): Buffer {
  const text = pdf.toString("latin1");
  const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)/.exec(text.slice(text.lastIndexOf("/ByteRange")));
  expect(range, "the signed PDF has a /ByteRange").not.toBeNull();
  const at = Math.floor(Number(range![2]) / 2);
  const copy = Buffer.from(pdf);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

describe("documents", () => {
  it("a signed electronic result, a digitized scan, a refused mislabelled file, public lookup and verification", async () => {
    const pdf = await pdfBytes("Giấy xác nhận tình trạng hôn nhân – kết quả thử nghiệm");
    let dossier: Row | undefined;
    let signed = Buffer.alloc(0);

    // The clerk issues the electronic result: the server signs it, the list shows it signed.
    await withSession(browser, async (page) => {
      await loginAs(page, "vanthu.thuanhoa");
      dossier = await findDossier(page);
      await openDossier(page, dossier.id);
      const results = page.locator('[data-testid="document"][data-kind="result"]');
      const before = await results.count();
      await expectVisible(page.getByTestId("result-upload"), "the electronic result upload (clerk)");
      await expectText(
        page.getByTestId("result-upload"),
        msg("vi", "dossierFiles.resultHeading"),
        "its heading",
      );
      await page.getByTestId("result-upload-input").setInputFiles({
        name: RESULT_NAME,
        mimeType: "application/pdf",
        buffer: pdf,
      });
      await expectText(
        page.getByTestId("result-upload-done"),
        msg("vi", "dossierFiles.issued", { name: RESULT_NAME }),
        "the confirmation",
      );
      await expectCount(results, before + 1, "one more result in the list");
      const item = results.last();
      await expectText(item.getByTestId("document-link"), RESULT_NAME, "the result's name");
      await expectText(item.getByTestId("document-kind"), msg("vi", "documents.kind.result"), "its kind");
      await expectText(item.getByTestId("document-signed"), msg("vi", "documents.signed"), "signed badge");
      await expectText(item.getByTestId("document-signer"), "motcua DEMO signing key", "the signer");
      await expectText(item.getByTestId("demo-key"), msg("vi", "documents.demoKey"), "the demo-key warning");
      const sha = (await item.getByTestId("document-sha256").getAttribute("data-sha256")) ?? "";
      expect(sha).toMatch(/^[0-9a-f]{64}$/);
      expect(await item.getByTestId("document-sha256").textContent()).toContain(sha.slice(0, 12));

      // The download is the signed file itself.
      const href = (await item.getByTestId("document-link").getAttribute("href")) ?? "";
      expect(href).toMatch(/^\/api\/documents\/[0-9a-f-]{36}\/content$/);
      const download = await page.request.get(href);
      expect(download.status(), `GET ${href}`).toBe(200);
      expect(download.headers()["content-type"]).toContain("application/pdf");
      signed = Buffer.from(await download.body());
      expect(signed.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(signed.length).toBeGreaterThan(pdf.length);
      await expectNoSeriousA11yViolations(page, "/admin/ho-so/:id (documents, clerk)");
    });
    const { id, code } = dossier!;

    // The receptionist uploads a scan (digitized) and is refused a PNG that claims to be a PDF.
    await withSession(browser, async (page) => {
      await loginAs(page, "tiepnhan.thuanhoa");
      await openDossier(page, id);
      await expectVisible(page.getByTestId("document-upload"), "the upload control (receptionist)");
      expect(await page.getByTestId("result-upload").count(), "no result upload for a receptionist").toBe(0);
      const items = page.getByTestId("document");
      await expectVisible(items.first(), "the list with the clerk's result");
      const before = await items.count();

      await page.getByLabel(msg("vi", "dossierFiles.kind.digitized")).check();
      await page.getByTestId("document-upload-input").setInputFiles({
        name: SCAN_NAME,
        mimeType: "image/png",
        buffer: pngBytes(),
      });
      await expectText(
        page.getByTestId("document-upload-done"),
        msg("vi", "dossierFiles.uploaded", { name: SCAN_NAME }),
        "the upload confirmation",
      );
      await expectCount(items, before + 1, "the scan in the list");
      const scan = page.locator(`[data-testid="document"][data-name="${SCAN_NAME}"]`);
      await expectText(scan.getByTestId("document-kind"), msg("vi", "documents.kind.digitized"), "digitized");
      await expectText(scan, "PNG", "its type");
      const me = (await (await page.request.get("/api/auth/me")).json()) as { user: { fullName: string } };
      await expectText(scan, me.user.fullName, "who uploaded it");

      // PNG bytes named .pdf and declared application/pdf: 415, the server's Vietnamese message.
      await page.getByTestId("document-upload-input").setInputFiles({
        name: "giay-to.pdf",
        mimeType: "application/pdf",
        buffer: pngBytes(),
      });
      await expectText(
        page.getByTestId("document-upload-error"),
        MISMATCH_VI,
        "the mislabelled file refused",
      );
      expect(await page.getByTestId("document-upload-done").count(), "no confirmation").toBe(0);
      await expectCount(items, before + 1, "nothing added by the refused upload");
      await expectNoSeriousA11yViolations(page, "/admin/ho-so/:id (documents, upload refused)");
    });

    // Anyone: the lookup shows the signed result as valid; /xac-thuc checks the downloaded file.
    await withSession(browser, async (page) => {
      await page.goto(`/tra-cuu/${encodeURIComponent(code!)}`);
      const file = page.getByTestId("lookup-file").last();
      await expectVisible(file, "the electronic result on the public lookup");
      expect(await file.getAttribute("data-valid")).toBe("true");
      await expectText(file.getByTestId("lookup-result-valid"), msg("vi", "documents.valid"), "valid ✓");
      await expectText(file.getByTestId("lookup-result-signer"), "motcua DEMO signing key", "the signer");
      await expectText(file, `ket-qua-${code}`, "a neutral name");
      await expectText(file.getByTestId("document-sha256"), sha256(signed), "the signed file's SHA-256");
      await expectNoSeriousA11yViolations(page, "/tra-cuu/:code (electronic results)");

      await page.getByTestId("lookup-verify-link").click();
      await expectPath(page, "/xac-thuc", "the verification page");
      await expectVisible(page.getByTestId("verify-input-button"), "the PDF picker");
      await expectNoSeriousA11yViolations(page, "/xac-thuc (empty)");

      await page.getByTestId("verify-input").setInputFiles({
        name: "ket-qua.pdf",
        mimeType: "application/pdf",
        buffer: signed,
      });
      const result = page.getByTestId("verify-result");
      await expectVisible(result, "the verification result");
      await expectText(page.getByTestId("verify-valid"), msg("vi", "verify.valid"), "valid signature");
      expect(await page.getByTestId("verify-valid").getAttribute("data-ok")).toBe("true");
      expect(await page.getByTestId("verify-issued").getAttribute("data-ok")).toBe("true");
      await expectText(page.getByTestId("verify-issued"), msg("vi", "verify.issued"), "issued by motcua");
      await expectText(page.getByTestId("verify-dossier-code"), code!, "for this dossier");
      await expectNoSeriousA11yViolations(page, "/xac-thuc (valid)");

      // One byte flipped inside the signed part: not valid, not a result motcua issued.
      await page.getByTestId("verify-input").setInputFiles({
        name: "ket-qua-sua.pdf",
        mimeType: "application/pdf",
        buffer: tamper(signed),
      });
      await expect
        .poll(() => page.getByTestId("verify-valid").getAttribute("data-ok"), {
          timeout: WAIT_MS,
          message: "the tampered copy is not valid",
        })
        .toBe("false");
      await expectText(page.getByTestId("verify-valid"), msg("vi", "verify.invalid"), "invalid ✗");
      expect(await page.getByTestId("verify-issued").getAttribute("data-ok")).toBe("false");
      await expectText(page.getByTestId("verify-issued"), msg("vi", "verify.notIssued"), "not issued");
      await expectNoSeriousA11yViolations(page, "/xac-thuc (invalid)");

      // A phone: both public pages without sideways scrolling.
      await page.setViewportSize({ width: 375, height: 812 });
      await page.getByTestId("verify-input").setInputFiles({
        name: "ket-qua.pdf",
        mimeType: "application/pdf",
        buffer: signed,
      });
      await expect
        .poll(() => page.getByTestId("verify-valid").getAttribute("data-ok"), { timeout: WAIT_MS })
        .toBe("true");
      await expectNoSideways(page, "/xac-thuc");
      await page.goto(`/tra-cuu/${encodeURIComponent(code!)}`);
      await expectVisible(page.getByTestId("lookup-file"), "the results on a phone");
      await expectNoSideways(page, "/tra-cuu/:code");
      await expectNoSeriousA11yViolations(page, "/tra-cuu/:code (375 px)");
    });
  }, 240_000);

  it("the citizen's document store lists their file with its dossier", () =>
    withSession(browser, async (page) => {
      await submitLogin(page, demoCitizen.email, DEMO_PASSWORD);
      await expectPath(page, "/", "the citizen lands on the portal home");
      // A file of theirs, through the API (the filing page has no upload yet).
      const me = (await (await page.request.get("/api/auth/me")).json()) as { csrfToken: string };
      const list = (await (await page.request.get("/api/dossiers?pageSize=100")).json()) as {
        items: { id: string; state: string; code: string | null }[];
      };
      const mine = list.items.find((d) => ["draft", "submitted", "supplement_requested"].includes(d.state));
      expect(mine, "a dossier of the demo citizen still open to documents").toBeDefined();
      const name = "Tờ khai của tôi.png";
      const upload = await page.request.post(
        `/api/dossiers/${mine!.id}/documents?name=${encodeURIComponent(name)}&kind=submitted`,
        {
          data: pngBytes(),
          headers: {
            "content-type": "image/png",
            "x-csrf-token": me.csrfToken,
            "Idempotency-Key": crypto.randomUUID(),
          },
        },
      );
      expect(upload.status(), `upload: ${await upload.text()}`).toBe(201);

      await page.getByRole("link", { name: msg("vi", "nav.myDocuments") }).click();
      await expectPath(page, "/giay-to-cua-toi", "My documents");
      const item = page.locator('[data-testid="my-document"]', { hasText: name });
      await expectVisible(item, "the citizen's file in the store");
      await expectText(item.getByTestId("document-kind"), msg("vi", "documents.kind.submitted"), "its kind");
      const href = (await item.getByTestId("my-document-link").getAttribute("href")) ?? "";
      const download = await page.request.get(href);
      expect(download.status(), `GET ${href}`).toBe(200);
      expect(download.headers()["content-type"]).toBe("image/png");
      await expectNoSeriousA11yViolations(page, "/giay-to-cua-toi");
    }));
});

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
