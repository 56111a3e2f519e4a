// Every path that stores an uploaded file, through the real HTTP stack with the EICAR test
// scanner on (MALWARE_SCANNER=eicar): a file carrying the EICAR string in an otherwise valid
// PDF or PNG is refused with a 422 problem in vi/en, nothing is stored (no blob file, no row)
// and the refusal is in the audit log with the signature; a clean file still goes through; a
// declared type that the bytes contradict is refused (415) on each path.
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp, unitIdByCode } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { sha256Of } from "./blob-store.ts";
import { EICAR, eicarScanner } from "./scan.ts";
import { pdfBytes, pngBytes, testPki } from "./test-files.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "motcua-scan-"));
const pki = testPki("test-pass");
const p12Path = path.join(dataDir, "signer.p12");
writeFileSync(p12Path, pki.p12);
const t = setupTestApp({
  MOTCUA_DATA_DIR: dataDir,
  MALWARE_SCANNER: "eicar",
  SIGNING_P12_PATH: p12Path,
  SIGNING_P12_PASSPHRASE: "test-pass",
});
const filesDir = path.join(dataDir, "files");
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const key = () => ({ "idempotency-key": randomUUID() });
const blobs = () =>
  existsSync(filesDir)
    ? readdirSync(filesDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length
    : 0;
const count = async (table: string) =>
  Number(
    (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!
      .n,
  );
const lastAudit = async (action: string) =>
  (
    await queryRows<{
      outcome: number;
      malware: string | null;
      problem: string | null;
      sha256: string | null;
    }>(
      t.database.db,
      sql`select outcome, details->>'malware' as malware, details->>'problem' as problem,
                 details->>'sha256' as sha256
            from audit_log where action = ${action} order by seq desc limit 1`,
    )
  )[0];

function send(session: Session | null, url: string, body: Buffer, type: string, headers = {}) {
  return t.app.inject({
    method: "POST",
    url,
    payload: body,
    headers: {
      ...(session ? { cookie: session.cookie, "x-csrf-token": session.csrf } : {}),
      "content-type": type,
      ...key(),
      ...headers,
    },
  });
}

let pdf: Buffer;
let png: Buffer;
/** Valid files (type sniffed from their start) that carry the test string further on. */
let infectedPdf: Buffer;
let infectedPng: Buffer;
let desk: Session;
let clerk: Session;
let wardAdmin: Session;
let ward: string;

beforeAll(async () => {
  pdf = await pdfBytes();
  png = pngBytes();
  infectedPdf = Buffer.concat([pdf, Buffer.from(`\n%${EICAR}\n`, "latin1")]);
  infectedPng = Buffer.concat([png, Buffer.from(EICAR, "latin1")]);
  desk = await login(t.app, "tiepnhan.thuanhoa");
  clerk = await login(t.app, "vanthu.thuanhoa");
  wardAdmin = await login(t.app, "quantri.thuanhoa");
  ward = await unitIdByCode(t.app, "46.19753");
});

async function receive(): Promise<{ id: string; version: number }> {
  const res = await call(
    t.app,
    desk,
    "POST",
    "/api/dossiers",
    {
      unitId: ward,
      procedureCode: "1.004873",
      applicant: { name: "Trần Văn Hải", idNumber: "046190004321", phone: "0912000111" },
    },
    key(),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** The refusal: 422 problem+json in both languages, nothing stored, audited with the signature. */
async function expectRefused(
  res: Awaited<ReturnType<typeof send>>,
  before: { blobs: number; rows: number },
  table: string,
  action: string,
  infected: Buffer,
) {
  expect(res.statusCode, res.body).toBe(422);
  expect(res.headers["content-type"]).toContain("application/problem+json");
  const problem = res.json();
  expect(problem.code).toBe("upload.malware");
  expect(problem.message.vi).toContain("mã độc");
  expect(problem.message.en).toContain("malware");
  expect(blobs()).toBe(before.blobs);
  expect(await count(table)).toBe(before.rows);
  expect(await lastAudit(action)).toEqual({
    outcome: 422,
    malware: "EICAR-Test-File",
    problem: "upload.malware",
    sha256: sha256Of(infected),
  });
}

describe("the EICAR test scanner", () => {
  it("flags the test string anywhere in the bytes, and nothing else", async () => {
    expect(await eicarScanner.scan(Buffer.from(EICAR, "latin1"))).toEqual({
      clean: false,
      signature: "EICAR-Test-File",
    });
    expect((await eicarScanner.scan(infectedPdf)).clean).toBe(false);
    expect(await eicarScanner.scan(pdf)).toEqual({ clean: true });
    // One character off is not the test file.
    expect((await eicarScanner.scan(Buffer.from(EICAR.replace("EICAR-", "EICAR_"), "latin1"))).clean).toBe(
      true,
    );
  });
});

describe("every upload path refuses a flagged file and stores nothing", () => {
  it("dossier documents (desk and portal upload)", async () => {
    const d = await receive();
    const url = `/api/dossiers/${d.id}/documents?name=to-khai.pdf&kind=digitized`;
    const before = { blobs: blobs(), rows: await count("documents") };
    await expectRefused(
      await send(desk, url, infectedPdf, "application/pdf"),
      before,
      "documents",
      "document.upload",
      infectedPdf,
    );
    // Also when the client says nothing about the type.
    expect((await send(desk, url, infectedPdf, "application/octet-stream")).statusCode).toBe(422);
    // A mislabelled file is refused for its content.
    const mislabelled = await send(desk, url, pdf, "image/png");
    expect(mislabelled.statusCode).toBe(415);
    expect(mislabelled.json().code).toBe("document.type_mismatch");
    expect(blobs()).toBe(before.blobs);
    // The clean file goes through: the scanner is not refusing everything.
    expect((await send(desk, url, pdf, "application/pdf")).statusCode).toBe(201);
    expect(await count("documents")).toBe(before.rows + 1);
  });

  it("electronic results issued by the clerk", async () => {
    const d = await receive();
    const fwd = await call(
      t.app,
      desk,
      "POST",
      `/api/dossiers/${d.id}/commands`,
      { command: "forward", expectedVersion: d.version },
      key(),
    );
    expect(fwd.statusCode, fwd.body).toBe(200);
    const url = `/api/dossiers/${d.id}/results?name=ket-qua.pdf`;
    const before = { blobs: blobs(), rows: await count("documents") };
    await expectRefused(
      await send(clerk, url, infectedPdf, "application/pdf"),
      before,
      "documents",
      "document.issue_result",
      infectedPdf,
    );
    expect((await send(clerk, url, png, "application/pdf")).statusCode).toBe(415);
    expect((await send(clerk, url, pdf, "application/pdf")).statusCode).toBe(201);
  });

  it("feedback photos", async () => {
    const submitted = await call(
      t.app,
      null,
      "POST",
      "/api/public/feedback",
      {
        serviceCode: "desk",
        description: "Quầy tiếp nhận đông, không có ghế chờ cho người cao tuổi.",
        unit: "46.19753",
        consentPublish: false,
        fullName: "Lê Thị Mai",
        email: "mai.le@example.vn",
      },
      key(),
    );
    expect(submitted.statusCode, submitted.body).toBe(201);
    const { code, photoToken } = submitted.json();
    const url = `/api/public/feedback/${code}/photos`;
    const token = { "x-feedback-token": photoToken };
    const before = { blobs: blobs(), rows: await count("feedback_photos") };
    await expectRefused(
      await send(null, url, infectedPng, "image/png", token),
      before,
      "feedback_photos",
      "feedback.photo.add",
      infectedPng,
    );
    const mislabelled = await send(null, url, png, "image/jpeg", token);
    expect(mislabelled.statusCode).toBe(415);
    expect((await send(null, url, pdf, "image/png", token)).statusCode).toBe(415);
    expect((await send(null, url, png, "image/png", token)).statusCode).toBe(201);
  });

  it("PAR evidence", async () => {
    const set = await call(t.app, await login(t.app, "admin"), "POST", "/api/v1/par/sets", {
      issuer: "46",
      year: 2041,
      level: "commune",
      title: "Bộ tiêu chí thử quét mã độc",
      criteria: [
        { code: "1", parentCode: null, title: "Chỉ đạo", maxPoints: 60, autoSource: null },
        { code: "1.1", parentCode: null, title: "Kế hoạch", maxPoints: 60, autoSource: null },
        { code: "2", parentCode: null, title: "Hài lòng", maxPoints: 40, autoSource: null },
      ],
    });
    expect(set.statusCode, set.body).toBe(201);
    const assessment = await call(t.app, wardAdmin, "POST", `/api/v1/par/sets/${set.json().id}/assessments`, {
      unit: "46.19753",
    });
    expect(assessment.statusCode, assessment.body).toBe(201);
    const url = `/api/v1/par/assessments/${assessment.json().id}/evidence?criterion=1.1&name=ke-hoach.pdf`;
    const before = { blobs: blobs(), rows: await count("par_evidence") };
    await expectRefused(
      await send(wardAdmin, url, infectedPdf, "application/pdf"),
      before,
      "par_evidence",
      "par.evidence.upload",
      infectedPdf,
    );
    expect((await send(wardAdmin, url, pdf, "image/png")).statusCode).toBe(415);
    expect((await send(wardAdmin, url, pdf, "application/pdf")).statusCode).toBe(201);
  });
});
