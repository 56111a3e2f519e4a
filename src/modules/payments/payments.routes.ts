// /api/v1/payments: start a payment of a dossier's fees (its applicant or the desk), read
// payments, print a receipt, refund (the unit's leader), reconcile with the gateway.
// /api/public/payments/vnpay/*: what the gateway calls (IPN, server to server) and the browser's
// return, both verified by the gateway's signature rather than a session.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { findUnit } from "../org/org.repository.ts";
import { renderPaymentReceipt } from "./payments.pdf.ts";
import {
  callbackQuery,
  idParams,
  ipnOut,
  listOut,
  listQuery,
  paymentDetail,
  reconOut,
  reconQuery,
  refundBody,
  refundOut,
  returnOut,
  startBody,
  startOut,
} from "./payments.schemas.ts";
import * as service from "./payments.service.ts";
import { reconciliationWorkbook } from "./payments.xlsx.ts";

const tags = ["payments"];

export const paymentRoutes: FastifyPluginAsyncZod = async (app) => {
  // Sends a refund right after its request is committed (the server's own worker also polls).
  const worker = service.createPaymentsWorker({
    db: app.db,
    config: app.config,
    log: app.log.child({ module: "payments" }),
    pollMs: 0,
  });
  app.addHook("onClose", async () => worker.stop());

  app.post(
    "/",
    {
      schema: {
        tags,
        summary:
          "Start paying a dossier's fees online (its applicant, or the receiving unit's desk: dossier.receive); answers the gateway's payment page to redirect to",
        body: startBody,
        response: { 201: startOut },
      },
      config: { action: "payment.start" },
    },
    async (request, reply) => {
      reply.status(201);
      return service.startPayment(request.ctx, request.body, request.ip);
    },
  );

  app.get(
    "/",
    {
      schema: {
        tags,
        summary:
          "Payments of one dossier (its applicant or its units' staff) or collected by a unit (payment.read), newest first",
        querystring: listQuery,
        response: { 200: listOut },
      },
    },
    async (request) => service.listPayments(request.ctx, request.query),
  );

  app.get(
    "/reconciliation",
    {
      schema: {
        tags,
        summary:
          "Reconciliation of a unit's received payments with the gateway's daily transaction lists (payment.read): matched, only ours, only the gateway's, amount mismatch; JSON or XLSX",
        querystring: reconQuery,
        response: { 200: reconOut },
      },
    },
    async (request, reply) => {
      const report = await service.reconciliation(request.ctx, request.query);
      if (request.query.format !== "xlsx") return report;
      const unit = await findUnit(request.ctx.tx, report.unitId);
      const file = await reconciliationWorkbook(report, unit?.name ?? "", request.query.lang);
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="doi-soat-${report.from}-${report.to}.xlsx"`)
        .send(file as never);
    },
  );

  app.get(
    "/:id",
    {
      schema: {
        tags,
        summary: "A payment with its refunds (and, for staff, the messages exchanged with the gateway)",
        params: idParams,
        response: { 200: paymentDetail },
      },
    },
    async (request) => service.getPayment(request.ctx, request.params.id),
  );

  app.get(
    "/:id/receipt.pdf",
    {
      schema: {
        tags,
        summary: "The receipt (biên lai) of a paid payment: A4 PDF, Vietnamese, numbered per unit and year",
        params: idParams,
      },
      config: { action: "payment.receipt", personalData: true },
    },
    async (request, reply) => {
      const data = await service.receiptData(request.ctx, request.params.id);
      const pdf = await renderPaymentReceipt(data);
      reply
        .type("application/pdf")
        .header(
          "content-disposition",
          `inline; filename="bien-lai-${data.receiptCode.replace("/", "-")}.pdf"`,
        );
      return pdf;
    },
  );

  app.post(
    "/:id/refunds",
    {
      schema: {
        tags,
        summary:
          "Refund all or part of a payment through the gateway (payment.refund: the unit's leader); sent after commit, retried while the gateway does not answer, applied once",
        params: idParams,
        body: refundBody,
        response: { 202: refundOut },
      },
      config: { action: "payment.refund" },
    },
    async (request, reply) => {
      const refund = await service.requestRefund(request.ctx, request.params.id, request.body);
      reply.status(202);
      // After the response (and so after the commit): never call the gateway inside the transaction.
      reply.raw.once("finish", () => {
        if (app.config.payments.pollMs > 0) void worker.kick();
      });
      return refund;
    },
  );
};

export const publicPaymentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/payments/vnpay/ipn",
    {
      schema: {
        tags,
        summary:
          "VNPAY's IPN (server to server): verified by vnp_SecureHash; answers {RspCode, Message}: 00 confirmed, 01 order not found, 02 already confirmed, 04 invalid amount, 97 invalid signature, 99 other",
        querystring: callbackQuery,
        response: { 200: ipnOut },
      },
    },
    async (request) => service.handleIpn(app.db, app.config, request.query, request.log),
  );

  app.get(
    "/payments/vnpay/return",
    {
      schema: {
        tags,
        summary:
          "The browser's return from VNPAY (the web page passes on the parameters): verified and logged; shows the gateway's outcome, changes nothing",
        querystring: callbackQuery,
        response: { 200: returnOut },
      },
    },
    async (request) => service.handleReturn(app.db, app.config, request.query, request.log),
  );
};
