// Makes every commit that wrote an audit row slow (a deferred constraint trigger sleeps at
// COMMIT), so a handler that answers before its transaction commits is caught reliably: the
// test's next read, on another pooled PostgreSQL connection, still sees the old rows.
import { sql } from "drizzle-orm";
import type { Executor } from "../src/db/client.ts";

export async function withSlowCommits<T>(db: Executor, run: () => Promise<T>, seconds = 0.3): Promise<T> {
  await db.execute(
    sql.raw(`create function test_slow_commit() returns trigger language plpgsql as $$
             begin perform pg_sleep(${Number(seconds)}); return null; end $$`),
  );
  await db.execute(
    sql.raw(`create constraint trigger test_slow_commit after insert on audit_log
             deferrable initially deferred for each row execute function test_slow_commit()`),
  );
  try {
    return await run();
  } finally {
    await db.execute(sql.raw("drop trigger test_slow_commit on audit_log"));
    await db.execute(sql.raw("drop function test_slow_commit()"));
  }
}
