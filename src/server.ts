// Process entry: settings, database, migrations, demo data, HTTP server, graceful shutdown.
import { buildApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { demoCredentialsText, seedDemo } from "./demo/seed.ts";
import { createChannels } from "./modules/notifications/channels.ts";
import { createOutboxWorker } from "./modules/notifications/outbox.worker.ts";
import { createReportCompactor } from "./modules/reports/compactor.ts";

const startedAt = performance.now();
const config = loadConfig();
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  replicaUrl: config.databaseReplicaUrl,
  dataDir: config.dataDir,
});
await migrate(database);
const { seeded } = config.demo ? await seedDemo(database, config) : { seeded: false };
const app = await buildApp({ database, config });
// Sends the notifications the commands enqueue (OUTBOX_POLL_MS=0: no worker, rows wait in the table).
const outboxLog = app.log.child({ module: "outbox" });
const outboxWorker =
  config.notifications.outboxPollMs > 0
    ? createOutboxWorker({
        db: database.db,
        logger: outboxLog,
        ...createChannels(config.notifications, outboxLog),
        pollMs: config.notifications.outboxPollMs,
      })
    : undefined;

// Folds the report deltas the commands write into the report facts (REPORT_COMPACT_MS=0: never).
const reportCompactor = createReportCompactor({
  db: database.db,
  intervalMs: config.reportCompactMs,
  log: app.log.child({ module: "reports" }),
});

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, "shutting down");
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await outboxWorker?.stop();
    await reportCompactor.stop();
    await app.close();
    await database.close();
  } finally {
    process.exit(0);
  }
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

await app.listen({ port: config.port, host: config.host });
outboxWorker?.start();
reportCompactor.start();
const ms = Math.round(performance.now() - startedAt);
const where = database.kind === "postgres" ? "PostgreSQL" : `embedded database at ${config.dataDir}`;
console.log(`motcua is serving on ${config.publicUrl} (${where}), ready in ${ms} ms`);
if (seeded) console.log(`Demo data loaded.\n${demoCredentialsText()}`);
