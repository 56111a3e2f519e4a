// The real server as a child process (`node --import tsx src/server.ts`), for the benches and
// the crash test that need whole processes: a free port, start, wait for /readyz, stop.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

/**
 * Starts the server on 127.0.0.1:`port` with `env` over this process's environment and the
 * bench defaults (no web client, no outbox worker, warnings only). Stdout is dropped; stderr
 * goes to `onStderr`.
 */
export function spawnServer(opts: {
  port: number;
  env: NodeJS.ProcessEnv;
  onStderr?: (chunk: string) => void;
}): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(opts.port),
      HOST: "127.0.0.1",
      MOTCUA_SERVE_WEB: "0",
      OUTBOX_POLL_MS: "0",
      LOG_LEVEL: "warn",
      ...opts.env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (d: string) => opts.onStderr?.(d));
  return child;
}

/** Resolves with the milliseconds until `${base}/readyz` answered 200; throws if the child exits first. */
export async function waitReady(
  base: string,
  child: ChildProcess,
  log: () => string,
  timeoutMs = 60_000,
): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    if (performance.now() - t0 > timeoutMs)
      throw new Error(`server not ready in ${timeoutMs / 1000} s:\n${log()}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return performance.now() - t0;
    } catch {}
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once("exit", () => r()));

/** SIGTERM (the server's graceful shutdown), SIGKILL if it is still there after `graceMs`. */
export async function stopServer(child: ChildProcess, graceMs = 10_000): Promise<"exited" | "killed"> {
  if (child.exitCode !== null || child.signalCode !== null) return "exited";
  child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const late = await Promise.race([
    exited(child).then(() => false),
    new Promise<boolean>((r) => {
      timer = setTimeout(() => r(true), graceMs);
    }),
  ]);
  clearTimeout(timer);
  if (!late) return "exited";
  child.kill("SIGKILL");
  await exited(child);
  return "killed";
}
