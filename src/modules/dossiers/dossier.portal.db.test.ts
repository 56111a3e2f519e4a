// Online filing details the citizen portal relies on: the postal address of the result and the
// documents a supplement request asks for, as the applicant sees them.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp, unitIdByCode } from "../../../test/app.ts";

const t = setupTestApp();
// 1.000656 (death registration) has no e-form: the filing needs no form data.
const NO_FORM = "1.000656";
const key = () => ({ "idempotency-key": randomUUID() });
let ward: string;
let citizen: Session;
let desk: Session;

beforeAll(async () => {
  ward = await unitIdByCode(t.app, "46.19753");
  citizen = await login(t.app, "congdan@motcua.example");
  desk = await login(t.app, "tiepnhan.thuanhoa");
});

const file = (body: Record<string, unknown>) =>
  call(
    t.app,
    citizen,
    "POST",
    "/api/portal/dossiers",
    {
      unitId: ward,
      procedureCode: NO_FORM,
      channel: "online_partial",
      applicant: { name: "Trần Thị Bình" },
      ...body,
    },
    key(),
  );

describe("result by post", () => {
  it("needs an address: refused on the field, nothing stored", async () => {
    const before = await call(t.app, citizen, "GET", "/api/dossiers?queue=all");
    const res = await file({ resultDelivery: "postal" });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: "postalAddress" })]);
    expect(res.json().errors[0].message.en).toContain("address");
    const after = await call(t.app, citizen, "GET", "/api/dossiers?queue=all");
    expect(after.json().total).toBe(before.json().total);
  });

  it("stores the given address, or the applicant's when none is given", async () => {
    const given = await file({ resultDelivery: "postal", postalAddress: "12 Lê Lợi, Thuận Hóa, Huế" });
    expect(given.statusCode).toBe(201);
    expect(given.json().postalAddress).toBe("12 Lê Lợi, Thuận Hóa, Huế");
    const fallback = await file({
      resultDelivery: "postal",
      applicant: { name: "Trần Thị Bình", address: "3 Hùng Vương, Huế" },
    });
    expect(fallback.json().postalAddress).toBe("3 Hùng Vương, Huế");
    const online = await file({ resultDelivery: "online", postalAddress: "ignored" });
    expect(online.json().postalAddress).toBeNull();
  });

  it("a draft may wait for the address; submitting it may not", async () => {
    const draft = await file({ resultDelivery: "postal", draft: true });
    expect(draft.statusCode).toBe(201);
    const submit = await call(
      t.app,
      citizen,
      "POST",
      `/api/dossiers/${draft.json().id}/commands`,
      { command: "submit", expectedVersion: draft.json().version },
      key(),
    );
    expect(submit.statusCode).toBe(400);
    expect(submit.json().errors[0].field).toBe("postalAddress");
  });
});

describe("supplement request seen by the applicant", () => {
  it("lists the documents asked for", async () => {
    const filed = await file({});
    expect(filed.statusCode).toBe(201);
    const id = filed.json().id;
    const received = await call(
      t.app,
      desk,
      "POST",
      `/api/dossiers/${id}/commands`,
      { command: "receive", expectedVersion: filed.json().version },
      key(),
    );
    expect(received.statusCode).toBe(200);
    const asked = await call(
      t.app,
      desk,
      "POST",
      `/api/dossiers/${id}/commands`,
      {
        command: "request_supplement",
        expectedVersion: received.json().version,
        reason: "Thiếu giấy báo tử",
        items: ["Giấy báo tử (bản chính)"],
      },
      key(),
    );
    expect(asked.statusCode).toBe(200);
    const seen = await call(t.app, citizen, "GET", `/api/dossiers/${id}`);
    const request = seen.json().events.find((e: { command: string }) => e.command === "request_supplement");
    expect(request.items).toEqual(["Giấy báo tử (bản chính)"]);
    expect(seen.json().events.find((e: { command: string }) => e.command === "receive").items).toBeNull();
  });
});
