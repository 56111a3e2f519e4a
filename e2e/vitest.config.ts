// End-to-end browser tests: the real server (global-setup.ts) driven through Debian's Chromium with
// playwright-core. One server and one worker: the files share the database and a 2-core machine.
// Run from the repository root: `npx vitest run --config e2e/vitest.config.ts`.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/global-setup.ts"],
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
    retry: 0,
  },
});
