// Documents through the real HTTP stack on a real database: uploads and their refusals (nothing
// stored), content addressing, downloads, access by unit, the citizen's store and once-only
// re-use, signed electronic results (a test CA made here), public results and verification.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp, unitIdByCode } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { demoMaritalStatusData } from "../../demo/demo-eforms.ts";
import { blobKey, sha256Of } from "./blob-store.ts";
import { describeCertificate } from "./pki.ts";
import { pdfBytes, pngBytes, testPki } from "./test-files.ts";
import { verifyPdf } from "./verify.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "motcua-docs-"));
const pki = testPki("test-pass");
const p12Path = path.join(dataDir, "signer.p12");
writeFileSync(p12Path, pki.p12);
const MAX = 300_000;
const t = setupTestApp({
  MOTCUA_DATA_DIR: dataDir,
  UPLOAD_MAX_BYTES: String(MAX),
  SIGNING_P12_PATH: p12Path,
  SIGNING_P12_PASSPHRASE: "test-pass",
});
const filesDir = path.join(dataDir, "files");
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const CERT = "1.004873";
const applicant = {
  name: "Nguyễn Thị Hồng Nhung",
  idNumber: "046190001234",
  phone: "0912345678",
  email: "nhung@example.vn",
};
const key = () => ({ "idempotency-key": randomUUID() });

let ward: string;
let desk: Session;
let specialist: Session;
let clerk: Session;
let leader: Session;
let otherWard: Session;
let supervisor: Session;
let citizen: Session;
let pdf: Buffer;
let png: Buffer;

function send(session: Session | null, url: string, body: Buffer | undefined, type?: string) {
  return t.app.inject({
    method: "POST",
    url,
    payload: body,
    headers: {
      ...(session ? { cookie: session.cookie, "x-csrf-token": session.csrf } : {}),
      ...(type ? { "content-type": type } : {}),
      ...key(),
    },
  });
}

const blobs = () =>
  existsSync(filesDir)
    ? readdirSync(filesDir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(filesDir, path.join(e.parentPath, e.name)))
        .sort()
    : [];

async function countRows(): Promise<number> {
  const [r] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from documents`);
  return r!.n;
}

async function receive(): Promise<{ id: string; code: string; version: number }> {
  const res = await call(
    t.app,
    desk,
    "POST",
    "/api/dossiers",
    { unitId: ward, procedureCode: CERT, applicant },
    key(),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function draft(session = citizen): Promise<{ id: string }> {
  const res = await call(
    t.app,
    session,
    "POST",
    "/api/portal/dossiers",
    { unitId: ward, procedureCode: CERT, applicant, draft: true },
    key(),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  ward = await unitIdByCode(t.app, "46.19753");
  desk = await login(t.app, "tiepnhan.thuanhoa");
  specialist = await login(t.app, "chuyenvien.thuanhoa");
  clerk = await login(t.app, "vanthu.thuanhoa");
  leader = await login(t.app, "lanhdao.thuanhoa");
  otherWard = await login(t.app, "tiepnhan.phuxuan");
  supervisor = await login(t.app, "giamsat");
  citizen = await login(t.app, "congdan@motcua.example");
  pdf = await pdfBytes();
  png = pngBytes();
});

describe("uploads", () => {
  it("stores a PDF and a PNG with their SHA-256 and sniffed type, content-addressed", async () => {
    const d = await receive();
    const res = await send(
      desk,
      `/api/dossiers/${d.id}/documents?name=Tờ khai.pdf&kind=digitized`,
      pdf,
      "application/pdf",
    );
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({
      dossierId: d.id,
      kind: "digitized",
      name: "Tờ khai.pdf",
      contentType: "application/pdf",
      size: pdf.length,
      sha256: sha256Of(pdf),
      signed: false,
      signature: null,
      uploadedBy: expect.any(String),
      contentUrl: `/api/documents/${doc.id}/content`,
    });
    expect(blobs()).toContain(blobKey(doc.sha256));
    // Declared as octet-stream: the content decides.
    const img = await send(
      specialist,
      `/api/dossiers/${d.id}/documents?name=anh.png`,
      png,
      "application/octet-stream",
    );
    expect(img.statusCode, img.body).toBe(201);
    expect(img.json()).toMatchObject({ kind: "submitted", contentType: "image/png", sha256: sha256Of(png) });
    const list = await call(t.app, specialist, "GET", `/api/dossiers/${d.id}/documents`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { name: string }) => i.name)).toEqual(["Tờ khai.pdf", "anh.png"]);
  });

  it("the same content uploaded twice is one blob (two rows)", async () => {
    const d = await receive();
    const bytes = await pdfBytes("Bản sao chứng thực");
    const before = blobs().length;
    const a = await send(desk, `/api/dossiers/${d.id}/documents?name=a.pdf`, bytes, "application/pdf");
    const b = await send(desk, `/api/dossiers/${d.id}/documents?name=b.pdf`, bytes, "application/pdf");
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().sha256).toBe(b.json().sha256);
    expect(a.json().id).not.toBe(b.json().id);
    expect(blobs().length).toBe(before + 1);
    expect(blobs().some((f) => f.startsWith(".tmp"))).toBe(false);
  });

  it("a retried upload with the same idempotency key creates one row", async () => {
    const d = await receive();
    const headers = { cookie: desk.cookie, "x-csrf-token": desk.csrf, "content-type": "image/png", ...key() };
    const url = `/api/dossiers/${d.id}/documents?name=x.png`;
    const first = await t.app.inject({ method: "POST", url, payload: png, headers });
    const again = await t.app.inject({ method: "POST", url, payload: png, headers });
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.json().id).toBe(first.json().id);
  });

  it("refuses mislabelled, unknown, empty, oversized and path-trick uploads in vi/en, storing nothing", async () => {
    const d = await receive();
    const rows = await countRows();
    const files = blobs();
    const url = (name: string) => `/api/dossiers/${d.id}/documents?name=${encodeURIComponent(name)}`;
    const cases: [string, Buffer | undefined, string | undefined, number, string][] = [
      ["mislabelled", png, "application/pdf", 415, "document.type_mismatch"],
      [
        "unknown bytes",
        Buffer.from("just some text, not a document\n"),
        "application/pdf",
        415,
        "document.unsupported_type",
      ],
      ["text declared as text", Buffer.from("plain text\n"), "text/plain", 415, "document.unsupported_type"],
      ["json", Buffer.from('{"a":1}'), "application/json", 415, "document.unsupported_type"],
      ["empty", Buffer.alloc(0), "application/pdf", 400, "document.empty"],
      ["no body", undefined, undefined, 400, "document.empty"],
      [
        "oversized",
        Buffer.concat([pdf, Buffer.alloc(MAX, 0x20)]),
        "application/pdf",
        413,
        "document.too_large",
      ],
    ];
    for (const [label, body, type, status, code] of cases) {
      const res = await send(desk, url("ok.pdf"), body, type);
      expect(res.statusCode, `${label}: ${res.body}`).toBe(status);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      const problem = res.json();
      expect(problem.code, label).toBe(code);
      expect(problem.message.vi.length, label).toBeGreaterThan(10);
      expect(problem.message.en.length, label).toBeGreaterThan(10);
    }
    const big = await send(
      desk,
      url("big.pdf"),
      Buffer.concat([pdf, Buffer.alloc(MAX, 0x20)]),
      "application/pdf",
    );
    expect(big.json().message.vi).toContain("0.3 MB");
    for (const name of ["../../etc/passwd", "a/b.pdf", "..\\x.pdf", "a\u0000b.pdf", "x".repeat(201), " "]) {
      const res = await send(desk, url(name), pdf, "application/pdf");
      expect(res.statusCode, JSON.stringify(name)).toBe(400);
      const problem = res.json();
      expect(problem.errors[0]).toMatchObject({ path: "query.name", field: "name" });
      expect(problem.errors[0].message.vi.length).toBeGreaterThan(5);
      expect(problem.errors[0].message.en.length).toBeGreaterThan(5);
    }
    const kind = await send(desk, `${url("a.pdf")}&kind=result`, pdf, "application/pdf");
    expect([kind.statusCode, kind.json().errors[0].path]).toEqual([400, "query.kind"]);
    expect(await countRows()).toBe(rows);
    expect(blobs()).toEqual(files);
    // Refusals are audited, like every refused command.
    const [audited] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = 'document.upload' and outcome in (400, 413, 415) and target = ${d.id}`,
    );
    expect(audited!.n).toBeGreaterThanOrEqual(12);
  });

  it("downloads return the identical bytes with the stored type, an RFC 5987 name and nosniff", async () => {
    const d = await receive();
    const up = await send(
      desk,
      `/api/dossiers/${d.id}/documents?name=Giấy tờ (bản 1).pdf`,
      pdf,
      "application/pdf",
    );
    const doc = up.json();
    const res = await call(t.app, specialist, "GET", doc.contentUrl);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(pdf)).toBe(true);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-disposition"]).toBe(
      `inline; filename="Giay to (ban 1).pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20t%E1%BB%9D%20%28b%E1%BA%A3n%201%29.pdf`,
    );
  });

  it("staff of another ward get 404; a supervisor (no personal data) 403; the citizen not owning it 404", async () => {
    const d = await receive();
    const doc = (
      await send(desk, `/api/dossiers/${d.id}/documents?name=a.pdf`, pdf, "application/pdf")
    ).json();
    expect((await call(t.app, otherWard, "GET", `/api/dossiers/${d.id}/documents`)).statusCode).toBe(404);
    expect((await call(t.app, otherWard, "GET", doc.contentUrl)).statusCode).toBe(404);
    expect(
      (await send(otherWard, `/api/dossiers/${d.id}/documents?name=a.pdf`, pdf, "application/pdf"))
        .statusCode,
    ).toBe(404);
    expect((await call(t.app, supervisor, "GET", `/api/dossiers/${d.id}/documents`)).statusCode).toBe(403);
    expect((await call(t.app, supervisor, "GET", doc.contentUrl)).statusCode).toBe(403);
    expect((await call(t.app, citizen, "GET", doc.contentUrl)).statusCode).toBe(404);
    expect((await call(t.app, null, "GET", doc.contentUrl)).statusCode).toBe(401);
  });
});

describe("the citizen's document store (once-only)", () => {
  it("lists own uploads; re-use attaches the same blob to a new dossier; someone else's is 404", async () => {
    const first = await draft();
    const up = await send(citizen, `/api/dossiers/${first.id}/documents?name=CCCD.png`, png, "image/png");
    expect(up.statusCode, up.body).toBe(201);
    const original = up.json();
    // A citizen uploads what they file, not digitized papers.
    expect(
      (await send(citizen, `/api/dossiers/${first.id}/documents?name=x.png&kind=digitized`, png, "image/png"))
        .statusCode,
    ).toBe(403);

    const store = await call(t.app, citizen, "GET", "/api/portal/documents");
    expect(store.statusCode).toBe(200);
    expect(store.json().items.map((i: { id: string }) => i.id)).toContain(original.id);

    const second = await draft();
    const files = blobs();
    const reused = await call(
      t.app,
      citizen,
      "POST",
      `/api/dossiers/${second.id}/documents/reuse`,
      { documentId: original.id },
      key(),
    );
    expect(reused.statusCode, reused.body).toBe(201);
    expect(reused.json()).toMatchObject({
      dossierId: second.id,
      sha256: original.sha256,
      name: "CCCD.png",
      reusedFrom: original.id,
      kind: "submitted",
    });
    expect(blobs()).toEqual(files);
    // Attaching it again gives the same row.
    const again = await call(
      t.app,
      citizen,
      "POST",
      `/api/dossiers/${second.id}/documents/reuse`,
      { documentId: original.id },
      key(),
    );
    expect(again.json().id).toBe(reused.json().id);
    // The store lists each file once.
    const items = (await call(t.app, citizen, "GET", "/api/portal/documents")).json().items;
    expect(items.filter((i: { sha256: string }) => i.sha256 === original.sha256)).toHaveLength(1);

    const reg = await t.app.inject({
      method: "POST",
      url: "/api/auth/register",
      payload: {
        fullName: "Trần Văn Khác",
        email: `khac-${randomUUID()}@example.vn`,
        password: "Sen-Hue-2026-xanh",
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const other = await login(t.app, reg.json().user.email, "Sen-Hue-2026-xanh");
    const theirs = await draft(other);
    const stolen = await call(
      t.app,
      other,
      "POST",
      `/api/dossiers/${theirs.id}/documents/reuse`,
      { documentId: original.id },
      key(),
    );
    expect(stolen.statusCode).toBe(404);
    expect((await call(t.app, other, "GET", original.contentUrl)).statusCode).toBe(404);
    expect((await call(t.app, other, "GET", "/api/portal/documents")).json().items).toEqual([]);
    // Nor into someone else's dossier.
    expect(
      (
        await call(
          t.app,
          other,
          "POST",
          `/api/dossiers/${second.id}/documents/reuse`,
          { documentId: original.id },
          key(),
        )
      ).statusCode,
    ).toBe(404);
    expect((await call(t.app, desk, "GET", "/api/portal/documents")).statusCode).toBe(403);
  });

  it("once the desk has received the dossier, the applicant can no longer add files", async () => {
    const res = await call(
      t.app,
      citizen,
      "POST",
      "/api/portal/dossiers",
      { unitId: ward, procedureCode: CERT, applicant, formData: demoMaritalStatusData },
      key(),
    );
    let d = res.json();
    expect(
      (await send(citizen, `/api/dossiers/${d.id}/documents?name=a.png`, png, "image/png")).statusCode,
    ).toBe(201);
    const received = await call(
      t.app,
      desk,
      "POST",
      `/api/dossiers/${d.id}/commands`,
      { command: "receive", expectedVersion: d.version },
      key(),
    );
    d = received.json();
    const late = await send(citizen, `/api/dossiers/${d.id}/documents?name=b.png`, png, "image/png");
    expect([late.statusCode, late.json().code]).toEqual([409, "document.dossier_closed"]);
    // The desk still can (e.g. a digitized paper).
    expect(
      (await send(desk, `/api/dossiers/${d.id}/documents?name=b.png&kind=digitized`, png, "image/png"))
        .statusCode,
    ).toBe(201);
  });
});

describe("signed electronic results", () => {
  let dossier: { id: string; code: string; version: number };
  let result: { id: string; sha256: string; contentUrl: string; name: string };

  beforeAll(async () => {
    dossier = await receive();
    const fwd = await call(
      t.app,
      desk,
      "POST",
      `/api/dossiers/${dossier.id}/commands`,
      { command: "forward", expectedVersion: dossier.version },
      key(),
    );
    expect(fwd.statusCode, fwd.body).toBe(200);
  });

  it("the clerk issues a PDF: the server signs it with the configured key and keeps it as a result", async () => {
    const res = await send(
      clerk,
      `/api/dossiers/${dossier.id}/results?name=Giấy xác nhận của Nguyễn Thị Hồng Nhung.pdf`,
      pdf,
      "application/pdf",
    );
    expect(res.statusCode, res.body).toBe(201);
    result = res.json();
    const cert = describeCertificate(pki.certPem);
    expect(res.json()).toMatchObject({
      kind: "result",
      signed: true,
      contentType: "application/pdf",
      signature: {
        signer: { subject: cert.subject, fingerprintSha256: cert.fingerprintSha256 },
        subFilter: "adbe.pkcs7.detached",
        digestAlgorithm: "sha256",
        reason: expect.stringContaining(dossier.code),
        location: "Phường Thuận Hóa",
      },
    });
    const bytes = (await call(t.app, clerk, "GET", result.contentUrl)).rawPayload;
    expect(sha256Of(bytes)).toBe(result.sha256);
    const v = verifyPdf(bytes);
    expect([v.valid, v.signer?.subject, v.coversWholeDocument]).toEqual([true, cert.subject, true]);
    const file = path.join(dataDir, "result.pdf");
    writeFileSync(file, bytes);
    expect(execFileSync("pdfsig", [file], { encoding: "utf8" })).toContain("Signature is Valid.");
  });

  it("a second issue is a new result; results are never updated or deleted", async () => {
    const res = await send(
      clerk,
      `/api/dossiers/${dossier.id}/results?name=Bản đính chính.pdf`,
      await pdfBytes("Đính chính"),
      "application/pdf",
    );
    expect(res.statusCode).toBe(201);
    const list = (await call(t.app, clerk, "GET", `/api/dossiers/${dossier.id}/documents`)).json().items;
    expect(list.filter((i: { kind: string }) => i.kind === "result")).toHaveLength(2);
    await expect(
      t.database.db.execute(sql`update documents set name = 'x.pdf' where id = ${result.id}`),
    ).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from documents where id = ${result.id}`)).rejects.toThrow();
  });

  it("only the clerk or leader of the handling unit, only while processing or later, only PDFs", async () => {
    expect(
      (await send(desk, `/api/dossiers/${dossier.id}/results?name=r.pdf`, pdf, "application/pdf")).statusCode,
    ).toBe(403);
    expect(
      (await send(otherWard, `/api/dossiers/${dossier.id}/results?name=r.pdf`, pdf, "application/pdf"))
        .statusCode,
    ).toBe(404);
    const png415 = await send(clerk, `/api/dossiers/${dossier.id}/results?name=r.png`, png, "image/png");
    expect([png415.statusCode, png415.json().code]).toEqual([415, "document.not_pdf"]);
    const fresh = await receive();
    const early = await send(clerk, `/api/dossiers/${fresh.id}/results?name=r.pdf`, pdf, "application/pdf");
    expect([early.statusCode, early.json().code]).toEqual([409, "document.result_state"]);
    const broken = await send(
      clerk,
      `/api/dossiers/${dossier.id}/results?name=r.pdf`,
      Buffer.from("%PDF-1.7\n1 0 obj <</Type/XRef>> endobj\n%%EOF"),
      "application/pdf",
    );
    expect([broken.statusCode, broken.json().code]).toEqual([422, "document.pdf_not_signable"]);
  });

  it("the public lookup lists the results with hash and live signature check, without personal data", async () => {
    const res = await call(
      t.app,
      null,
      "GET",
      `/api/public/dossiers/${encodeURIComponent(dossier.code)}/results`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(2);
    expect(body.items[0]).toMatchObject({
      version: 1,
      sha256: result.sha256,
      signed: true,
      valid: true,
      signer: describeCertificate(pki.certPem).subject,
      problem: null,
    });
    const text = res.body;
    for (const secret of [
      applicant.name,
      "Nguyễn",
      applicant.idNumber,
      applicant.phone,
      applicant.email,
      "Hồng Nhung",
    ])
      expect(text).not.toContain(secret);
    expect((await call(t.app, null, "GET", "/api/public/dossiers/NO-SUCH-CODE/results")).statusCode).toBe(
      404,
    );
  });

  it("anyone can verify a file: a result we issued, a tampered copy, an unsigned PDF, a non-PDF", async () => {
    const bytes = (await call(t.app, clerk, "GET", result.contentUrl)).rawPayload;
    const ok = await send(null, "/api/public/verify", bytes, "application/pdf");
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      valid: true,
      signed: true,
      sha256: result.sha256,
      issuedByMotcua: true,
      dossierCode: dossier.code,
    });
    const tampered = Buffer.from(bytes);
    tampered[400] = tampered[400]! ^ 0x01;
    const bad = await send(null, "/api/public/verify", tampered, "application/octet-stream");
    expect(bad.json()).toMatchObject({
      valid: false,
      issuedByMotcua: false,
      dossierCode: null,
      problem: { code: "verify.digest_mismatch" },
    });
    const unsigned = await send(null, "/api/public/verify", pdf, "application/pdf");
    expect(unsigned.json()).toMatchObject({ signed: false, valid: false, issuedByMotcua: false });
    expect((await send(null, "/api/public/verify", png, "image/png")).statusCode).toBe(415);
    expect((await send(null, "/api/public/verify", Buffer.alloc(0), "application/pdf")).statusCode).toBe(400);
  });

  it("an online return needs a signed electronic result; a return at the desk does not", async () => {
    const filed = await call(
      t.app,
      citizen,
      "POST",
      "/api/portal/dossiers",
      {
        unitId: ward,
        procedureCode: CERT,
        applicant,
        resultDelivery: "online",
        formData: demoMaritalStatusData,
      },
      key(),
    );
    let d = filed.json();
    const run = async (s: Session, body: Record<string, unknown>) =>
      call(
        t.app,
        s,
        "POST",
        `/api/dossiers/${d.id}/commands`,
        { expectedVersion: d.version, ...body },
        key(),
      );
    for (const [s, command] of [
      [desk, "receive"],
      [desk, "forward"],
      [leader, "approve"],
      [leader, "issue_result"],
    ] as const) {
      const res = await run(s, { command });
      expect(res.statusCode, res.body).toBe(200);
      d = res.json();
    }
    const early = await run(desk, { command: "return_result", method: "online" });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("document.result_missing");
    expect(
      (await send(clerk, `/api/dossiers/${d.id}/results?name=kq.pdf`, pdf, "application/pdf")).statusCode,
    ).toBe(201);
    const online = await run(desk, { command: "return_result", method: "online" });
    expect(online.statusCode, online.body).toBe(200);
    expect(online.json()).toMatchObject({ state: "returned", returnMethod: "online" });
  });

  it("a stored result changed on disk shows as invalid in the public lookup", async () => {
    writeFileSync(path.join(filesDir, blobKey(result.sha256)), Buffer.from("%PDF-1.3 replaced"));
    const body = (
      await call(t.app, null, "GET", `/api/public/dossiers/${encodeURIComponent(dossier.code)}/results`)
    ).json();
    expect(body.items[0]).toMatchObject({ sha256: result.sha256, valid: false });
    expect(body.items[1].valid).toBe(true);
  });
});
