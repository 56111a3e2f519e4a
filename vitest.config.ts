import { defineConfig } from "vitest/config";

// Two projects in one run:
// - unit: pure modules, no I/O (`*.test.ts`);
// - db: integration tests on a real database (`*.db.test.ts`). The global setup
//   migrates and seeds a template once per run; each test file gets its own copy
//   (see test/db.ts). MOTCUA_TEST_DB=pg runs the same files on PostgreSQL.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // web/src/*.test.ts: checks over the web app's sources (e.g. no hard-coded UI strings).
          include: ["src/**/*.test.ts", "web/src/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["src/**/*.db.test.ts", "test/**/*.db.test.ts"],
          globalSetup: ["test/global-setup.ts"],
        },
      },
    ],
  },
});
