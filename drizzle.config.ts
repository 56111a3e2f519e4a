import { defineConfig } from "drizzle-kit";

// Used only to generate SQL migrations from src/db/schema.ts (`npx drizzle-kit generate`).
// Migrations are applied from code at start (src/db/migrate.ts), on PGlite and PostgreSQL alike.
export default defineConfig({
  dialect: "postgresql",
  schema: [
    "./src/db/schema.ts",
    "./src/db/schema.portal.ts",
    "./src/db/schema.reports.ts",
    "./src/db/schema.par.ts",
    "./src/db/schema.frontdesk.ts",
    "./src/db/schema.voice.ts",
    "./src/db/schema.exchange.ts",
    "./src/db/schema.payments.ts",
  ],
  out: "./db/migrations",
});
