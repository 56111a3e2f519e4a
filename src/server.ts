// Process entry: settings, database, migrations, demo data, HTTP server, graceful shutdown.
import { buildApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { demoCredentialsText, seedDemo } from "./demo/seed.ts";

const startedAt = performance.now();
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrate(database);
const { seeded } = config.demo ? await seedDemo(database) : { seeded: false };
const app = await buildApp({ database, config });

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, "shutting down");
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await app.close();
    await database.close();
  } finally {
    process.exit(0);
  }
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

await app.listen({ port: config.port, host: config.host });
const ms = Math.round(performance.now() - startedAt);
const where = database.kind === "postgres" ? "PostgreSQL" : `embedded database at ${config.dataDir}`;
console.log(`motcua is serving on ${config.publicUrl} (${where}), ready in ${ms} ms`);
if (seeded) console.log(`Demo data loaded.\n${demoCredentialsText()}`);
