// Fault 2: the upload directory on a file system that is really full.
//
// The blob store (MOTCUA_FILES_DIR) is put on a 1 MiB tmpfs (`mount -t tmpfs -o size=1m`), or, if
// the kernel refuses that, on a loop-mounted 1 MiB ext2 image. No mock: the kernel answers
// ENOSPC. If no small file system can be made here (no mount permission), the scenario is
// skipped and says why. The file system is filled to the last block, then a receptionist uploads
// a PDF to a dossier. Asserts:
//   - the answer is 507 storage_full, problem+json with vi and en messages (before the fix: a
//     request-id-only 500, and the half-written temporary file stayed in the store);
//   - no file is left in the store but the filler (no half-written blob, nothing in .tmp);
//   - no documents row, no stored idempotency key for the failed upload; the dossier unchanged
//     (version, state, updated_at); the refusal itself is in the audit log with outcome 507;
//   - once space is freed, the same request (same Idempotency-Key) succeeds: 201, one row, and
//     the blob on disk has the SHA-256 it is stored under.
// (Reception has no file upload of its own: files reach a dossier through this route.)
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { receptionBody, receptionHeaders, signIn, unitId } from "../../bench/lib/http.ts";
import { renderPdf } from "../../src/shared/pdf.ts";
import { cleanups, type FaultEnv, freshDatabase, query, type ScenarioResult, startApp } from "./common.ts";

/** Mounts a 1 MiB file system on `dir`: tmpfs, else a loop-mounted ext2 image; the way it worked, or why not. */
function mountSmall(dir: string, work: string): { how: string } | { refused: string } {
  const errors: string[] = [];
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", dir], { stdio: "pipe" });
    return { how: "tmpfs, size=1m" };
  } catch (err) {
    errors.push(`tmpfs: ${String((err as { stderr?: Buffer }).stderr ?? err).trim()}`);
  }
  try {
    const image = path.join(work, "small.img");
    execFileSync("truncate", ["-s", "1M", image]);
    execFileSync("mkfs.ext2", ["-q", "-F", "-m", "0", image], { stdio: "pipe" });
    execFileSync("mount", ["-o", "loop", image, dir], { stdio: "pipe" });
    return { how: "loop-mounted 1 MiB ext2 image" };
  } catch (err) {
    errors.push(`loop: ${String((err as { stderr?: Buffer }).stderr ?? err).trim()}`);
  }
  return { refused: errors.join("; ") };
}

/** Writes zeros into `file` until the file system says ENOSPC; returns the bytes written. */
function fill(file: string): number {
  const fd = openSync(file, "w");
  const chunk = Buffer.alloc(4096);
  let written = 0;
  try {
    for (;;) written += writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
  } finally {
    closeSync(fd);
  }
  return written;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

export async function diskFull(env: FaultEnv): Promise<ScenarioResult> {
  const violations: string[] = [];
  const figures: string[] = [];
  const work = path.join(env.dataDir, "disk-full");
  const filesDir = path.join(work, "files");
  mkdirSync(filesDir, { recursive: true });
  const mounted = mountSmall(filesDir, work);
  if ("refused" in mounted)
    return { violations, figures, skipped: `no small file system could be mounted: ${mounted.refused}` };
  const unmount = () => execFileSync("umount", [filesDir], { stdio: "pipe" });
  cleanups.push(unmount);
  try {
    const dbUrl = await freshDatabase(env, "faults_disk");
    const app = await startApp(env, dbUrl, { MOTCUA_FILES_DIR: filesDir });
    try {
      const s = await signIn(app.base);
      const unit = await unitId(app.base);
      const received = await fetch(`${app.base}/api/dossiers`, {
        method: "POST",
        headers: receptionHeaders(s, `disk-reception-${process.pid}`),
        body: JSON.stringify(receptionBody(unit, 1)),
      });
      if (received.status !== 201) throw new Error(`reception: ${received.status} ${await received.text()}`);
      const dossier = (await received.json()) as { id: string };
      const snapshot = async () =>
        JSON.stringify(
          await query(dbUrl, "select version, state, updated_at::text from dossiers where id = $1", [
            dossier.id,
          ]),
        );
      const before = await snapshot();

      // A PDF of a few pages: larger than any slack a full file system could have left.
      const pdf = await renderPdf({
        content: Array.from({ length: 40 }, (_, i) => ({
          text: `Trang ${i + 1}: giấy tờ số hóa ${"x".repeat(400)}`,
        })),
      });
      const sha = createHash("sha256").update(pdf).digest("hex");
      const key = `disk-upload-${process.pid}`;
      const upload = () =>
        fetch(
          `${app.base}/api/dossiers/${dossier.id}/documents?name=${encodeURIComponent("Bản scan.pdf")}&kind=digitized`,
          {
            method: "POST",
            headers: { ...receptionHeaders(s, key), "content-type": "application/pdf" },
            body: new Uint8Array(pdf),
          },
        );

      const filler = path.join(filesDir, "filler");
      const filled = fill(filler);
      const free = statfsSync(filesDir);
      figures.push(
        `${mounted.how}: filled with ${Math.round(filled / 1024)} KiB, ${free.bavail * free.bsize} bytes left; upload of ${Math.round(pdf.length / 1024)} KiB`,
      );
      if (free.bavail * free.bsize >= pdf.length) violations.push("the file system is not full");

      const full = await upload();
      const text = await full.text();
      const problem = JSON.parse(text || "{}") as { code?: string; message?: { vi?: string; en?: string } };
      figures.push(`upload on the full disk: ${full.status} ${problem.code ?? text.slice(0, 200)}`);
      if (full.status !== 507 || problem.code !== "storage_full")
        violations.push(`upload on a full disk answered ${full.status}: ${text.slice(0, 300)}`);
      if (!full.headers.get("content-type")?.startsWith("application/problem+json"))
        violations.push(`the refusal is ${full.headers.get("content-type")}, not problem+json`);
      if (!problem.message?.vi || !problem.message.en) violations.push("the refusal has no vi/en message");

      const left = filesUnder(filesDir).filter((f) => f !== "filler");
      if (left.length) violations.push(`files left in the store after the failed upload: ${left.join(", ")}`);
      const [rows] = await query<{ documents: number; keys: number; refusals: number }>(
        dbUrl,
        `select (select count(*)::int from documents where dossier_id = $1) as documents,
                (select count(*)::int from idempotency_keys where key = $2) as keys,
                (select count(*)::int from audit_log where action = 'document.upload' and target = $1::text
                   and outcome = 507) as refusals`,
        [dossier.id, key],
      );
      if (rows!.documents !== 0) violations.push(`${rows!.documents} document rows after the failed upload`);
      if (rows!.keys !== 0) violations.push("the failed upload's idempotency key was stored");
      if (rows!.refusals !== 1) violations.push(`${rows!.refusals} audit rows for the refusal (want 1)`);
      const after = await snapshot();
      if (after !== before) violations.push(`the dossier changed: ${before} → ${after}`);

      // Space freed: the same request goes through.
      rmSync(filler);
      const retry = await upload();
      const doc = (await retry.json()) as { sha256?: string };
      figures.push(`the same upload after space was freed: ${retry.status}`);
      if (retry.status !== 201 || doc.sha256 !== sha)
        violations.push(`retry after freeing space: ${retry.status} ${JSON.stringify(doc).slice(0, 300)}`);
      const blob = path.join(filesDir, sha.slice(0, 2), sha.slice(2, 4), sha);
      try {
        if (createHash("sha256").update(readFileSync(blob)).digest("hex") !== sha)
          violations.push("the stored blob does not match its SHA-256");
      } catch {
        violations.push(`no blob at ${blob}`);
      }
      const [again] = await query<{ n: number }>(
        dbUrl,
        "select count(*)::int as n from documents where dossier_id = $1",
        [dossier.id],
      );
      if (again!.n !== 1) violations.push(`${again!.n} document rows after the retry (want 1)`);
    } catch (err) {
      violations.push(`error: ${(err as Error).stack ?? err}\nserver log:\n${app.log().slice(-3000)}`);
    } finally {
      await app.stop();
    }
  } finally {
    cleanups.splice(cleanups.indexOf(unmount), 1);
    try {
      unmount();
    } catch (err) {
      violations.push(`umount ${filesDir}: ${String((err as { stderr?: Buffer }).stderr ?? err).trim()}`);
    }
  }
  return { violations, figures };
}
