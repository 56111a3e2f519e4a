// Process entry: settings, database, migrations, demo data, HTTP server, graceful shutdown.
import { sql } from "drizzle-orm";
import { buildApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { setFieldKeys } from "./db/encrypted.ts";
import { migrate } from "./db/migrate.ts";
import { demoCredentialsText, seedDemo } from "./demo/seed.ts";
import { recordCheckpoint } from "./modules/audit/audit.integrity.ts";
import { createNationalPortalExchange } from "./modules/integrations/national-portal/national-portal.exchange.ts";
import { createChannels } from "./modules/notifications/channels.ts";
import { createOutboxWorker } from "./modules/notifications/outbox.worker.ts";
import { createPaymentsWorker } from "./modules/payments/payments.service.ts";
import { startVnpaySimulator } from "./modules/payments/vnpay.simulator.ts";
import { fieldKeysWarning } from "./modules/privacy/field-crypto.ts";
import { runRetention } from "./modules/privacy/privacy.service.ts";
import { createReportCompactor } from "./modules/reports/compactor.ts";

const startedAt = performance.now();
const config = loadConfig();
// Column encryption of ID and phone numbers: the keys every encrypted column uses.
setFieldKeys(config.fieldKeys);
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  replicaUrl: config.databaseReplicaUrl,
  dataDir: config.dataDir,
});
await migrate(database);
const { seeded } = config.demo ? await seedDemo(database, config) : { seeded: false };
// Demo without VNPAY settings: a local gateway simulator stands in for VNPAY (never in production).
const vnpaySimulator = config.payments.simulator
  ? await startVnpaySimulator({ ipnUrl: `${config.publicUrl}/api/public/payments/vnpay/ipn` })
  : undefined;
if (vnpaySimulator)
  config.payments.vnpay = {
    tmnCode: vnpaySimulator.tmnCode,
    hashSecret: vnpaySimulator.hashSecret,
    payUrl: vnpaySimulator.payUrl,
    apiUrl: vnpaySimulator.apiUrl,
  };
const app = await buildApp({ database, config });
// Sends due refunds and asks the gateway about payments whose IPN did not come (PAYMENTS_POLL_MS=0: never).
const paymentsWorker = createPaymentsWorker({
  db: database.db,
  config,
  log: app.log.child({ module: "payments" }),
  pollMs: config.payments.pollMs,
});
// The national portal exchange (NATIONAL_PORTAL_URL unset: off): pulls its dossiers; its
// statuses, results and ratings go out through the outbox worker below.
const nationalPortal = createNationalPortalExchange({
  db: database.db,
  config,
  logger: app.log.child({ module: "national-portal" }),
});
// Sends the notifications the commands enqueue (OUTBOX_POLL_MS=0: no worker, rows wait in the table).
const outboxLog = app.log.child({ module: "outbox" });
const outboxWorker =
  config.notifications.outboxPollMs > 0
    ? createOutboxWorker({
        db: database.db,
        logger: outboxLog,
        ...createChannels(config.notifications, outboxLog),
        senders: nationalPortal?.senders,
        pollMs: config.notifications.outboxPollMs,
        leaseMs: config.notifications.outboxLeaseMs,
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
    await nationalPortal?.puller.stop();
    await outboxWorker?.stop();
    await reportCompactor.stop();
    await paymentsWorker.stop();
    await vnpaySimulator?.close();
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
nationalPortal?.puller.start();
reportCompactor.start();
// The history's yearly partitions: this year's and the next are always there (every 6 hours,
// so a server running over New Year's Eve has next year's before it starts).
const partitions = () =>
  database.db
    .execute(sql`select dossier_events_maintain()`)
    .catch((err) => app.log.error({ err }, "partitions"));
await partitions();
setInterval(partitions, 6 * 3_600_000).unref();
// Retention of personal data (sessions, idempotency keys, sent notifications, old bookings' and
// feedback senders' contacts): at start and then every RETENTION_INTERVAL_HOURS.
if (config.retention.intervalMs > 0) {
  const retention = () =>
    runRetention(database.db, config.retention)
      .then((counts) => app.log.info({ counts }, "retention"))
      .catch((err) => app.log.error({ err }, "retention"));
  void retention();
  setInterval(retention, config.retention.intervalMs).unref();
}
paymentsWorker.start();
// Signed checkpoints of the audit chain's head every AUDIT_CHECKPOINT_MINUTES (skipped when no
// row was added): what lets `motcua audit verify` see removed newest rows or a rewritten chain.
const auditLog = app.log.child({ module: "audit" });
if (config.audit.keys.length === 0)
  auditLog.warn("AUDIT_SIGNING_KEYS is not set: the audit chain is not anchored by signed checkpoints");
else if (config.audit.demoKey)
  auditLog.warn(
    "audit checkpoints are signed with the public demo key (set AUDIT_SIGNING_KEYS in production)",
  );
if (config.audit.keys.length > 0 && config.audit.checkpointMs > 0) {
  const checkpoint = () =>
    recordCheckpoint(database.db, config.audit, "interval")
      .then((c) => c && auditLog.info({ checkpoint: c.id, seq: c.seq }, "audit checkpoint"))
      .catch((err) => auditLog.error({ err }, "audit checkpoint"));
  setInterval(checkpoint, config.audit.checkpointMs).unref();
}
const fieldKeysNote = fieldKeysWarning(config.fieldKeys);
if (fieldKeysNote) app.log.warn(fieldKeysNote);
if (vnpaySimulator) console.log(`VNPAY simulator (demo payments) at ${vnpaySimulator.url}`);
const ms = Math.round(performance.now() - startedAt);
const where = database.kind === "postgres" ? "PostgreSQL" : `embedded database at ${config.dataDir}`;
console.log(`motcua is serving on ${config.publicUrl} (${where}), ready in ${ms} ms`);
if (seeded) console.log(`Demo data loaded.\n${demoCredentialsText()}`);
