import { defineConfig } from "vitest/config";

// `npm run test:scale`: the replica and failover tests on a local primary + streaming replica
// (scripts/pg-cluster.sh, ports 5433/5434). One file at a time: each starts its own pair.
export default defineConfig({
  test: {
    include: ["test/scale/**/*.scale.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
  },
});
