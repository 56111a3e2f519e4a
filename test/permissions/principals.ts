// The permission matrix's columns: anonymous, the citizen, and every role granted at the unit
// where the cases' resources live (own: Phường Thuận Hóa 46.19753), at a sibling unit (other:
// Phường Phú Xuân 46.19774) and at the parent unit (parent: the province 46). Demo users fill
// the cells they fit; the test's setup inserts the others with the demo password.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { App } from "../../src/app.ts";
import { type Database, queryRows } from "../../src/db/client.ts";
import { ROLES, type Role, roleGrants, users } from "../../src/db/schema.ts";
import { DEMO_PASSWORD } from "../../src/demo/demo-data.ts";
import { hashPassword } from "../../src/modules/auth/password.ts";

export type Place = "own" | "other" | "parent";
export type Principal = "anonymous" | "citizen" | `${Role}@${Place}`;

export const PLACES = ["own", "other", "parent"] as const;
export const UNIT_OF_PLACE: Record<Place, string> = { own: "46.19753", other: "46.19774", parent: "46" };
export const PRINCIPALS: readonly Principal[] = [
  "anonymous",
  "citizen",
  ...PLACES.flatMap((place) => ROLES.map((role) => `${role}@${place}` as const)),
];

/**
 * Roles whose grant covers the units below (auth.policy.ts ROLE_DEFS[role].subtree), written
 * out here so a change to the policy shows up as a failing matrix, not a silently moved one.
 */
export const SUBTREE_ROLES: readonly Role[] = ["supervisor", "system_admin"];

const DEMO: Partial<Record<Principal, string>> = {
  citizen: "congdan@motcua.example",
  "system_admin@parent": "admin",
  "supervisor@parent": "giamsat",
  "unit_admin@own": "quantri.thuanhoa",
  "receptionist@own": "tiepnhan.thuanhoa",
  "specialist@own": "chuyenvien.thuanhoa",
  "leader@own": "lanhdao.thuanhoa",
  "clerk@own": "vanthu.thuanhoa",
  "receptionist@other": "tiepnhan.phuxuan",
  "unit_admin@other": "quantri.phuxuan",
};

/** The username that signs in as a principal (null: anonymous). */
export function usernameOf(p: Principal): string | null {
  if (p === "anonymous") return null;
  return DEMO[p] ?? `matrix.${p.replace("@", ".")}`;
}

/** Inserts the staff accounts the demo lacks, each with its one grant, as the seeder does. */
export async function ensurePrincipals(database: Database): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rows = await queryRows<{ id: string; code: string }>(
    database.db,
    sql`select id, code from org_units where code in ('46', '46.19753', '46.19774')`,
  );
  const unitId = (code: string) => rows.find((u) => u.code === code)!.id;
  await database.db.transaction(async (tx) => {
    for (const p of PRINCIPALS) {
      if (p === "anonymous" || DEMO[p]) continue;
      const [role, place] = p.split("@") as [Role, Place];
      const username = usernameOf(p)!;
      const [row] = await tx
        .insert(users)
        .values({
          kind: "staff",
          username,
          fullName: `Thử quyền ${role} ${place}`,
          email: `${username}@motcua.example`,
          passwordHash,
        })
        .returning({ id: users.id });
      await tx.insert(roleGrants).values({ userId: row!.id, unitId: unitId(UNIT_OF_PLACE[place]), role });
    }
  });
}

/** A staff account without grants (never signs in), to be granted a role by a case. */
export async function freshStaff(app: App): Promise<string> {
  const n = randomUUID().slice(0, 8);
  const [row] = await app.db
    .insert(users)
    .values({ kind: "staff", username: `matrix.grantee.${n}`, fullName: `Người nhận quyền ${n}` })
    .returning({ id: users.id });
  return row!.id;
}

/**
 * The principals whose grant of one of `roles` covers the own unit: the role at the unit itself
 * and, for subtree roles, at the parent unit.
 */
export function covering(...roles: Role[]): Principal[] {
  return roles.flatMap((role) => [
    `${role}@own` as const,
    ...(SUBTREE_ROLES.includes(role) ? [`${role}@parent` as const] : []),
  ]);
}

/** Everyone on the staff who sees the own unit (org.read: every role covering it). */
export const UNIT_STAFF = covering(...ROLES);

/** Everyone signed in: the citizen and every staff principal. */
export const SIGNED_IN = PRINCIPALS.filter((p) => p !== "anonymous");

/** The same expected status for each of `principals`. */
export const cells = (principals: readonly Principal[], status: number): Partial<Record<Principal, number>> =>
  Object.fromEntries(principals.map((p) => [p, status]));

/** Each of `roles` granted at `place`. */
export const at = (place: Place, ...roles: Role[]): Principal[] =>
  roles.map((role) => `${role}@${place}` as const);

/** Each of `roles` wherever it is granted (own, other and parent unit). */
export const everywhere = (...roles: Role[]): Principal[] => PLACES.flatMap((place) => at(place, ...roles));
