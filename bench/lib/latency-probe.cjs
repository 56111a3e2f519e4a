// autocannon `setupClient`, loaded by path inside autocannon's worker thread (functions cannot
// cross into a worker). Posts each response's status and duration to the bench's main thread
// over a BroadcastChannel: autocannon's own histogram keeps whole milliseconds only, too coarse
// for sub-millisecond routes. The duration is autocannon's (process.hrtime from write to the
// complete response).
"use strict";
const { BroadcastChannel } = require("node:worker_threads");

const channel = new BroadcastChannel("motcua-bench-latency");
channel.unref();

module.exports = function setupClient(client) {
  client.on("response", (status, _bytes, durationMs) => channel.postMessage([status, durationMs]));
};
