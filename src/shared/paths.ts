// The repository's root directory, found from this module's own location: the same answer from the
// TypeScript sources (src/shared/) and from the server bundle `npm start` runs (.build/), so files
// that ship beside the code (migrations, seed data, the web build) resolve from either.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "db", "migrations")))
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`no motcua checkout above ${from}`);
  }
}

export const repoRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the repository, from its root. */
export const fromRoot = (...parts: string[]) => path.join(repoRoot, ...parts);
