// Once per e2e run: build the web app if it has never been built, start the REAL server
// (`node scripts/start.mjs`) on a free port with a fresh database, wait for /readyz, and hand the
// base URL to the tests (`inject("baseUrl")`). Teardown stops the server and removes the data.
//
// E-mail: a local SMTP server (test/smtp.ts) receives what the outbox worker sends; each message
// is appended as a JSON line to a file whose path the tests get as `inject("mailFile")` (e.g. the
// rating link of the "returned" e-mail, e2e/frontdesk-flow.e2e.ts).
//
// Database: embedded PGlite in a fresh temporary MOTCUA_DATA_DIR by default. With
// E2E_DATABASE_URL=postgres://user@host:port/<name>, a fresh PostgreSQL database named
// <name>_run<timestamp>_<pid> is created with psql on that server (so an existing database, even
// <name> itself, is never touched), used as DATABASE_URL, and dropped at teardown.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { startSmtp } from "../test/smtp.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** JSON lines, one per e-mail the server sent (test/smtp.ts `Received`). */
    mailFile: string;
  }
}

const root = fileURLToPath(new URL("..", import.meta.url));
const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 10_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not get a free port"));
      });
    });
  });
}

function buildWebIfMissing(): void {
  if (existsSync(path.join(root, "web/dist/index.html"))) return;
  console.log("[e2e] web/dist is missing: building the web app…");
  execFileSync(
    process.execPath,
    [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--config", "web/vite.config.ts"],
    // Vitest sets NODE_ENV=test, which would make Vite emit the development JSX runtime (jsxDEV)
    // into a production bundle: every page would render blank.
    { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } },
  );
}

/** A fresh PostgreSQL database for this run; returns its URL and a function that drops it. */
function createPgDatabase(baseUrl: string): { url: string; drop: () => void } {
  const parsed = new URL(baseUrl);
  const baseName = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "motcua";
  const name = `${baseName}_run${Date.now()}_${process.pid}`.toLowerCase();
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`E2E_DATABASE_URL: "${baseName}" does not make a safe database name (got "${name}")`);
  }
  const psqlArgs = [
    "-h",
    parsed.hostname || "127.0.0.1",
    "-p",
    parsed.port || "5432",
    "-U",
    decodeURIComponent(parsed.username) || "postgres",
    "-d",
    "postgres",
    "-v",
    "ON_ERROR_STOP=1",
    "-q",
  ];
  const env = {
    ...process.env,
    ...(parsed.password ? { PGPASSWORD: decodeURIComponent(parsed.password) } : {}),
  };
  const psql = (command: string) =>
    execFileSync("psql", [...psqlArgs, "-c", command], { env, stdio: "pipe" });
  psql(`create database ${name}`);
  const url = new URL(parsed.toString());
  url.pathname = `/${name}`;
  console.log(`[e2e] PostgreSQL database ${name} created`);
  return {
    url: url.toString(),
    drop: () => {
      try {
        psql(`drop database if exists ${name} with (force)`);
        console.log(`[e2e] PostgreSQL database ${name} dropped`);
      } catch (error) {
        console.error(`[e2e] could not drop database ${name}:`, error);
      }
    },
  };
}

async function waitForReady(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `[e2e] the server exited before it was ready (code ${child.exitCode}, signal ${child.signalCode}).\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `[e2e] GET ${baseUrl}/readyz did not succeed within ${READY_TIMEOUT_MS / 1000} s (last: ${last}).\n${output()}`,
  );
}

function isAlive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** SIGTERM to the server's process group (it may be running a web build), SIGKILL after 10 s. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (!child.pid || !isAlive(child)) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), STOP_GRACE_MS).unref()),
  ]);
  if (timedOut && isAlive(child)) {
    console.warn("[e2e] the server ignored SIGTERM for 10 s: sending SIGKILL");
    signal("SIGKILL");
    await exited;
  }
}

export default async function setup(project: TestProject) {
  buildWebIfMissing();

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), "motcua-e2e-"));
  const pg = process.env.E2E_DATABASE_URL ? createPgDatabase(process.env.E2E_DATABASE_URL) : undefined;
  const mailDir = mkdtempSync(path.join(tmpdir(), "motcua-e2e-mail-"));
  const mailFile = path.join(mailDir, "mail.jsonl");
  writeFileSync(mailFile, "");
  const smtp = await startSmtp(0, {
    onMessage: (mail) => appendFileSync(mailFile, `${JSON.stringify(mail)}\n`),
  });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: baseUrl,
    MOTCUA_DATA_DIR: dataDir,
    MOTCUA_DEMO: "true",
    MOTCUA_SERVE_WEB: "true",
    LOG_LEVEL: "warn",
    // The suite signs in ~30 times within a minute from one address; the default is 20/min.
    LOGIN_RATE_PER_MINUTE: "200",
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
  };
  delete env.DATABASE_URL;
  if (pg) env.DATABASE_URL = pg.url;

  // Keep the tail of the server's output to explain a failed start; forward warnings and errors.
  let tail = "";
  const remember = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-8_000);
  };
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // pino writes JSON lines (warn and above here) to stdout; the start banner is plain text.
  child.stdout?.on("data", (chunk: Buffer) => {
    remember(chunk);
    for (const line of chunk.toString().split("\n")) {
      if (line.startsWith("{")) process.stderr.write(`[server] ${line}\n`);
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    remember(chunk);
    process.stderr.write(`[server] ${chunk}`);
  });

  // Safety net: never leave the server running if vitest exits without calling the teardown.
  const killOnExit = () => {
    try {
      if (child.pid && isAlive(child)) process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  process.once("exit", killOnExit);

  const cleanup = async () => {
    process.off("exit", killOnExit);
    await stopServer(child);
    pg?.drop();
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(mailDir, { recursive: true, force: true });
  };

  try {
    await waitForReady(baseUrl, child, () => tail);
    const home = await fetch(`${baseUrl}/`, { headers: { accept: "text/html" } });
    const html = await home.text();
    if (!home.ok || !html.includes('id="root"')) {
      throw new Error(`[e2e] the server does not serve the web app at / (HTTP ${home.status})`);
    }
  } catch (error) {
    await cleanup();
    throw error;
  }

  console.log(`[e2e] server ready at ${baseUrl} (${pg ? "PostgreSQL" : `PGlite in ${dataDir}`})`);
  project.provide("baseUrl", baseUrl);
  project.provide("mailFile", mailFile);
  return cleanup;
}
