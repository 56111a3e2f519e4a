// HTTP client of the national public service portal (Cổng DVCQG): an access token by the
// OAuth2 client-credentials grant (kept until shortly before it expires, fetched again after a
// 401), the message feed after a cursor, file downloads, acknowledgements, and the POSTs of the
// outbound messages with their Idempotency-Key. Plain fetch with a timeout on every call. The
// token is sent to the portal's own origin only: a file link elsewhere is refused before fetching.
import type { Config } from "../../../config.ts";

export type PortalSettings = NonNullable<Config["nationalPortal"]>;

/** A failure worth retrying later: the portal unreachable, a timeout, 408, 429 or a 5xx reply. */
export class PortalUnavailableError extends Error {
  override name = "PortalUnavailableError";
}

/** The portal answered with a 4xx (other than 408/429): sending the same again gets the same. */
export class PortalRefusedError extends Error {
  override name = "PortalRefusedError";
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`national portal refused: HTTP ${status} ${body.slice(0, 300)}`);
  }
}

export type FeedItem = { cursor: string; message: unknown };
export type FeedPage = { items: FeedItem[]; nextCursor: string | null };

export type NationalPortalClient = {
  readonly origin: string;
  fetchMessages(after: string | null, limit: number): Promise<FeedPage>;
  /** The bytes of a file the portal holds; refuses links outside the portal's origin. */
  download(url: string, maxBytes: number): Promise<Buffer>;
  ack(messageId: string, body: unknown): Promise<void>;
  /** POST a JSON message with an Idempotency-Key; returns the portal's JSON reply. */
  post(path: string, body: unknown, idempotencyKey: string): Promise<unknown>;
};

const transient = (status: number) => status === 408 || status === 429 || status >= 500;

/** Is the link on the portal's origin? (Links elsewhere would leak the token and invite SSRF.) */
export function onPortalOrigin(origin: string, url: string): boolean {
  try {
    return new URL(url, origin).origin === origin;
  } catch {
    return false;
  }
}

export function createNationalPortalClient(
  settings: PortalSettings,
  fetchImpl: typeof fetch = fetch,
): NationalPortalClient {
  const origin = new URL(settings.url).origin;
  const base = settings.url;
  let token: { value: string; until: number } | undefined;

  async function request(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetchImpl(url, { ...init, signal: AbortSignal.timeout(settings.timeoutMs) });
    } catch (err) {
      // Connection refused or reset, DNS, timeout: the portal is not there right now.
      const e = err as Error & { cause?: { code?: string } };
      throw new PortalUnavailableError(
        `${e.name}: ${e.message}${e.cause?.code ? ` (${e.cause.code})` : ""}`,
        {
          cause: err,
        },
      );
    }
  }

  async function accessToken(): Promise<string> {
    if (token && token.until > Date.now()) return token.value;
    const res = await request(`${base}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
      }).toString(),
    });
    const text = await res.text();
    // A refused token is a configuration problem, not the message's: retried like an outage.
    if (!res.ok) throw new PortalUnavailableError(`token endpoint: HTTP ${res.status} ${text.slice(0, 200)}`);
    const body = JSON.parse(text) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new PortalUnavailableError("token endpoint: no access_token in the reply");
    const ttlMs = Math.max(0, (body.expires_in ?? 300) - 30) * 1000;
    token = { value: body.access_token, until: Date.now() + ttlMs };
    return token.value;
  }

  /** A call with the bearer token; a 401 drops the token and tries once more with a new one. */
  async function authorized(url: string, init: RequestInit): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const bearer = await accessToken();
      const res = await request(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${bearer}` },
      });
      if (res.status === 401 && attempt === 0) {
        token = undefined;
        await res.body?.cancel();
        continue;
      }
      return res;
    }
  }

  async function checked(res: Response): Promise<Response> {
    if (res.ok) return res;
    const text = await res.text().catch(() => "");
    if (transient(res.status) || res.status === 401)
      throw new PortalUnavailableError(`HTTP ${res.status} ${text.slice(0, 200)}`);
    throw new PortalRefusedError(res.status, text);
  }

  return {
    origin,
    async fetchMessages(after, limit) {
      const q = new URLSearchParams({ limit: String(limit) });
      if (after) q.set("after", after);
      const res = await checked(await authorized(`${base}/api/v1/messages?${q}`, { method: "GET" }));
      const body = (await res.json()) as { items?: FeedItem[]; nextCursor?: string | null };
      if (!Array.isArray(body.items)) throw new PortalUnavailableError("message feed: no items array");
      return { items: body.items, nextCursor: body.nextCursor ?? null };
    },
    async download(url, maxBytes) {
      if (!onPortalOrigin(origin, url)) throw new PortalRefusedError(400, "file link outside the portal");
      const res = await checked(await authorized(new URL(url, origin).toString(), { method: "GET" }));
      // Read at most maxBytes + 1: enough to tell a file too large without holding all of it.
      const reader = res.body?.getReader();
      const chunks: Buffer[] = [];
      let size = 0;
      while (reader) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        chunks.push(Buffer.from(value));
        if (size > maxBytes) {
          await reader.cancel();
          break;
        }
      }
      return Buffer.concat(chunks);
    },
    async ack(messageId, body) {
      const res = await authorized(`${base}/api/v1/messages/${encodeURIComponent(messageId)}/ack`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      await checked(res);
      await res.body?.cancel();
    },
    async post(path, body, idempotencyKey) {
      const res = await checked(
        await authorized(`${base}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", "idempotency-key": idempotencyKey },
          body: JSON.stringify(body),
        }),
      );
      const text = await res.text();
      return text ? JSON.parse(text) : null;
    },
  };
}
