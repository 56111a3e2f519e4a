// Folds the report deltas written by commands into the day and month facts, every few seconds
// (REPORT_COMPACT_MS; 0 = never: reports stay exact, they sum the deltas too, only slower).
import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../../db/client.ts";
import { compactReportDeltas } from "./resolution.repository.ts";

export type ReportCompactor = { start(): void; stop(): Promise<void>; runOnce(): Promise<number> };

export function createReportCompactor(o: {
  db: Db;
  intervalMs: number;
  log?: FastifyBaseLogger;
}): ReportCompactor {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const runOnce = async () => {
    let total = 0;
    for (;;) {
      const moved = await o.db.transaction((tx) => compactReportDeltas(tx));
      total += moved;
      if (moved < 100_000) return total;
    }
  };
  const tick = async () => {
    try {
      running = runOnce();
      await running;
    } catch (err) {
      o.log?.error({ err }, "report compaction failed; the deltas stay and are retried");
    } finally {
      running = undefined;
      if (!stopped) timer = setTimeout(tick, o.intervalMs);
    }
  };
  return {
    runOnce,
    start() {
      if (o.intervalMs > 0) timer = setTimeout(tick, o.intervalMs);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
