// E-forms in the browser (issue #6): a unit administrator builds a new form for a procedure that
// has none (several field kinds, reordered, tried out in the preview, saved as revision 1); a
// receptionist receives a dossier of that procedure at the desk with the form – refused next to
// the field while a value is wrong, received once it is right – and the dossier page shows the
// values; then an assisted filing for the demo citizen, who sees it, marked, in "my dossiers".
// axe on the builder and the assisted filing page; screenshots in e2e/artifacts/.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { demoCitizen } from "../src/demo/demo-data.ts";
import {
  DEMO_PASSWORD,
  expectCount,
  expectHidden,
  expectNoSeriousA11yViolations,
  expectPath,
  expectText,
  expectVisible,
  loginAs,
  openAdminMenu,
  sharedBrowser,
  submitLogin,
  WAIT_MS,
  withSession,
} from "./browser.ts";

/** Đăng ký kết hôn: served by Thuận Hóa, no demo form, used by no other browser test. */
const CODE = "1.000894";
const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));
const browser = sharedBrowser();

type Tree = { [key: string]: string | Tree };
const eformVi = (
  JSON.parse(
    readFileSync(fileURLToPath(new URL("../web/src/locales/eform.vi.json", import.meta.url)), "utf8"),
  ) as { eform: Tree }
).eform;

/** A string of the e-form catalog (web/src/locales/eform.vi.json), e.g. E("builder.heading"). */
function E(key: string, params: Record<string, string | number> = {}): string {
  let node: string | Tree | undefined = eformVi;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") throw new Error(`no message "eform.${key}"`);
  return node.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page
    .locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: option })
    .first()
    .click();
}

/** The antd error text under a form item (Form.Item links it to the control with aria-describedby). */
function errorOf(page: Page, controlId: string): Locator {
  return page.locator(`#${controlId}_help`);
}

async function expectInvalid(page: Page, controlId: string, text: string, what: string): Promise<void> {
  await expectText(errorOf(page, controlId), text, what);
  await expect
    .poll(() => page.locator(`#${controlId}`).getAttribute("aria-invalid"), {
      timeout: WAIT_MS,
      message: what,
    })
    .toBe("true");
  const describedBy = (await page.locator(`#${controlId}`).getAttribute("aria-describedby")) ?? "";
  expect(describedBy.split(" "), `${what}: the message is linked to the field`).toContain(
    `${controlId}_help`,
  );
}

async function addField(
  page: Page,
  kind: string,
  index: number,
  label: string,
  key: string,
): Promise<Locator> {
  await choose(page, page.getByTestId("builder-new-kind"), E(`kind.${kind}`));
  await page.getByTestId("builder-add-field").click();
  const field = page.getByTestId(`builder-field-${index}`);
  await expectVisible(field, `builder field ${index + 1}`);
  await page.getByTestId(`builder-field-${index}-label-vi`).fill(label);
  await page.getByTestId(`builder-field-${index}-key`).fill(key);
  return field;
}

async function previewOrder(page: Page): Promise<string[]> {
  return page
    .getByTestId("preview-fields")
    .locator("[data-testid^='preview-']:not([data-testid$='-prefilled'])")
    .evaluateAll((els) => els.map((el) => el.getAttribute("data-testid") ?? ""));
}

async function apiPost(page: Page, url: string, data: unknown) {
  const me = (await (await page.request.get("/api/auth/me")).json()) as { csrfToken: string };
  return page.request.post(url, {
    data,
    headers: { "x-csrf-token": me.csrfToken, "Idempotency-Key": crypto.randomUUID() },
  });
}

const VALID = {
  requesterName: "Lê Văn Chồng",
  marriages: "0",
  requesterId: "046090004321",
  ceremony: "office",
};

describe("e-forms", () => {
  it(
    "a unit administrator builds a new form: kinds, reorder, preview errors, save as revision 1",
    () =>
      withSession(browser, async (page) => {
        await loginAs(page, "quantri.thuanhoa");
        await openAdminMenu(page, E("builder.heading"));
        await expectPath(page, "/admin/bieu-mau", "the e-forms menu link");
        const row = page.getByTestId("builder-procedures").locator(`tr[data-row-key="${CODE}"]`);
        await expectText(row, E("builder.noForm"), "the procedure has no form yet");
        await expectText(
          page.getByTestId("builder-procedures").locator('tr[data-row-key="1.004873"]'),
          E("builder.inherited", { unit: "Thành phố Huế", revision: 1 }),
          "the demo form of the province is inherited",
        );
        await row.getByTestId(`builder-edit-${CODE}`).click();
        await expectVisible(page.getByTestId("builder-form"), "the builder");
        await expectText(page.getByTestId("builder-preview"), E("builder.previewEmpty"), "an empty preview");

        await page.getByTestId("builder-title").fill("Tờ khai đăng ký kết hôn (thử nghiệm)");
        await addField(page, "text", 0, "Họ tên người yêu cầu", "requesterName");
        await page.getByTestId("builder-field-0-required").click();
        await addField(page, "number", 1, "Số lần đã kết hôn", "marriages");
        await page.getByTestId("builder-field-1-minimum").fill("0");
        await page.getByTestId("builder-field-1-maximum").fill("5");
        await addField(page, "radio", 2, "Nơi tổ chức đăng ký", "ceremony");
        await page.getByTestId("builder-field-2-required").click();
        await page.getByTestId("builder-field-2-option-0-value").fill("office");
        await page.getByTestId("builder-field-2-option-0-label-vi").fill("Tại trụ sở UBND");
        await page.getByTestId("builder-field-2-option-1-value").fill("mobile");
        await page.getByTestId("builder-field-2-option-1-label-vi").fill("Lưu động");
        await addField(page, "id_number", 3, "Số định danh người yêu cầu", "requesterId");
        await page.getByTestId("builder-field-3-required").click();

        // Builder-side checks mirror the server's: a duplicate key is refused next to the key.
        await page.getByTestId("builder-field-1-key").fill("requesterName");
        await expectInvalid(page, "eform-builder_fields_1_key", E("builder.keyDuplicate"), "a duplicate key");
        await page.getByTestId("builder-field-1-key").fill("marriages");
        await expectHidden(errorOf(page, "eform-builder_fields_1_key"), "the key error once fixed");

        // Reorder with the keyboard: the ID number moves up above the radio group, focus follows.
        await page.getByTestId("builder-field-3-up").focus();
        await page.keyboard.press("Enter");
        await expect
          .poll(() => previewOrder(page), { timeout: WAIT_MS, message: "the preview follows the new order" })
          .toEqual(["preview-requesterName", "preview-marriages", "preview-requesterId", "preview-ceremony"]);
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")), {
            timeout: WAIT_MS,
            message: "focus stays on the moved field's button",
          })
          .toBe("builder-field-2-up");

        // The preview validates as the server will: an inline error next to the field.
        await page.getByTestId("preview-requesterId").fill("12345");
        await expectInvalid(
          page,
          "eform-preview_formData_requesterId",
          "9 hoặc 12 chữ số",
          "the preview's ID error",
        );
        await page.getByTestId("builder-preview-check").click();
        await expectInvalid(
          page,
          "eform-preview_formData_requesterName",
          "cần nhập",
          "a required field in the preview",
        );
        // Errors follow the language: the same check's English message after a switch, and back.
        await page.getByTestId("lang-switch").click();
        await expectText(
          errorOf(page, "eform-preview_formData_requesterId"),
          "9 or 12 digits",
          "the error in English",
        );
        await page.getByTestId("lang-switch").click();
        await expectText(
          errorOf(page, "eform-preview_formData_requesterId"),
          "9 hoặc 12 chữ số",
          "back in Vietnamese",
        );
        await screenshot(page, "eforms-builder");
        await expectNoSeriousA11yViolations(page, "/admin/bieu-mau (builder)");

        await page.getByTestId("builder-save").click();
        await expectText(
          page.getByTestId("builder-revisions"),
          E("revision", { n: 1 }),
          "revision 1 in the history",
        );
        await expectText(row, E("builder.own", { revision: 1 }), "the procedure now has its own form");
        // The saved form loads back into the builder in the new order.
        await expect
          .poll(() => page.getByTestId("builder-field-2-key").inputValue(), { timeout: WAIT_MS })
          .toBe("requesterId");
      }),
    240_000,
  );

  it(
    "the desk receives a dossier with the form: wrong value refused next to the field, then received",
    () =>
      withSession(browser, async (page) => {
        await loginAs(page, "tiepnhan.thuanhoa");
        await page.goto("/admin/tiep-nhan");
        await expectVisible(page.locator("#desk_procedureCode"), "the procedure search");
        await page.locator("#desk_procedureCode").focus();
        await page.keyboard.type(CODE);
        await expectVisible(
          page.locator(".ant-select-item-option", { hasText: CODE }),
          "the procedure found",
        );
        await page.keyboard.press("Enter");
        await expectVisible(page.getByTestId("desk-eform"), "the e-form in the desk form");
        // Optional at the desk (paper forms), so it opens on request.
        await expectCount(
          page.getByTestId("desk-eform-requesterName"),
          0,
          "the e-form's fields before opening it",
        );
        await page.getByTestId("desk-eform-toggle").click();
        await page.getByTestId("desk-applicant-name").fill("Lê Văn Chồng");

        // The server refuses wrong form data with errors named formData.<key> (nothing is created).
        const unitId = (
          (await (await page.request.get("/api/auth/me")).json()) as {
            roles: { role: string; unitId: string }[];
          }
        ).roles.find((r) => r.role === "receptionist")!.unitId;
        const refused = await apiPost(page, "/api/dossiers", {
          unitId,
          procedureCode: CODE,
          channel: "in_person",
          applicant: { kind: "person", name: "Lê Văn Chồng" },
          formData: { ...VALID, marriages: 0, requesterId: "12345" },
        });
        expect(refused.status(), "the server refuses a wrong ID number").toBe(400);
        const problem = (await refused.json()) as { errors: { field: string }[] };
        expect(problem.errors.map((e) => e.field)).toEqual(["formData.requesterId"]);

        await page.getByTestId("desk-eform-requesterName").fill(VALID.requesterName);
        await page.getByTestId("desk-eform-marriages").fill(VALID.marriages);
        await page.getByTestId("desk-eform-requesterId").fill("12345");
        await page.getByTestId("desk-eform-ceremony").getByText("Tại trụ sở UBND").click();
        await page.getByTestId("desk-submit").click();
        await expectInvalid(
          page,
          "desk_formData_requesterId",
          "9 hoặc 12 chữ số",
          "the ID error at the desk",
        );
        await expectCount(page.getByTestId("desk-result"), 0, "no dossier received while the form is wrong");
        await screenshot(page, "eforms-desk-error");

        await page.getByTestId("desk-eform-requesterId").fill(VALID.requesterId);
        await page.getByTestId("desk-submit").click();
        await expectVisible(page.getByTestId("desk-result"), "the receipt panel");
        await page.getByTestId("desk-open").click();
        const view = page.getByTestId("dossier-eform");
        await expectVisible(view, "the filled form on the dossier page");
        await expectText(view.getByTestId("dossier-eform-requesterName"), VALID.requesterName, "the name");
        await expectText(view.getByTestId("dossier-eform-requesterId"), VALID.requesterId, "the ID number");
        await expectText(view.getByTestId("dossier-eform-ceremony"), "Tại trụ sở UBND", "the option's label");
        await expectText(view.getByTestId("dossier-eform-marriages"), "0", "the number");
        await screenshot(page, "eforms-dossier-view");
      }),
    240_000,
  );

  it("a receptionist files for the demo citizen (assisted); the citizen sees it, marked", async () => {
    let id = "";
    await withSession(browser, async (page) => {
      await loginAs(page, "tiepnhan.thuanhoa");
      await openAdminMenu(page, E("assisted.menu"));
      await expectPath(page, "/admin/nop-ho-tro", "the assisted filing menu link");
      await expectVisible(page.locator("#assisted_procedureCode"), "the procedure search");
      await page.locator("#assisted_procedureCode").focus();
      await page.keyboard.type(CODE);
      await expectVisible(page.locator(".ant-select-item-option", { hasText: CODE }), "the procedure found");
      await page.keyboard.press("Enter");
      await expectVisible(page.getByTestId("assisted-eform"), "the e-form");
      await page.getByTestId("assisted-applicant-name").fill(demoCitizen.fullName);
      await page.getByTestId("assisted-applicant-email").fill(demoCitizen.email);
      await page.getByTestId("assisted-eform-requesterName").fill(demoCitizen.fullName);
      await page.getByTestId("assisted-eform-requesterId").fill("046090001234");
      await page.getByTestId("assisted-eform-ceremony").getByText("Lưu động").click();
      await expectNoSeriousA11yViolations(page, "/admin/nop-ho-tro (filled in)");
      await screenshot(page, "eforms-assisted");
      await page.getByTestId("assisted-submit").click();
      const result = page.getByTestId("assisted-result");
      await expectVisible(result, "the filing confirmation");
      await expectText(result, "Đã nộp, chờ tiếp nhận", "submitted, awaiting reception");
      await page.getByTestId("assisted-receive-now").click();
      await expectVisible(page.getByTestId("dossier-page"), "the dossier page");
      id = new URL(page.url()).pathname.split("/").pop() ?? "";
      await expectVisible(page.getByTestId("command-receive"), "the receive command");
      await expectText(page.getByTestId("dossier-assisted-by"), "Nguyễn Thị Tiếp", "the assisting official");
      await expectText(page.getByTestId("dossier-eform-ceremony"), "Lưu động", "the form's value");
    });

    await withSession(browser, async (page) => {
      await submitLogin(page, demoCitizen.email, DEMO_PASSWORD);
      await expectPath(page, "/", "the citizen lands on the portal home");
      await page.goto("/ho-so-cua-toi");
      const mine = page.locator(`[data-testid="my-dossier"][data-id="${id}"]`);
      await expectVisible(mine, "the assisted dossier in My dossiers");
      await mine.getByTestId("my-dossier-open").click();
      await expectVisible(page.getByTestId("my-dossier-assisted"), "the assisted marker");
      const detail = (await (await page.request.get(`/api/dossiers/${id}`)).json()) as {
        assistedBy: { name: string } | null;
      };
      expect(detail.assistedBy?.name, "the API names the assisting official").toBeTruthy();
      await screenshot(page, "eforms-my-dossier-assisted");
    });
  }, 240_000);
});
