// An open-loop load generator for a worker thread: requests sent evenly paced at `rate` per
// second whatever the server does (autocannon's `overallRate` lets each connection send its
// share of a second back to back, then pause until the next second: bursts, not a pace).
// Latency is measured from each request's scheduled time, so a slow server cannot hide its
// queue (no coordinated omission). workerData: { origin, paths, rate, duration, maxSockets }.
// Posts { latencies (ms, 2xx only), statusCodes, errors, timedOut, sent, seconds }; requests not
// answered 2 s after the last one was due count as timed out.
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";

const { origin, paths, rate, duration, maxSockets = 256 } = workerData;
const url = new URL(origin);
const agent = new http.Agent({ keepAlive: true, maxSockets });
const interval = 1000 / rate;
const total = Math.round(rate * duration);
const latencies = [];
const statusCodes = {};
let errors = 0;
let done = 0;
let sent = 0;
let timedOut = 0;
let reported = false;
const t0 = performance.now() + 20;
// Bounded: whatever has not been answered 2 s after the last scheduled request is cut off.
setTimeout(
  () => {
    timedOut = sent - done;
    report();
  },
  duration * 1000 + 2020,
).unref();

function send(i, scheduled) {
  const req = http.request(
    { host: url.hostname, port: url.port, path: paths[i % paths.length], method: "GET", agent },
    (res) => {
      res.resume();
      res.on("end", () => {
        const ms = performance.now() - scheduled;
        statusCodes[res.statusCode] = (statusCodes[res.statusCode] ?? 0) + 1;
        if (res.statusCode >= 200 && res.statusCode < 300) latencies.push(ms);
        finish();
      });
    },
  );
  req.on("error", () => {
    if (reported) return;
    errors++;
    finish();
  });
  req.end();
}

function finish() {
  if (++done === total) report();
}

function report() {
  if (reported) return;
  reported = true;
  agent.destroy();
  const seconds = (performance.now() - t0) / 1000;
  parentPort.postMessage({ latencies: [...latencies], statusCodes, errors, timedOut, sent, seconds });
}

function tick() {
  const now = performance.now();
  while (sent < total && t0 + sent * interval <= now) {
    send(sent, t0 + sent * interval);
    sent++;
  }
  if (sent < total) setTimeout(tick, Math.max(0, Math.min(1, t0 + sent * interval - performance.now())));
}
setTimeout(tick, 20);
