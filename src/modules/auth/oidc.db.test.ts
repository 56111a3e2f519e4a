// Citizen sign-in with OpenID Connect against a real provider (oidc-provider) started here.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/db.ts";
import { type App, buildApp } from "../../app.ts";
import type { Database } from "../../db/client.ts";

const PUBLIC_URL = "http://localhost:39990";
let server: Server;
let issuer: string;
let app: App;
let database: Database;

/** A minimal cookie jar for walking the provider's pages with fetch. */
class Browser {
  cookies = new Map<string, string>();
  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, v] = pair!.split("=");
      this.cookies.set(k!, v ?? "");
    }
    return res;
  }
  /** Follows redirects while they stay on the provider; returns the first URL outside it. */
  async follow(url: string): Promise<{ url: string; res?: Response }> {
    let next = url;
    for (let i = 0; i < 10; i++) {
      if (!next.startsWith(issuer)) return { url: next };
      const res = await this.go(next);
      const loc = res.headers.get("location");
      if (!loc) return { url: next, res };
      next = new URL(loc, next).href;
    }
    throw new Error("too many redirects");
  }
  async submit(page: Response, url: string, fields: Record<string, string>) {
    const html = await page.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form on ${url}: ${html.slice(0, 200)}`);
    const res = await this.go(new URL(action, url).href, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
    return this.follow(new URL(res.headers.get("location")!, url).href);
  }
}

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: "motcua",
        client_secret: "motcua-test-secret",
        redirect_uris: [`${PUBLIC_URL}/api/auth/oidc/callback`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], profile: ["name"] },
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, name: "Lê Thị Định Danh" }),
    }),
    cookies: { keys: ["test-cookie-key"] },
  });
  server.on("request", provider.callback());
  database = await openTestDatabase();
  app = await buildApp({
    database,
    config: testConfig({
      PUBLIC_URL,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: "motcua",
      OIDC_CLIENT_SECRET: "motcua-test-secret",
      OIDC_SCOPE: "openid profile",
    }),
    logger: false,
  });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  server?.close();
});

async function signInThroughProvider(accountId: string) {
  const start = await app.inject({ url: "/api/auth/oidc/login" });
  expect(start.statusCode).toBe(302);
  const flowCookie = start.cookies.find((c) => c.name === "motcua_oidc")!;
  const browser = new Browser();
  let step = await browser.follow(start.headers.location as string);
  step = await browser.submit(step.res!, step.url, { prompt: "login", login: accountId, password: "any" });
  if (step.res) step = await browser.submit(step.res, step.url, { prompt: "consent" });
  expect(step.url.startsWith(`${PUBLIC_URL}/api/auth/oidc/callback?`)).toBe(true);
  const callback = new URL(step.url);
  return app.inject({
    url: `${callback.pathname}${callback.search}`,
    headers: { cookie: `motcua_oidc=${encodeURIComponent(flowCookie.value)}` },
  });
}

describe("OpenID Connect sign-in", () => {
  it("is advertised only when configured", async () => {
    expect((await app.inject({ url: "/api/auth/oidc/config" })).json()).toEqual({ enabled: true });
  });

  it("creates a citizen on first sign-in and reuses it afterwards", async () => {
    const first = await signInThroughProvider("012345678901");
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toBe("/");
    const sid = first.cookies.find((c) => c.name === "motcua_sid")!;
    const me = await app.inject({ url: "/api/auth/me", headers: { cookie: `motcua_sid=${sid.value}` } });
    expect(me.json().user).toMatchObject({ kind: "citizen", fullName: "Lê Thị Định Danh" });
    const second = await signInThroughProvider("012345678901");
    const sid2 = second.cookies.find((c) => c.name === "motcua_sid")!;
    const me2 = await app.inject({ url: "/api/auth/me", headers: { cookie: `motcua_sid=${sid2.value}` } });
    expect(me2.json().user.id).toBe(me.json().user.id);
  });

  it("refuses a callback with a forged state", async () => {
    const start = await app.inject({ url: "/api/auth/oidc/login" });
    const flowCookie = start.cookies.find((c) => c.name === "motcua_oidc")!;
    const res = await app.inject({
      url: "/api/auth/oidc/callback?code=forged&state=forged",
      headers: { cookie: `motcua_oidc=${encodeURIComponent(flowCookie.value)}` },
    });
    expect(res.statusCode).toBe(401);
    expect(res.cookies.find((c) => c.name === "motcua_sid")).toBeUndefined();
  });
});
