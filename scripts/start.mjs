// `npm start`: builds the web app when its sources are newer than the build, then runs the
// server from TypeScript sources (tsx), in this same process.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const built = path.join(root, "web/dist/index.html");

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (process.env.MOTCUA_SERVE_WEB !== "0") {
  const sources = Math.max(
    newest(path.join(root, "web/src")),
    statSync(path.join(root, "web/index.html")).mtimeMs,
  );
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    console.log("Building the web app (first start or sources changed)…");
    const r = spawnSync(
      process.execPath,
      [
        path.join(root, "node_modules/vite/bin/vite.js"),
        "build",
        "--config",
        "web/vite.config.ts",
        "--logLevel",
        "warn",
      ],
      {
        cwd: root,
        stdio: "inherit",
      },
    );
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

const { register } = await import("tsx/esm/api");
register();
await import("../src/server.ts");
