// Permission cases of online fee payments (issue #9 part 2), merged by ./index.ts. A dossier's
// applicant or its receiving desk starts a payment; the unit's staff read its payments (another
// unit's staff, system administrators and other citizens get 404); only the unit's leader refunds.
// This suite runs without a gateway (demo mode, no simulator started): once authorized, starting,
// refunding and reconciling answer 409 "payments.disabled" — payments.db.test.ts covers the rest.
import { randomUUID } from "node:crypto";
import type { App } from "../../src/app.ts";
import { payments } from "../../src/db/schema.payments.ts";
import { cells, covering, UNIT_STAFF } from "./principals.ts";
import type { Case, Ids } from "./types.ts";

let receiptNo = 900_000;

/** A paid payment of a dossier just received at Thuận Hóa's desk (written directly: no gateway here). */
async function paidPayment(ids: Ids, app: App): Promise<string> {
  const d = await ids.dossier();
  const now = new Date().toISOString();
  const [p] = await app.db
    .insert(payments)
    .values({
      dossierId: d.id,
      unitId: ids.thuanHoa,
      provider: "vnpay",
      txnRef: `PERM${randomUUID().replace(/-/g, "").slice(0, 12)}`,
      amountVnd: 8000,
      feeLines: [{ name: "Lệ phí", amountVnd: 8000 }],
      feeKey: randomUUID(),
      orderInfo: "Thanh toan le phi",
      locale: "vi",
      status: "paid",
      paidAt: now,
      receiptYear: 2099,
      receiptNo: ++receiptNo,
      expiresAt: now,
    })
    .returning({ id: payments.id });
  return p!.id;
}

export const paymentsCases: Record<string, Case> = {
  "POST /api/v1/payments": {
    request: async (ids) => ({
      method: "POST",
      url: "/api/v1/payments",
      payload: { dossierId: (await ids.dossier()).id },
    }),
    // Payments are off in the test configuration: the desk passes authorization, then 409.
    allow: { "receptionist@own": 409 },
    sees: covering("specialist", "leader", "clerk", "supervisor"),
  },
  "GET /api/v1/payments": {
    request: async (ids) => ({ method: "GET", url: `/api/v1/payments?unitId=${ids.thuanHoa}` }),
    allow: cells(covering("receptionist", "leader", "supervisor"), 200),
    sees: UNIT_STAFF,
  },
  "GET /api/v1/payments/reconciliation": {
    request: async (ids) => ({
      method: "GET",
      url: `/api/v1/payments/reconciliation?unitId=${ids.thuanHoa}&from=2026-01-01&to=2026-01-02`,
    }),
    // Payments are off in the test configuration: 409 once authorized.
    allow: cells(covering("receptionist", "leader", "supervisor"), 409),
    sees: UNIT_STAFF,
  },
  "GET /api/v1/payments/:id": {
    request: async (ids, app) => ({ method: "GET", url: `/api/v1/payments/${await paidPayment(ids, app)}` }),
    allow: cells(covering("receptionist", "specialist", "leader", "clerk", "supervisor"), 200),
    sees: [],
  },
  "GET /api/v1/payments/:id/receipt.pdf": {
    request: async (ids, app) => ({
      method: "GET",
      url: `/api/v1/payments/${await paidPayment(ids, app)}/receipt.pdf`,
    }),
    allow: cells(covering("receptionist", "specialist", "leader", "clerk", "supervisor"), 200),
    sees: [],
  },
  "POST /api/v1/payments/:id/refunds": {
    request: async (ids, app) => ({
      method: "POST",
      url: `/api/v1/payments/${await paidPayment(ids, app)}/refunds`,
      payload: { reason: "Thử quyền" },
    }),
    // The unit's leader alone refunds; payments are off in the test configuration (409).
    allow: { "leader@own": 409 },
    sees: covering("receptionist", "specialist", "clerk", "supervisor"),
  },
  "GET /api/public/payments/vnpay/ipn": {
    public: true,
    reason:
      "the gateway's server-to-server notification: verified by its HMAC-SHA512 signature, not a session",
  },
  "GET /api/public/payments/vnpay/return": {
    public: true,
    reason: "the browser's return from the gateway: signature verified, logged, changes nothing",
  },
};
