#!/usr/bin/env node
// Runs the TypeScript CLI (src/cli.ts) through tsx, in this process.
const { register } = await import("tsx/esm/api");
register();
const { runCli } = await import("../src/cli.ts");
process.exitCode = await runCli(process.argv.slice(2));
