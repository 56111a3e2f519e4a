// `motcua user create` and `motcua user reset-link`: the operator's way in, for the first
// administrator of a new installation (nobody can invite yet) and for an official whose mailbox
// is lost. Both print a single-use set-password link instead of mailing it; the operator hands it
// over. Whoever runs the command line already holds the database, so it needs no role.
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/client.ts";
import { orgUnits, roleGrants, users } from "../../db/schema.ts";
import type { Ctx } from "../../plugins/context.ts";
import { parseFlags } from "../../shared/cli-flags.ts";
import { DomainError, uniqueViolation } from "../../shared/errors.ts";
import { type AuditInsert, insertAudit } from "../audit/audit.repository.ts";
import { issueToken, setPasswordLink } from "./account.service.ts";
import { insertUser } from "./auth.repository.ts";
import { newStaffBody } from "./auth.schemas.ts";

export const USER_HELP = `  user create --username U --name "FULL NAME" --unit UNIT_CODE --role ROLE [--email E]
                          create an official's account with a role at a unit and print its
                          single-use activation link (the first administrator of an installation)
  user reset-link --username U
                          print a single-use password-reset link for an account`;

const createArgs = newStaffBody
  .omit({ email: true, locale: true, phone: true })
  .extend({ email: newStaffBody.shape.email.optional(), unit: z.string().min(1) });

type Out = { log: (line: string) => void; error: (line: string) => void };
type Audit = (action: string, details: Record<string, unknown>, outcome?: number) => AuditInsert;

/** The flags of each subcommand; a flag named after another field than its own. */
const FLAGS = {
  create: new Set(["username", "name", "unit", "role", "email"]),
  "reset-link": new Set(["username"]),
} as const;
const FLAG_OF: Record<string, string> = { fullName: "name" };

export async function userCommand(
  args: string[],
  deps: { database: Database; config: Config; audit: Audit; out?: Out },
): Promise<number> {
  const out = deps.out ?? { log: console.log, error: console.error };
  const [sub, ...rest] = args;
  if (sub !== "create" && sub !== "reset-link") {
    out.error(USER_HELP);
    return 64;
  }
  const { flags: f, error } = parseFlags(rest, FLAGS[sub]);
  if (error) {
    out.error(`motcua user ${sub}: ${error}\n\n${USER_HELP}`);
    return 64;
  }
  const db = deps.database.db;
  const ctx: Ctx = { actor: null, tx: db, audit: {}, config: deps.config };
  try {
    if (sub === "create") {
      const parsed = createArgs.safeParse({
        username: f.username,
        fullName: f.name,
        email: f.email,
        role: f.role,
        unit: f.unit,
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          out.error(`--${FLAG_OF[String(issue.path[0])] ?? issue.path.join(".")}: ${issue.message}`);
        return 64;
      }
      const input = parsed.data;
      return await db.transaction(async (tx) => {
        const [unit] = await tx
          .select({ id: orgUnits.id })
          .from(orgUnits)
          .where(and(eq(orgUnits.code, input.unit), isNull(orgUnits.validTo)));
        const unitId = unit?.id;
        if (!unitId) {
          out.error(`No unit in force with code ${input.unit}.`);
          return 65;
        }
        const user = await insertUser(tx, {
          kind: "staff",
          username: input.username,
          fullName: input.fullName,
          email: input.email ?? null,
        }).catch((err: unknown) => {
          const c = uniqueViolation(err);
          if (c !== undefined)
            throw new Error(
              c === "users_email_key" ? "That e-mail address is taken." : "That user name is taken.",
            );
          throw err;
        });
        await tx.insert(roleGrants).values({ userId: user.id, unitId, role: input.role });
        const { token, expiresAt } = await issueToken(tx, { ...ctx, tx }, user.id, "invite");
        await insertAudit(tx, {
          ...deps.audit("cli.user.create", { username: input.username, role: input.role, unit: input.unit }),
          target: user.id,
          unitId,
        });
        out.log(`Created ${input.username} (${input.role} at ${input.unit}).`);
        out.log(`Activation link (single use, until ${expiresAt.toISOString()}):`);
        out.log(setPasswordLink(ctx, token));
        return 0;
      });
    }
    if (sub === "reset-link" && f.username) {
      return await db.transaction(async (tx) => {
        const rows = await tx
          .select({ id: users.id, disabledAt: users.disabledAt })
          .from(users)
          .where(eq(sql`lower(${users.username})`, f.username!.toLowerCase()));
        const user = rows[0];
        if (!user) {
          out.error(`No account with user name ${f.username}.`);
          return 65;
        }
        if (user.disabledAt) {
          out.error(`The account ${f.username} is disabled; enable it first.`);
          return 65;
        }
        const { token, expiresAt } = await issueToken(tx, { ...ctx, tx }, user.id, "reset");
        await insertAudit(tx, {
          ...deps.audit("cli.user.reset_link", { username: f.username }),
          target: user.id,
        });
        out.log(`Password-reset link (single use, until ${expiresAt.toISOString()}):`);
        out.log(setPasswordLink(ctx, token));
        return 0;
      });
    }
  } catch (err) {
    out.error(err instanceof DomainError ? err.messages.en : (err as Error).message);
    return 1;
  }
  out.error(USER_HELP);
  return 64;
}
