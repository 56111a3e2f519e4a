// A private PostgreSQL cluster for the fault tests: initdb into a temporary directory, one server
// on 127.0.0.1:5436 (FAULTS_PG_PORT), trust authentication, user postgres — so that restarting
// it (fast or immediate) touches nobody else's databases. The shared cluster on 5432 is never
// used. As root, the server runs as the postgres user (PostgreSQL refuses to run as root), as in
// scripts/pg-cluster.sh.
import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const BIN =
  process.env.PG_BIN ??
  (() => {
    const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql") : [];
    const v = versions.includes("15") ? "15" : versions.sort((a, b) => Number(a) - Number(b)).pop();
    if (!v) throw new Error("no PostgreSQL binaries under /usr/lib/postgresql (set PG_BIN)");
    return `/usr/lib/postgresql/${v}/bin`;
  })();

const asRoot = process.getuid?.() === 0;

const command = (tool: string, args: string[]): [string, string[]] =>
  asRoot ? ["runuser", ["-u", "postgres", "--", `${BIN}/${tool}`, ...args]] : [`${BIN}/${tool}`, args];

function pgRun(tool: string, args: string[], timeoutMs = 60_000): string {
  const [cmd, argv] = command(tool, args);
  return execFileSync(cmd, argv, { encoding: "utf8", timeout: timeoutMs, stdio: "pipe" });
}

/** Without blocking the event loop: the load runs on in this process while the server restarts. */
function pgRunAsync(tool: string, args: string[], timeoutMs = 60_000): Promise<void> {
  const [cmd, argv] = command(tool, args);
  return new Promise((resolve, reject) =>
    execFile(cmd, argv, { timeout: timeoutMs }, (err, _out, stderr) =>
      err ? reject(new Error(`${tool} ${args.join(" ")}: ${err.message}\n${stderr}`)) : resolve(),
    ),
  );
}

export type PrivateCluster = {
  port: number;
  dir: string;
  /** postgres://postgres@127.0.0.1:port */
  base: string;
  /** `pg_ctl restart -m mode`, waiting until it accepts connections; returns the milliseconds it took. */
  restart(mode: "fast" | "immediate"): Promise<number>;
  /** Stops the server (immediate: it is thrown away) and removes the directory. Idempotent. */
  destroy(): void;
};

export function createCluster(port = Number(process.env.FAULTS_PG_PORT ?? 5436)): PrivateCluster {
  const dir = mkdtempSync(path.join(tmpdir(), "motcua-faults-pg-"));
  if (asRoot) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString()), 0);
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  let destroyed = false;
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    try {
      if (existsSync(path.join(data, "postmaster.pid")))
        pgRun("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  };
  // A cluster left behind by a crash of this script would hold the port: stop it at our exit too.
  process.once("exit", destroy);
  try {
    pgRun("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
    writeFileSync(
      path.join(data, "postgresql.auto.conf"),
      [
        `port = ${port}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        "max_connections = 100",
        "shared_buffers = 64MB",
        // Durability as in production (the point of the test): fsync and synchronous commit on.
        "fsync = on",
        "synchronous_commit = on",
        "",
      ].join("\n"),
    );
    pgRun("pg_ctl", ["-D", data, "-l", log, "-w", "start"]);
  } catch (err) {
    destroy();
    throw err;
  }
  return {
    port,
    dir,
    base: `postgres://postgres@127.0.0.1:${port}`,
    async restart(mode) {
      const t0 = performance.now();
      await pgRunAsync("pg_ctl", ["-D", data, "-l", log, "-m", mode, "-w", "restart"]);
      return performance.now() - t0;
    },
    destroy,
  };
}
