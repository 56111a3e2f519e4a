// What the fault scenarios share: the private cluster, a database per scenario copied from one
// migrated and seeded template, and the real server as a child process (bench/lib/server.ts).
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { freePort, spawnServer, stopServer, waitReady } from "../../bench/lib/server.ts";
import { TEST_FIELD_KEYS } from "../field-keys.ts";
import type { PrivateCluster } from "./pg.ts";

export type FaultEnv = {
  cluster: PrivateCluster;
  /** The migrated database with the demo data every scenario starts from. */
  template: string;
  /** A temporary data directory (MOTCUA_DATA_DIR) the scenarios make their own under. */
  dataDir: string;
};

export type ScenarioResult = {
  violations: string[];
  figures: string[];
  /** Why the scenario could not run here (reported, not a pass and not a violation). */
  skipped?: string;
};

/** Undo steps (unmount, stop a server) run by run.ts on an interrupt, last registered first. */
export const cleanups: (() => void)[] = [];

export type App = {
  child: ChildProcess;
  base: string;
  port: number;
  log: () => string;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
};

export async function query<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, values)).rows as T[];
  } finally {
    await c.end();
  }
}

/** A fresh database `name` copied from the template; returns its URL. */
export async function freshDatabase(env: FaultEnv, name: string): Promise<string> {
  const admin = `${env.cluster.base}/postgres`;
  await query(admin, `drop database if exists ${name} with (force)`);
  await query(admin, `create database ${name} template ${env.template}`);
  return `${env.cluster.base}/${name}`;
}

/**
 * Starts the server on `databaseUrl` with its data directory in the run's temporary one, and
 * waits for /readyz (`port`: the same one again after a kill).
 */
export async function startApp(
  fenv: Pick<FaultEnv, "dataDir">,
  databaseUrl: string,
  env: NodeJS.ProcessEnv = {},
  port?: number,
): Promise<App> {
  const p = port ?? (await freePort());
  let log = "";
  const child = spawnServer({
    port: p,
    env: {
      DATABASE_URL: databaseUrl,
      MOTCUA_DATA_DIR: fenv.dataDir,
      MOTCUA_DEMO: "0",
      // The keys the seeding run (test/faults/run.ts) wrote under.
      ...TEST_FIELD_KEYS,
      REPORT_COMPACT_MS: "0",
      PAYMENTS_POLL_MS: "0",
      ...env,
    },
    onStderr: (d) => {
      log = (log + d).slice(-20_000);
    },
  });
  const base = `http://127.0.0.1:${p}`;
  // A server left running by an interrupted run would hold the port and the database.
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  cleanups.push(kill);
  child.once("exit", () => {
    const at = cleanups.indexOf(kill);
    if (at >= 0) cleanups.splice(at, 1);
  });
  try {
    await waitReady(base, child, () => log);
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  }
  return {
    child,
    base,
    port: p,
    log: () => log,
    stop: async () => {
      await stopServer(child);
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `test` every 50 ms until it is true; false after `timeoutMs`. */
export async function until(test: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    if (await test()) return true;
    await sleep(50);
  }
  return test();
}
