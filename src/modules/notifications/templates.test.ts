import { describe, expect, it } from "vitest";
import type { NotificationTemplate } from "./outbox.ts";
import {
  escapeHtml,
  formatVietnamTime,
  type Locale,
  NOTIFICATION_TEMPLATES,
  parsePayload,
  renderEmail,
  renderSms,
  smsParts,
  TemplateError,
} from "./templates.ts";

const code = "000.00.12.H12-250701-0001";
const base = {
  code,
  procedureName: "Đăng ký khai sinh",
  applicantName: "Nguyễn Văn An",
  receivedAt: "2025-07-01T02:30:00.000Z", // 09:30 in Vietnam
  dueAt: "2025-07-03T09:00:00.000Z", // 16:00 in Vietnam
  lookupUrl: `https://motcua.example/tra-cuu/${code}`,
};
/** A booking (appointments): the same code, names and link, so the checks below apply. */
const appointment = {
  code,
  applicantName: "Nguyễn Văn An",
  unitName: "Phường Thuận Hóa",
  serviceName: "Đăng ký khai sinh",
  startsAt: "2025-07-01T02:30:00.000Z",
  endsAt: "2025-07-01T03:00:00.000Z",
  address: "23 Tố Hữu, Huế",
  manageUrl: base.lookupUrl,
};
const accountLink = "https://motcua.example/dat-mat-khau#t=Qk9VTkRBUllfVE9LRU5fNDNfQ0hBUkFDVEVSU19MT05HX1g";
const payloads: Record<NotificationTemplate, Record<string, unknown>> = {
  "dossier.received": base,
  "dossier.supplement_requested": {
    ...base,
    items: ["Bản sao Giấy chứng sinh", "Tờ khai có chữ ký của người yêu cầu"],
    reason: "Thiếu giấy tờ theo quy định",
  },
  "dossier.result_ready": { ...base, resultDelivery: "desk" },
  "dossier.apology": {
    ...base,
    newDueAt: "2025-07-07 03:00:00+00", // PostgreSQL's text form; 10:00 in Vietnam
    reason: "Cần xác minh thêm thông tin",
  },
  "dossier.returned": {
    ...base,
    ratingUrl: "https://motcua.example/danh-gia/AQAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
  },
  "appointment.booked": { ...appointment, ics: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" },
  "appointment.reminder": appointment,
  "appointment.cancelled": { ...appointment, ics: null },
  "appointment.slot_withdrawn": appointment,
  "feedback.answered": {
    code,
    senderName: "Nguyễn Văn An",
    reply: "Đã hướng dẫn lại hồ sơ Đăng ký khai sinh tại quầy số 2.",
    statusUrl: base.lookupUrl,
  },
  "feedback.rejected": {
    code,
    senderName: "Nguyễn Văn An",
    reason: "Nội dung về Đăng ký khai sinh đã được trả lời ở phản ánh trước.",
    statusUrl: base.lookupUrl,
  },
  "account.invited": {
    fullName: "Nguyễn Văn An",
    username: "nvan.thuanhoa",
    unitName: "Phường Thuận Hóa",
    role: "receptionist",
    link: accountLink,
    expiresAt: "2025-07-08T02:30:00.000Z",
  },
  "account.password_reset": {
    fullName: "Nguyễn Văn An",
    link: accountLink,
    expiresAt: "2025-07-01T03:30:00.000Z",
  },
  "account.password_changed": {
    fullName: "Nguyễn Văn An",
    at: "2025-07-01T02:30:00.000Z",
    link: "https://motcua.example/quen-mat-khau",
  },
  "account.contact_changed": {
    fullName: "Nguyễn Văn An",
    at: "2025-07-01T02:30:00.000Z",
    by: "administrator",
    email: true,
    phone: false,
    link: "https://motcua.example/login",
  },
  "account.contact_verify": {
    fullName: "Nguyễn Văn An",
    kind: "email",
    link: "https://motcua.example/xac-nhan-lien-he#t=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE",
    expiresAt: "2025-07-01T03:30:00.000Z",
  },
};
const locales: Locale[] = ["vi", "en"];
const isAccount = (template: string) => template.startsWith("account.");

describe("notification templates", () => {
  for (const template of NOTIFICATION_TEMPLATES.filter((x) => !isAccount(x))) {
    for (const locale of locales) {
      it(`${template} in ${locale}: e-mail and SMS carry the code and the dates in Vietnam time`, () => {
        const mail = renderEmail(template, locale, payloads[template]);
        expect(mail.subject).toContain(code);
        expect(mail.subject).not.toMatch(/[\r\n]/);
        for (const body of [mail.text, mail.html]) {
          expect(body).toContain(code);
          expect(body).toContain("Đăng ký khai sinh");
          expect(body).toContain("Nguyễn Văn An");
          expect(body).toContain(base.lookupUrl);
        }
        expect(mail.html).toContain(`<html lang="${locale}">`);
        expect(mail.html).toContain(`href="${base.lookupUrl}"`);
        const sms = renderSms(template, locale, payloads[template]);
        expect(sms.text).toContain(code);
        expect(sms.text).not.toContain("Nguyễn"); // no personal data in SMS (and in its log)
        // Short: one GSM-7 message in English, at most two UCS-2 parts in Vietnamese.
        const parts = smsParts(sms.text);
        expect(parts.parts).toBeLessThanOrEqual(locale === "en" ? 1 : 2);
        // Vietnamese text is precomposed (NFC): decomposed accents would double the SMS length.
        for (const s of [mail.subject, mail.text, mail.html, sms.text]) expect(s).toBe(s.normalize("NFC"));
      });
    }
  }

  for (const template of NOTIFICATION_TEMPLATES.filter(isAccount)) {
    for (const locale of locales) {
      it(`${template} in ${locale}: the link in the e-mail and the SMS, times in Vietnam time, no name in the SMS`, () => {
        const payload = payloads[template];
        const mail = renderEmail(template, locale, payload);
        expect(mail.subject).not.toMatch(/[\r\n]/);
        for (const body of [mail.text, mail.html]) {
          expect(body).toContain("Nguyễn Văn An");
          expect(body).toContain(String(payload.link).replace(/&/g, "&amp;"));
        }
        expect(mail.html).toContain(`href="${String(payload.link)}"`);
        // 02:30Z / 03:30Z are 09:30 / 10:30 in Vietnam.
        expect(mail.text).toMatch(
          /^account\.(password_reset|contact_verify)$/.test(template) ? /10:30/ : /09:30/,
        );
        const sms = renderSms(template, locale, payload);
        expect(sms.text).toContain(String(payload.link));
        expect(sms.text).not.toContain("Nguyễn");
        expect(smsParts(sms.text).parts).toBeLessThanOrEqual(2);
        for (const s of [mail.subject, mail.text, mail.html, sms.text]) expect(s).toBe(s.normalize("NFC"));
      });
    }
  }

  it("account: the invitation names the user name, unit and role; a payload without its link is refused", () => {
    const vi = renderEmail("account.invited", "vi", payloads["account.invited"]);
    expect(vi.text).toContain("Tên đăng nhập: nvan.thuanhoa");
    expect(vi.text).toContain("Vai trò: Cán bộ tiếp nhận");
    expect(renderEmail("account.invited", "en", payloads["account.invited"]).text).toContain(
      "Role: Receptionist",
    );
    const { link: _, ...noLink } = payloads["account.password_reset"];
    expect(() => renderEmail("account.password_reset", "vi", noLink)).toThrow(TemplateError);
    expect(() =>
      renderEmail("account.invited", "vi", { ...payloads["account.invited"], role: "emperor" }),
    ).toThrow(TemplateError);
  });

  it("account: a contact change names what changed (never the new value); a payload naming nothing is refused", () => {
    const both = { ...payloads["account.contact_changed"], phone: true };
    expect(renderEmail("account.contact_changed", "vi", both).text).toContain(
      "đã thay đổi thư điện tử và số điện thoại của tài khoản",
    );
    expect(renderEmail("account.contact_changed", "en", payloads["account.contact_changed"]).text).toContain(
      "changed the e-mail address of your account at 01/07/2025 09:30",
    );
    expect(renderSms("account.contact_changed", "vi", { ...both, email: false }).text).toContain(
      "so dien thoai da doi",
    );
    expect(() =>
      renderEmail("account.contact_changed", "vi", { ...both, email: false, phone: false }),
    ).toThrow(TemplateError);
    // Changed by the owner through a link: the advice is to change the password, not to call the administrator.
    const own = renderEmail("account.contact_changed", "en", { ...both, by: "owner" });
    expect(own.text).toContain("You confirmed a new e-mail address and phone number");
    expect(own.text).toContain("change your password");
    expect(renderEmail("account.contact_verify", "vi", payloads["account.contact_verify"]).text).toContain(
      "dùng địa chỉ thư điện tử này cho tài khoản",
    );
  });

  it("feedback: the answer (or the reason) in the e-mail, the status link in the SMS, a sender without a name", () => {
    const answered = payloads["feedback.answered"];
    const mail = renderEmail("feedback.answered", "vi", { ...answered, senderName: null });
    expect(mail.text).toContain("Kính gửi ông/bà,");
    expect(mail.text).toContain(String(answered.reply));
    const rejected = renderEmail("feedback.rejected", "en", payloads["feedback.rejected"]);
    expect(rejected.text).toContain(`Reason:\n\n${String(payloads["feedback.rejected"].reason)}`);
    expect(renderSms("feedback.answered", "vi", answered).text).toBe(
      `Phan anh ${code} da duoc tra loi. Xem: ${base.lookupUrl}`,
    );
    expect(() => renderEmail("feedback.answered", "vi", { ...answered, reply: " " })).toThrow(TemplateError);
    const withdrawn = renderSms("appointment.slot_withdrawn", "vi", appointment);
    expect(withdrawn.text).toContain("01/07/2025 09:30-10:00");
    expect(smsParts(withdrawn.text).encoding).toBe("gsm7");
  });

  it("attaches the booking's calendar file to the confirmation e-mail, not to the SMS or the reminder", () => {
    const booked = renderEmail("appointment.booked", "vi", payloads["appointment.booked"]);
    expect(booked.attachments).toEqual([
      {
        filename: `lich-hen-${code}.ics`,
        contentType: "text/calendar; charset=utf-8; method=PUBLISH",
        content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
      },
    ]);
    expect(booked.text).toContain("Thời gian: 01/07/2025 09:30-10:00");
    expect(booked.text).toContain("Nơi tiếp: Phường Thuận Hóa, 23 Tố Hữu, Huế");
    expect(renderEmail("appointment.reminder", "en", appointment).attachments).toBeUndefined();
    expect(
      renderEmail("appointment.cancelled", "en", payloads["appointment.cancelled"]).attachments,
    ).toBeUndefined();
    expect(renderEmail("dossier.received", "vi", base).attachments).toBeUndefined();
    expect(renderSms("appointment.booked", "en", payloads["appointment.booked"]).text).toBe(
      `Appointment ${code} booked: 01/07/2025 09:30-10:00. Manage: ${base.lookupUrl}`,
    );
    expect(() => renderEmail("appointment.booked", "vi", { ...appointment, startsAt: "tomorrow" })).toThrow(
      TemplateError,
    );
  });

  it("says the right things per template, with correct Vietnamese", () => {
    const received = renderEmail("dossier.received", "vi", base);
    expect(received.subject).toBe(`Đã tiếp nhận hồ sơ ${code}`);
    expect(received.text).toContain("Thời điểm tiếp nhận: 01/07/2025 09:30");
    expect(received.text).toContain("Hẹn trả kết quả: 03/07/2025 16:00");
    expect(renderEmail("dossier.received", "en", base).text).toContain("Result due: 03/07/2025 16:00");
    expect(renderSms("dossier.received", "vi", base).text).toBe(
      `Hồ sơ ${code} đã được tiếp nhận. Hẹn trả kết quả: 03/07/2025 16:00.`,
    );

    const supplement = renderEmail(
      "dossier.supplement_requested",
      "vi",
      payloads["dossier.supplement_requested"],
    );
    expect(supplement.subject).toBe(`Yêu cầu bổ sung, hoàn thiện hồ sơ ${code}`);
    expect(supplement.text).toContain("1. Bản sao Giấy chứng sinh\n2. Tờ khai có chữ ký của người yêu cầu");
    expect(supplement.text).toContain("Lý do: Thiếu giấy tờ theo quy định");
    expect(supplement.html).toContain("<ol><li>Bản sao Giấy chứng sinh</li>");

    for (const [delivery, vi, en] of [
      ["desk", "Mời ông/bà đến Bộ phận Một cửa", "one-stop desk"],
      ["postal", "bưu chính", "by post"],
      ["online", "trực tuyến", "online"],
    ] as const) {
      const p = { ...base, resultDelivery: delivery };
      expect(renderEmail("dossier.result_ready", "vi", p).text).toContain(vi);
      expect(renderEmail("dossier.result_ready", "en", p).text).toContain(en);
      expect(renderSms("dossier.result_ready", "vi", p).text).toContain(vi.split(" ").at(-1));
    }
    expect(renderEmail("dossier.result_ready", "vi", payloads["dossier.result_ready"]).subject).toBe(
      `Hồ sơ ${code} đã có kết quả`,
    );

    const apology = renderEmail("dossier.apology", "vi", payloads["dossier.apology"]);
    expect(apology.subject).toBe(`Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${code}`);
    expect(apology.text).toContain("hẹn trả kết quả vào 03/07/2025 16:00");
    expect(apology.text).toContain("Hẹn lại ngày trả kết quả: 07/07/2025 10:00");
    expect(apology.text).toContain("Lý do: Cần xác minh thêm thông tin");
    expect(apology.text).toContain("xin lỗi");
    expect(renderSms("dossier.apology", "en", payloads["dossier.apology"]).text).toContain(
      "07/07/2025 10:00",
    );
  });

  it("leaves out what the dossier does not have yet: no appointment, no supplement reason", () => {
    const { dueAt: _, ...noDue } = base;
    const received = renderEmail("dossier.received", "vi", { ...noDue, dueAt: null });
    expect(received.text).not.toContain("Hẹn trả kết quả");
    expect(renderSms("dossier.received", "vi", noDue).text).toBe(`Hồ sơ ${code} đã được tiếp nhận.`);
    expect(renderSms("dossier.received", "en", noDue).text).toBe(`Application ${code} received.`);
    const apology = renderEmail("dossier.apology", "vi", {
      ...payloads["dossier.apology"],
      dueAt: undefined,
    });
    expect(apology.text).toContain(`đã tiếp nhận hồ sơ ${code} (Đăng ký khai sinh) của ông/bà.`);
    expect(apology.text).toContain("Hẹn lại ngày trả kết quả: 07/07/2025 10:00");
    const supplement = renderEmail("dossier.supplement_requested", "en", {
      ...payloads["dossier.supplement_requested"],
      reason: null,
    });
    expect(supplement.text).not.toContain("Reason");
    expect(supplement.html).not.toContain("Reason");
    expect(supplement.text).toContain("1. Bản sao Giấy chứng sinh");
  });

  it("escapes every payload value in HTML, and nothing else changes them", () => {
    const evil = "<script>alert('x')</script>";
    const p = {
      ...payloads["dossier.supplement_requested"],
      applicantName: `An ${evil}`,
      procedureName: `Khai sinh & "hộ tịch" ${evil}`,
      items: [evil],
      reason: `${evil}\nsecond line`,
      lookupUrl: `https://motcua.example/tra-cuu?ma=1&x="><script>`,
    };
    for (const locale of locales) {
      const mail = renderEmail("dossier.supplement_requested", locale, p);
      expect(mail.html).not.toContain("<script>");
      expect(mail.html).toContain(
        'href="https://motcua.example/tra-cuu?ma=1&amp;x=&quot;&gt;&lt;script&gt;"',
      );
      expect(mail.html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
      expect(mail.html).toContain("Khai sinh &amp; &quot;hộ tịch&quot;");
      expect(mail.html).toContain("&lt;/script&gt;<br>second line");
      // The text part is plain text: values as given.
      expect(mail.text).toContain(evil);
    }
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("rejects a payload that does not fit its template, naming the fields", () => {
    const bad: [string, unknown, RegExp][] = [
      ["dossier.received", { ...base, code: undefined }, /code/],
      ["dossier.received", { ...base, dueAt: "03/07/2025" }, /dueAt/],
      ["dossier.received", { ...base, receivedAt: "2025-07-01T09:30:00" }, /receivedAt/], // no offset
      ["dossier.received", { ...base, lookupUrl: "javascript:alert(1)" }, /lookupUrl/],
      ["dossier.received", { ...base, code: "X\r\nBcc: victim@example.vn" }, /code/],
      ["dossier.received", null, /payload/],
      ["dossier.supplement_requested", { ...base, reason: "x", items: [] }, /items/],
      ["dossier.supplement_requested", { ...base, items: ["x"], reason: 42 }, /reason/],
      ["dossier.apology", { ...base, newDueAt: "2025-07-07T03:00:00Z" }, /reason/],
      ["dossier.result_ready", { ...base, resultDelivery: "pigeon" }, /resultDelivery/],
      ["dossier.apology", { ...base, reason: "x" }, /newDueAt/],
      ["dossier.unknown", base, /unknown template/],
    ];
    for (const [template, payload, message] of bad) {
      expect(() => renderEmail(template, "vi", payload)).toThrow(TemplateError);
      expect(() => renderSms(template, "en", payload)).toThrow(message);
    }
    // Strings are trimmed and normalised to NFC.
    const decomposed = "Nguye\u0302\u0303n Va\u0306n An";
    expect(
      parsePayload("dossier.received", { ...base, applicantName: ` ${decomposed} ` }).applicantName,
    ).toBe("Nguyễn Văn An");
  });

  it("prints instants in Vietnam time whatever the input's offset", () => {
    expect(formatVietnamTime("2025-12-31T17:05:00Z")).toBe("01/01/2026 00:05");
    expect(formatVietnamTime("2025-12-31T17:05:00+07:00")).toBe("31/12/2025 17:05");
    expect(formatVietnamTime("2025-12-31 17:05:00.123+00")).toBe("01/01/2026 00:05");
    expect(formatVietnamTime(new Date("2026-02-16T16:59:00Z"))).toBe("16/02/2026 23:59");
  });

  it("counts SMS parts by encoding", () => {
    expect(smsParts("a".repeat(160))).toEqual({ encoding: "gsm7", length: 160, parts: 1 });
    expect(smsParts("a".repeat(161)).parts).toBe(2);
    expect(smsParts("€".repeat(80))).toEqual({ encoding: "gsm7", length: 160, parts: 1 });
    expect(smsParts("ồ".repeat(70))).toEqual({ encoding: "ucs2", length: 70, parts: 1 });
    expect(smsParts("ồ".repeat(71)).parts).toBe(2);
  });
});
