// `motcua user create` / `user reset-link`: the operator's way to the first administrator of an
// installation and to an official whose mailbox is lost. The printed link is single-use and sets
// the password through the same API as a mailed one; bad input exits non-zero and writes nothing.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { call, setupTestApp } from "../../../test/app.ts";
import { cliAudit } from "../../cli.ts";
import { queryRows } from "../../db/client.ts";
import { userCommand } from "./account.cli.ts";

const t = setupTestApp();

async function run(args: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await userCommand(args, {
    database: t.database,
    config: t.config,
    audit: cliAudit,
    out: { log: (l) => lines.push(l), error: (l) => errors.push(l) },
  });
  const token = /\/dat-mat-khau#t=([A-Za-z0-9_-]{43})$/.exec(lines.at(-1) ?? "")?.[1];
  return { code, lines, errors, token };
}

const users = async () =>
  Number((await queryRows<{ n: string }>(t.database.db, sql`select count(*)::text as n from users`))[0]!.n);

describe("motcua user", () => {
  it("create: the account, its role at the unit, an audited entry and a link that activates it", async () => {
    const res = await run([
      "create",
      "--username",
      "quantri.moi",
      "--name",
      "Quản Trị Mới",
      "--unit",
      "46.19753",
      "--role",
      "unit_admin",
    ]);
    expect(res.code, res.errors.join("\n")).toBe(0);
    expect(res.lines[0]).toBe("Created quantri.moi (unit_admin at 46.19753).");
    expect(res.token).toBeDefined();
    const [row] = await queryRows<{ role: string; action: string }>(
      t.database.db,
      sql`select g.role, (select action from audit_log where target = u.id::text order by seq desc limit 1) as action
            from users u join role_grants g on g.user_id = u.id where u.username = 'quantri.moi'`,
    );
    expect(row).toEqual({ role: "unit_admin", action: "cli.user.create" });
    const set = await call(t.app, null, "POST", "/api/auth/password-reset/confirm", {
      token: res.token,
      newPassword: "Dai-Noi-2026-vang",
    });
    expect(set.statusCode, set.body).toBe(204);
    const signIn = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "quantri.moi", password: "Dai-Noi-2026-vang" },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().roles[0]).toMatchObject({ role: "unit_admin", unitCode: "46.19753" });
  });

  it("refuses a taken user name, a bad role, a unit that does not exist: exit non-zero, nothing written", async () => {
    const before = await users();
    const base = ["create", "--name", "Ai Đó", "--unit", "46.19753", "--role", "specialist"];
    const taken = await run([...base, "--username", "quantri.thuanhoa"]);
    expect(taken.code).toBe(1);
    expect(taken.errors.join()).toContain("user name is taken");
    const role = await run([
      "create",
      "--username",
      "ai.do",
      "--name",
      "Ai Đó",
      "--unit",
      "46.19753",
      "--role",
      "king",
    ]);
    expect(role.code).toBe(64);
    expect(role.errors.join()).toContain("--role");
    const unit = await run([
      ...base.slice(0, 3),
      "--unit",
      "99.99999",
      "--role",
      "specialist",
      "--username",
      "ai.do",
    ]);
    expect(unit.code).toBe(65);
    // A mistyped flag is an error, not ignored; a missing one is named as typed on the command line.
    const typo = await run([...base, "--usename", "ai.do"]);
    expect(typo.code).toBe(64);
    expect(typo.errors.join()).toContain("unknown argument --usename");
    const noName = await run(["create", "--username", "ai.do", "--unit", "46.19753", "--role", "specialist"]);
    expect(noName.code).toBe(64);
    expect(noName.errors.join()).toContain("--name:");
    expect(await users()).toBe(before);
    expect((await run(["frobnicate"])).code).toBe(64);
    expect((await run(["reset-link"])).code).toBe(64);
  });

  it("reset-link: a link for an existing account; the earlier one stops working", async () => {
    const first = await run(["reset-link", "--username", "tiepnhan.thuanhoa"]);
    const second = await run(["reset-link", "--username", "TiepNhan.ThuanHoa"]);
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    const confirm = (token: string | undefined) =>
      call(t.app, null, "POST", "/api/auth/password-reset/confirm", {
        token,
        newPassword: "Truong-Tien-2026-cau",
      });
    expect((await confirm(first.token)).statusCode).toBe(400);
    expect((await confirm(second.token)).statusCode).toBe(204);
    expect((await run(["reset-link", "--username", "no.such.user"])).code).toBe(65);
  });
});
