// Loads the demo data once (idempotent: does nothing when units already exist).
import { count, eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { agencies, orgUnitNames, orgUnits, procedures, roleGrants, users } from "../db/schema.ts";
import { hashPassword } from "../modules/auth/password.ts";
import {
  DEMO_PASSWORD,
  demoAgencies,
  demoCitizen,
  demoProcedures,
  demoUnits,
  demoUsers,
} from "./demo-data.ts";

export async function isEmpty(database: Database): Promise<boolean> {
  const rows = await database.db.select({ n: count() }).from(orgUnits);
  return Number(rows[0]?.n ?? 0) === 0;
}

export async function seedDemo(database: Database): Promise<{ seeded: boolean }> {
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
    for (const a of demoAgencies) {
      await tx
        .insert(agencies)
        .values({ unitId: ids.get(a.unit)!, code: a.code, name: a.name, kind: a.kind });
    }
    for (const u of demoUsers) {
      const [row] = await tx
        .insert(users)
        .values({ kind: "staff", username: u.username, fullName: u.fullName, email: u.email, passwordHash })
        .returning({ id: users.id });
      for (const g of u.grants)
        await tx.insert(roleGrants).values({ userId: row!.id, unitId: ids.get(g.unit)!, role: g.role });
    }
    await tx.insert(users).values({ kind: "citizen", ...demoCitizen, passwordHash });
    await tx.insert(procedures).values(demoProcedures);
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
