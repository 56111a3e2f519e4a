// Applies db/migrations from code on either database. drizzle-kit's own `migrate`
// command fails silently on PGlite with extensions, so the app always migrates itself.
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { fromRoot } from "../shared/paths.ts";
import type { Database } from "./client.ts";

export const migrationsFolder = fromRoot("db/migrations");

export async function migrate(database: Database): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: both migrators accept their own driver's database type
  const db = database.db as any;
  if (database.kind === "pglite") await migratePglite(db, { migrationsFolder });
  else await migratePg(db, { migrationsFolder });
}
