// Database helpers shared by the benches.

/**
 * Waits until no other session of the current database is running a statement or holding a
 * transaction (three checks 50 ms apart): requests a load generator dropped its sockets on may
 * still be at work in the app. `rows` runs a query on a connection to the bench database.
 */
export async function waitIdle(rows: (text: string) => Promise<unknown[]>, timeoutMs = 10_000) {
  const t = performance.now();
  for (let quiet = 0; quiet < 3; ) {
    if (performance.now() - t > timeoutMs)
      throw new Error(`the app is still busy ${timeoutMs / 1000} s after the run`);
    await new Promise((r) => setTimeout(r, 50));
    const [busy] = (await rows(
      `select count(*)::int as n from pg_stat_activity where datname = current_database()
         and pid <> pg_backend_pid() and state in ('active', 'idle in transaction')`,
    )) as { n: number }[];
    quiet = busy!.n === 0 ? quiet + 1 : 0;
  }
}
