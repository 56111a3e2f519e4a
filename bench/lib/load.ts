// Shared by the HTTP benches: one autocannon run in a worker thread (so the load generator does
// not share the event loop of the app it measures when both live in the bench process), with
// the latency of every response collected at sub-millisecond precision.
import { fileURLToPath } from "node:url";
import { BroadcastChannel, Worker } from "node:worker_threads";
import autocannon from "autocannon";

const probe = fileURLToPath(new URL("./latency-probe.cjs", import.meta.url));

export type LoadResult = {
  /** Responses with a 2xx status. */
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts (autocannon's `errors` counts both). */
  errors: number;
  timeouts: number;
  /** Wall time of the run, seconds. */
  seconds: number;
  /** Latency of each 2xx response, ms. */
  latencies: number[];
  statusCodes: Record<string, number>;
};

export async function load(opts: autocannon.Options): Promise<LoadResult> {
  const channel = new BroadcastChannel("motcua-bench-latency");
  const latencies: number[] = [];
  let seen = 0;
  channel.onmessage = (event) => {
    const [status, ms] = (event as { data: [number, number] }).data;
    seen++;
    if (status >= 200 && status < 300) latencies.push(ms);
  };
  try {
    // In workers mode autocannon takes the path of a module where it would take a function.
    const setupClient = probe as unknown as (client: autocannon.Client) => void;
    const r = await autocannon({ ...opts, workers: 1, setupClient });
    const responses = r["1xx"] + r["2xx"] + r["3xx"] + r["4xx"] + r["5xx"];
    // The result and the per-response messages travel on different ports: wait for the stragglers.
    const t0 = performance.now();
    while (seen < responses && performance.now() - t0 < 3000) await new Promise((res) => setTimeout(res, 10));
    const statusCodes: Record<string, number> = {};
    for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = s.count ?? 0;
    return {
      ok: r["2xx"],
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      seconds: r.duration,
      latencies,
      statusCodes,
    };
  } finally {
    channel.close();
  }
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export const ms = (x: number) => `${x.toFixed(2).padStart(7)} ms`;

/** Evenly paced GETs (open loop, bench/lib/paced.mjs in a worker thread); latency from the schedule. */
export async function paced(opts: {
  origin: string;
  paths: string[];
  rate: number;
  duration: number;
}): Promise<LoadResult> {
  const worker = new Worker(new URL("./paced.mjs", import.meta.url), { workerData: opts });
  const r = await new Promise<{
    latencies: number[];
    statusCodes: Record<string, number>;
    errors: number;
    timedOut: number;
    sent: number;
    seconds: number;
  }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  await worker.terminate();
  const ok = r.latencies.length;
  const answered = Object.values(r.statusCodes).reduce((a, n) => a + n, 0);
  return {
    ok,
    non2xx: answered - ok,
    errors: r.errors + r.timedOut,
    timeouts: r.timedOut,
    seconds: r.seconds,
    latencies: r.latencies,
    statusCodes: r.statusCodes,
  };
}
