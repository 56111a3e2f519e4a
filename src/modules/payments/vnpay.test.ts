// The VNPAY 2.1.0 signing, against vectors computed here independently with node:crypto over
// hand-written strings (never through the functions under test).
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  asciiText,
  createVnpayGateway,
  parseVnpDate,
  queryDrData,
  refundData,
  secureHash,
  signData,
  vnpDate,
  vnpEncode,
} from "./vnpay.ts";

const SECRET = "TESTSECRETKEY0123456789ABCDEFGHI";
const hmac = (data: string) => createHmac("sha512", SECRET).update(data, "utf8").digest("hex");

describe("VNPAY signing", () => {
  it("encodes like PHP urlencode: spaces as +, reserved characters as upper-case hex", () => {
    expect(vnpEncode("Thanh toan don hang :5")).toBe("Thanh+toan+don+hang+%3A5");
    expect(vnpEncode("https://a.vn/ReturnUrl?x=1")).toBe("https%3A%2F%2Fa.vn%2FReturnUrl%3Fx%3D1");
    expect(vnpEncode("a*b~c'd(e)!")).toBe("a%2Ab%7Ec%27d%28e%29%21");
    expect(vnpEncode("Đ")).toBe("%C4%90");
  });

  it("signs the parameters sorted by name, URL-encoded, without the hash fields or empty values", () => {
    const params = {
      vnp_Version: "2.1.0",
      vnp_TxnRef: "5",
      vnp_Amount: "1806000",
      vnp_OrderInfo: "Thanh toan don hang :5",
      vnp_ReturnUrl: "https://domainmerchant.vn/ReturnUrl",
      vnp_BankCode: "",
      vnp_SecureHash: "ignored",
      vnp_SecureHashType: "ignored",
      other: "ignored",
    };
    const expected =
      "vnp_Amount=1806000&vnp_OrderInfo=Thanh+toan+don+hang+%3A5&vnp_ReturnUrl=https%3A%2F%2Fdomainmerchant.vn%2FReturnUrl&vnp_TxnRef=5&vnp_Version=2.1.0";
    expect(signData(params)).toBe(expected);
    expect(secureHash(SECRET, params)).toBe(hmac(expected));
  });

  it("builds the payment URL that VNPAY's documentation shows, signed with HMAC-SHA512", () => {
    const gateway = createVnpayGateway({
      tmnCode: "DEMOV210",
      hashSecret: SECRET,
      payUrl: "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html",
      apiUrl: "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction",
      timeoutMs: 1000,
    });
    const createdAt = new Date("2021-08-01T08:33:33Z"); // 15:33:33 in Vietnam
    const url = gateway.paymentUrl({
      txnRef: "5",
      amountVnd: 18060,
      orderInfo: "Thanh toan don hang :5",
      locale: "vi",
      returnUrl: "https://domainmerchant.vn/ReturnUrl",
      ipAddr: "127.0.0.1",
      createdAt,
      expiresAt: new Date(createdAt.getTime() + 15 * 60_000),
    });
    const data =
      "vnp_Amount=1806000&vnp_Command=pay&vnp_CreateDate=20210801153333&vnp_CurrCode=VND&vnp_ExpireDate=20210801154833" +
      "&vnp_IpAddr=127.0.0.1&vnp_Locale=vn&vnp_OrderInfo=Thanh+toan+don+hang+%3A5&vnp_OrderType=other" +
      "&vnp_ReturnUrl=https%3A%2F%2Fdomainmerchant.vn%2FReturnUrl&vnp_TmnCode=DEMOV210&vnp_TxnRef=5&vnp_Version=2.1.0";
    expect(url).toBe(
      `https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?${data}&vnp_SecureHash=${hmac(data)}`,
    );
  });

  it("verifies a return or IPN: valid, tampered, another terminal", () => {
    const gateway = createVnpayGateway({
      tmnCode: "DEMOV210",
      hashSecret: SECRET,
      payUrl: "x",
      apiUrl: "x",
      timeoutMs: 1,
    });
    const data =
      "vnp_Amount=1000000&vnp_BankCode=NCB&vnp_OrderInfo=Thanh+toan&vnp_PayDate=20231207170112&vnp_ResponseCode=00" +
      "&vnp_TmnCode=DEMOV210&vnp_TransactionNo=14226112&vnp_TransactionStatus=00&vnp_TxnRef=166117";
    const query = {
      ...Object.fromEntries(new URLSearchParams(data)),
      vnp_SecureHash: hmac(data).toUpperCase(),
    };
    const ok = gateway.verifyCallback(query);
    expect(ok.valid).toBe(true);
    if (ok.valid)
      expect(ok.outcome).toMatchObject({
        txnRef: "166117",
        amountVnd: 10000,
        success: true,
        providerTxnNo: "14226112",
        paidAt: new Date("2023-12-07T10:01:12Z"),
      });
    expect(gateway.verifyCallback({ ...query, vnp_Amount: "2000000" }).valid).toBe(false);
    const other = createVnpayGateway({
      tmnCode: "OTHER001",
      hashSecret: SECRET,
      payUrl: "x",
      apiUrl: "x",
      timeoutMs: 1,
    });
    expect(other.verifyCallback(query).valid).toBe(false);
  });

  it("joins the querydr and refund data with | in the documented order", () => {
    expect(
      queryDrData({
        vnp_RequestId: "Q1",
        vnp_Version: "2.1.0",
        vnp_TmnCode: "DEMOV210",
        vnp_TxnRef: "5",
        vnp_TransactionDate: "20210801153333",
        vnp_CreateDate: "20210801160000",
        vnp_IpAddr: "127.0.0.1",
        vnp_OrderInfo: "Truy van",
      }),
    ).toBe("Q1|2.1.0|querydr|DEMOV210|5|20210801153333|20210801160000|127.0.0.1|Truy van");
    expect(
      refundData({
        vnp_RequestId: "R1",
        vnp_Version: "2.1.0",
        vnp_TmnCode: "DEMOV210",
        vnp_TransactionType: "03",
        vnp_TxnRef: "5",
        vnp_Amount: "500000",
        vnp_TransactionNo: "14226112",
        vnp_TransactionDate: "20210801153333",
        vnp_CreateBy: "Tran Van B",
        vnp_CreateDate: "20210802090000",
        vnp_IpAddr: "127.0.0.1",
        vnp_OrderInfo: "Hoan tien",
      }),
    ).toBe(
      "R1|2.1.0|refund|DEMOV210|03|5|500000|14226112|20210801153333|Tran Van B|20210802090000|127.0.0.1|Hoan tien",
    );
  });

  it("writes and reads dates in GMT+7, and order text without diacritics", () => {
    expect(vnpDate(new Date("2025-12-31T17:30:05Z"))).toBe("20260101003005");
    expect(parseVnpDate("20260101003005")).toEqual(new Date("2025-12-31T17:30:05Z"));
    expect(parseVnpDate("2026-01-01")).toBeNull();
    expect(asciiText("Thanh toán lệ phí hồ sơ Đăng ký")).toBe("Thanh toan le phi ho so Dang ky");
  });
});
