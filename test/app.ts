// Builds the real app on a fresh database for one test file, plus helpers to call it
// as a signed-in user through the real HTTP stack (app.inject).
import { afterAll, beforeAll } from "vitest";
import { type App, buildApp } from "../src/app.ts";
import { type Config, loadConfig } from "../src/config.ts";
import type { Database } from "../src/db/client.ts";
import { DEMO_PASSWORD } from "../src/demo/demo-data.ts";
import { openTestDatabase } from "./db.ts";
import { TEST_FIELD_KEYS } from "./field-keys.ts";

export type TestContext = { app: App; database: Database; config: Config };

export function testConfig(overrides: Record<string, string> = {}): Config {
  const demoOff = /^(0|false|no|off)$/i.test(overrides.MOTCUA_DEMO ?? "");
  return loadConfig({
    MOTCUA_SERVE_WEB: "0",
    LOG_LEVEL: "silent",
    LOGIN_RATE_PER_MINUTE: "1000",
    ...(demoOff ? TEST_FIELD_KEYS : {}),
    ...overrides,
  });
}

export function setupTestApp(overrides: Record<string, string> = {}): TestContext {
  const t = {} as TestContext;
  beforeAll(async () => {
    t.database = await openTestDatabase();
    t.config = testConfig(overrides);
    t.app = await buildApp({ database: t.database, config: t.config, logger: false });
    await t.app.ready();
  });
  afterAll(async () => {
    await t.app?.close();
    await t.database?.close();
  });
  return t;
}

export type Session = { cookie: string; csrf: string; userId: string };

export async function login(app: App, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "motcua_sid");
  const body = res.json();
  return { cookie: `motcua_sid=${cookie!.value}`, csrf: body.csrfToken, userId: body.user.id };
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export async function call(
  app: App,
  session: Session | null,
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method,
    url,
    payload: payload as Record<string, unknown> | undefined,
    headers: { ...(session ? { cookie: session.cookie, "x-csrf-token": session.csrf } : {}), ...headers },
  });
}

export async function unitIdByCode(app: App, code: string): Promise<string> {
  const res = await app.inject({ method: "GET", url: "/api/public/units?history=true" });
  const unit = res.json().items.find((u: { code: string }) => u.code === code);
  if (!unit) throw new Error(`no unit ${code}`);
  return unit.id;
}
