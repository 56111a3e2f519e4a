// Files pulled from the national portal go through the same checks as files uploaded by users,
// the malware scan included (MALWARE_SCANNER=eicar here), against the local simulator: a dossier
// with a file carrying the EICAR test string is rejected back to the portal with the file named
// (as a refused upload is: nothing stored, no blob, no dossier, no document), the refusal audited
// with the signature and the file's hash; the same dossier with clean files is received.
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestApp } from "../../../../test/app.ts";
import type { Config } from "../../../config.ts";
import { queryRows } from "../../../db/client.ts";
import { sha256Of } from "../../documents/blob-store.ts";
import { EICAR } from "../../documents/scan.ts";
import { pdfBytes, pngBytes } from "../../documents/test-files.ts";
import { createNationalPortalClient } from "./national-portal.client.ts";
import { createNationalPortalPuller, type NationalPortalPuller } from "./national-portal.inbound.ts";
import {
  type PortalSimulator,
  type SimDossier,
  simulatorSettings,
  startPortalSimulator,
} from "./national-portal.simulator.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "motcua-np-scan-"));
const t = setupTestApp({ MOTCUA_DATA_DIR: dataDir, MALWARE_SCANNER: "eicar" });
const filesDir = path.join(dataDir, "files");
const silent = { debug() {}, info() {}, warn() {}, error() {} };

let sim: PortalSimulator;
let puller: NationalPortalPuller;
let pdf: Buffer;
let infectedPdf: Buffer;

beforeAll(async () => {
  sim = await startPortalSimulator();
  const config: Config = { ...t.config, nationalPortal: simulatorSettings(sim) };
  const client = createNationalPortalClient(config.nationalPortal!);
  puller = createNationalPortalPuller({ db: t.database.db, config, client, logger: silent });
  pdf = await pdfBytes("Tờ khai đăng ký tạm trú");
  // A valid PDF (sniffed as such) carrying the test string further on.
  infectedPdf = Buffer.concat([pdf, Buffer.from(`\n%${EICAR}\n`, "latin1")]);
});

afterAll(async () => {
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const dossierOf = (nationalCode: string, files: SimDossier["files"]): SimDossier => ({
  nationalCode,
  procedureCode: "1.004194",
  unitCode: "46.19753",
  applicant: { name: "Nguyễn Văn Công Dân", email: "congdan@motcua.example", phone: "0912000111" },
  files,
});

const blobs = () =>
  existsSync(filesDir)
    ? readdirSync(filesDir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];
const counts = async () =>
  (
    await queryRows<{ d: number; docs: number }>(
      t.database.db,
      sql`select (select count(*)::int from dossiers) as d, (select count(*)::int from documents) as docs`,
    )
  )[0]!;

describe("a portal file carrying malware", () => {
  it("rejects the dossier back to the portal, stores nothing, audits the refusal", async () => {
    const before = await counts();
    const blobsBefore = blobs().length;
    const message = sim.publishDossier(
      dossierOf("G22-251124-000901", [
        { name: "Tờ khai.pdf", bytes: pdf, contentType: "application/pdf" },
        { name: "Ảnh.png", bytes: pngBytes() },
        { name: "Phụ lục.pdf", bytes: infectedPdf, contentType: "application/pdf" },
      ]),
      randomUUID(),
    );
    const messageId = message.messageId as string;
    expect(await puller.pollOnce()).toMatchObject({ rejected: 1, accepted: 0, error: null });

    const acks = sim.acks.get(messageId) as {
      status: string;
      reason: {
        code: string;
        errors: { field: string; code: string; message: { vi: string; en: string } }[];
      };
    }[];
    expect(acks).toHaveLength(1);
    expect(acks[0]!.status).toBe("rejected");
    expect(acks[0]!.reason.errors).toEqual([
      expect.objectContaining({ field: "data.TaiLieuNop.2.DuongDanTaiTepTin", code: "upload.malware" }),
    ]);
    expect(acks[0]!.reason.errors[0]!.message.vi).toContain("mã độc");
    expect(acks[0]!.reason.errors[0]!.message.en).toContain("malware");

    // Nothing stored: no dossier, no document, no blob (not even of the clean files).
    expect(await counts()).toEqual(before);
    expect(blobs()).toHaveLength(blobsBefore);
    expect(blobs()).not.toContain(sha256Of(infectedPdf));

    const [inbox] = await queryRows<{ status: string; dossier_id: string | null }>(
      t.database.db,
      sql`select status, dossier_id from national_portal_inbox where message_id = ${messageId}`,
    );
    expect(inbox).toEqual({ status: "rejected", dossier_id: null });

    const audit = await queryRows<{
      outcome: number;
      target: string;
      malware: string | null;
      scanner: string | null;
      sha256: string | null;
      file: number | null;
    }>(
      t.database.db,
      sql`select outcome, target, details->>'malware' as malware, details->>'scanner' as scanner,
                 details->>'sha256' as sha256, (details->>'file')::int as file
            from audit_log where action = 'national-portal.dossier.refuse' and request_id = ${messageId}`,
    );
    expect(audit).toEqual([
      {
        outcome: 422,
        target: "G22-251124-000901",
        malware: "EICAR-Test-File",
        scanner: "eicar",
        sha256: sha256Of(infectedPdf),
        file: 2,
      },
    ]);
  });

  it("the same dossier with clean files is received (the scan passes them)", async () => {
    const before = await counts();
    sim.publishDossier(
      dossierOf("G22-251124-000902", [{ name: "Tờ khai.pdf", bytes: pdf, contentType: "application/pdf" }]),
    );
    expect(await puller.pollOnce()).toMatchObject({ accepted: 1, rejected: 0, error: null });
    expect(await counts()).toEqual({ d: before.d + 1, docs: before.docs + 1 });
    expect(blobs()).toContain(sha256Of(pdf));
  });
});
