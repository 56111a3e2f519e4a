// Online fee payment in the browser: the demo citizen opens a dossier they filed (death registration,
// 8,000 VND), clicks "Pay fee", pays on the VNPAY simulator's page (the demo server starts it when
// VNPAY_* are unset), comes back to the return page, which waits for the IPN and shows "paid" with
// the receipt; the dossier page then shows the receipt number. The unit's leader sees the payment.
import { describe, expect, it } from "vitest";
import { demoCitizen } from "../src/demo/demo-data.ts";
import {
  baseUrl,
  DEMO_PASSWORD,
  expectNoSeriousA11yViolations,
  expectText,
  expectVisible,
  loginAs,
  msg,
  openAdminMenu,
  sharedBrowser,
  submitLogin,
  withSession,
} from "./browser.ts";

const browser = sharedBrowser();

/** Files a dossier with fees as the demo citizen, over the API. */
async function citizenDossierWithFees(): Promise<string> {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: demoCitizen.email, password: DEMO_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`API sign-in of the citizen: ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const units = (await (await fetch(`${baseUrl()}/api/public/units`)).json()) as {
    items: { id: string; code: string }[];
  };
  const ward = units.items.find((u) => u.code === "46.19753")!.id;
  const res = await fetch(`${baseUrl()}/api/portal/dossiers`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      cookie,
      "x-csrf-token": csrfToken,
      "idempotency-key": crypto.randomUUID(),
    },
    body: JSON.stringify({
      unitId: ward,
      procedureCode: "1.000656",
      channel: "online_partial",
      applicant: { name: demoCitizen.fullName },
    }),
  });
  if (res.status !== 201) throw new Error(`filing the dossier: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

describe("online fee payment", () => {
  it("pays a dossier's fee through the gateway and sees it paid", async () => {
    const dossierId = await citizenDossierWithFees();
    let txnRef = "";
    await withSession(browser, async (page) => {
      await submitLogin(page, demoCitizen.email, DEMO_PASSWORD);
      await page.waitForURL((url) => url.pathname !== "/login");
      await page.goto(`/ho-so-cua-toi/${dossierId}`);
      await expectText(page.getByTestId("payment-total"), "8.000", "the fee to pay");
      await page.getByTestId("pay-fee").click();
      // The simulator's page (another origin), in Vietnamese.
      await page.waitForURL(/\/paymentv2\/vpcpay\.html/);
      txnRef = new URL(page.url()).searchParams.get("vnp_TxnRef") ?? "";
      expect(txnRef).not.toBe("");
      await expectVisible(page.getByText("8.000 VND"), "the amount at the gateway");
      await page.locator("#pay").click();
      // Back on the portal: the page waits for the IPN, then shows the status.
      await page.waitForURL((url) => url.pathname === "/thanh-toan/ket-qua");
      await expectVisible(page.getByTestId("payment-return-page"), "the return page");
      await expectText(page.getByTestId("payment-status"), msg("vi", "payments.status.paid"), "paid");
      await expectNoSeriousA11yViolations(page, "payments: return page");
      await page.getByTestId("payment-back").click();
      await expectVisible(page.getByTestId("payment-paid"), "the receipt number on the dossier page");
      await expectVisible(page.getByTestId("payment-receipt"), "the receipt link");
    });
    await withSession(browser, async (page) => {
      await loginAs(page, "lanhdao.thuanhoa");
      await openAdminMenu(page, msg("vi", "payments.menu"));
      await expectText(page.getByTestId("unit-payments"), txnRef, "the payment in the unit's list");
      await expectNoSeriousA11yViolations(page, "payments: unit's payments");
    });
  });
});
