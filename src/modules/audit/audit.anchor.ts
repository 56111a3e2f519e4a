// The anchor file (AUDIT_ANCHOR_FILE): every checkpoint written is appended as one JSON line,
// so a copy of the checkpoints lives outside the database. It belongs on another machine or
// volume, or is shipped to a log store: a superuser of the database must not be able to edit it.
import { appendFileSync, createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { anchorLine, type Checkpoint } from "./audit.checkpoint.ts";

/** Appends after the checkpoint committed: a line never names a checkpoint the table lacks. */
export function appendAnchor(file: string, c: Checkpoint) {
  appendFileSync(file, `${anchorLine(c)}\n`, { encoding: "utf8", mode: 0o640 });
}

/** The file's non-empty lines with their line numbers, in batches; nothing when it does not exist. */
export async function* readAnchorLines(
  file: string,
  batchSize = 1000,
): AsyncGenerator<{ line: number; text: string }[]> {
  if (!existsSync(file)) return;
  const lines = createInterface({
    input: createReadStream(file, "utf8"),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let batch: { line: number; text: string }[] = [];
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.trim() === "") continue;
    batch.push({ line: n, text });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
