// Loads the demo data once (idempotent: does nothing when units already exist).

import { existsSync, readFileSync } from "node:fs";
import { count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { type Config, loadConfig } from "../config.ts";
import type { Database, Executor } from "../db/client.ts";
import { blindIndexOf } from "../db/encrypted.ts";
import { agencies, orgUnitNames, orgUnits, roleGrants, unitProcedures, users } from "../db/schema.ts";
import { hashPassword } from "../modules/auth/password.ts";
import { findProcedureByCode, insertDecision } from "../modules/catalog/catalog.repository.ts";
import { type ProcedureRecord, procedureRecordSchema } from "../modules/catalog/catalog.schemas.ts";
import { applyChange } from "../modules/catalog/catalog.service.ts";
import { fromRoot } from "../shared/paths.ts";
import { seedDemoAppointments } from "./demo-appointments.ts";
import { seedDemoContacts } from "./demo-contacts.ts";
import {
  DEMO_PASSWORD,
  demoAgencies,
  demoCitizen,
  demoUnits,
  demoUsers,
  fallbackProcedures,
} from "./demo-data.ts";
import { seedDemoDossiers } from "./demo-dossiers.ts";
import { seedDemoEforms } from "./demo-eforms.ts";
import { seedFeedbackServices } from "./demo-feedback.ts";
import { seedDemoHistory } from "./demo-history.ts";
import { seedDemoPar } from "./demo-par.ts";
import { seedDemoPetitions } from "./demo-petitions.ts";
import { seedDemoQueue } from "./demo-queue.ts";
import { seedDemoYears } from "./demo-years.ts";

export async function isEmpty(database: Database): Promise<boolean> {
  const rows = await database.db.select({ n: count() }).from(orgUnits);
  return Number(rows[0]?.n ?? 0) === 0;
}

export async function seedDemo(
  database: Database,
  config: Config = loadConfig({}),
): Promise<{ seeded: boolean }> {
  if (!(await isEmpty(database))) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await database.db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const u of demoUnits) {
      const [row] = await tx
        .insert(orgUnits)
        .values({
          code: u.code,
          level: u.level,
          parentId: u.parent ? ids.get(u.parent) : null,
          validFrom: u.validFrom,
          validTo: u.validTo ?? null,
        })
        .returning({ id: orgUnits.id });
      ids.set(u.code, row!.id);
      await tx.insert(orgUnitNames).values({ unitId: row!.id, name: u.name, validFrom: u.validFrom });
    }
    for (const u of demoUnits) {
      if (u.successor) {
        await tx
          .update(orgUnits)
          .set({ successorId: ids.get(u.successor)! })
          .where(eq(orgUnits.code, u.code));
      }
    }
    const agencyIds = new Map<string, string>();
    for (const a of demoAgencies) {
      const [row] = await tx
        .insert(agencies)
        .values({ unitId: ids.get(a.unit)!, code: a.code, name: a.name, kind: a.kind })
        .returning({ id: agencies.id });
      agencyIds.set(a.code, row!.id);
    }
    for (const u of demoUsers) {
      const [row] = await tx
        .insert(users)
        .values({ kind: "staff", username: u.username, fullName: u.fullName, email: u.email, passwordHash })
        .returning({ id: users.id });
      for (const g of u.grants)
        await tx.insert(roleGrants).values({ userId: row!.id, unitId: ids.get(g.unit)!, role: g.role });
    }
    await tx.insert(users).values({
      kind: "citizen",
      ...demoCitizen,
      phoneBidx: blindIndexOf("phone", demoCitizen.phone),
      passwordHash,
    });
    await seedCatalog(tx, ids);
    await seedDemoEforms(tx, ids.get("46")!);
    await seedDemoDossiers(tx, config, ids, agencyIds);
    await seedDemoHistory(tx, config, ids);
    await seedDemoYears(tx, config.demoYears);
    await seedDemoPar(tx, ids);
    await seedDemoAppointments(tx, ids);
    await seedDemoQueue(tx, ids);
    await seedDemoPetitions(tx, config);
    await seedDemoContacts(tx, ids);
    await seedFeedbackServices(tx);
    // The demo's dated history lands in the default partition: give its years their own.
    await tx.execute(sql`select dossier_events_maintain()`);
  });
  return { seeded: true };
}

export function demoCredentialsText(): string {
  const lines = demoUsers.map(
    (u) => `  ${u.username.padEnd(22)} ${u.grants.map((g) => `${g.role}@${g.unit}`).join(", ")}`,
  );
  return [
    `Demo accounts (password for all: ${DEMO_PASSWORD}):`,
    ...lines,
    `  ${demoCitizen.email.padEnd(22)} citizen (or phone ${demoCitizen.phone})`,
  ].join("\n");
}

const catalogFile = fromRoot("db/seed/procedures.json");

/**
 * The demo catalog: db/seed/procedures.json (real procedures with their sources) when present.
 * Rows the catalog would refuse (e.g. a deadline not yet verified) are left out and listed.
 */
export function demoCatalog(): { records: ProcedureRecord[]; skipped: string[] } {
  const raw = z
    .array(z.unknown())
    .parse(existsSync(catalogFile) ? JSON.parse(readFileSync(catalogFile, "utf8")) : fallbackProcedures);
  const records: ProcedureRecord[] = [];
  const skipped: string[] = [];
  for (const row of raw) {
    const parsed = procedureRecordSchema.safeParse(row);
    if (parsed.success) records.push(parsed.data);
    else skipped.push(String((row as { code?: unknown }).code));
  }
  return { records, skipped };
}

async function seedCatalog(tx: Executor, units: Map<string, string>) {
  const decisionId = await insertDecision(tx, {
    number: "DEMO-01/QĐ-UBND",
    title: "Công bố danh mục thủ tục hành chính (dữ liệu mẫu)",
    signedOn: "2025-06-25",
    effectiveFrom: "2025-07-01",
    issuerUnitId: units.get("46")!,
  });
  const { records } = demoCatalog();
  for (const [i, record] of records.entries()) {
    await applyChange(tx, { id: decisionId, effectiveFrom: "2025-07-01" }, { change: "added", record }, i);
  }
  // Today's wards serve every commune-level procedure; the city serves the provincial ones.
  for (const record of records) {
    const procedure = await findProcedureByCode(tx, record.code);
    const serving = record.levels.includes("commune") ? ["46.19753", "46.19774", "46.19900"] : ["46"];
    for (const code of serving) {
      await tx.insert(unitProcedures).values({ unitId: units.get(code)!, procedureId: procedure!.id });
    }
  }
}
