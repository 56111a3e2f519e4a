// A local stand-in for the national public service portal, for tests and demonstrations: a
// real HTTP server (Fastify on 127.0.0.1, a free port) with the endpoints motcua calls —
// token (client credentials), message feed after a cursor, file download, acknowledgement, and
// the status / result / rating endpoints, which deduplicate by Idempotency-Key and apply a status
// only when its seq is above the last one applied for the dossier. It counts every request it
// receives, can be switched down (503 replies, or the port closed: connection refused) and up
// again, and lets a test publish dossiers, valid or malformed.
import { createHash, randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import type { Config } from "../../../config.ts";

export type SimulatorOptions = { clientId?: string; clientSecret?: string; tokenTtlSeconds?: number };

export type SimFile = {
  name: string;
  bytes: Buffer;
  contentType?: string;
  /** Declare another size or hash than the real one (a damaged or forged message). */
  declaredSize?: number;
  declaredSha256?: string;
};

export type SimDossier = {
  nationalCode: string;
  procedureCode: string;
  unitCode: string;
  applicant: { name: string; email?: string; phone?: string; idNumber?: string };
  channel?: "toan_trinh" | "mot_phan";
  resultDelivery?: "truc_tiep" | "buu_chinh" | "truc_tuyen";
  files?: SimFile[];
};

export type Received = {
  method: string;
  path: string;
  idempotencyKey: string | null;
  body: unknown;
  /** What the simulator did with it: applied, duplicate (same key), stale (seq not above the last), refused… */
  outcome: string;
};

export type PortalSimulator = {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Every request received, in order (none while the port is closed). */
  requests: Received[];
  /** Acknowledgements received, by message id (every one, repeats included). */
  acks: Map<string, unknown[]>;
  /** Status messages applied per national code, in the order applied. */
  statuses: Map<string, { seq: number; TrangThaiHoSo: number; state: string }[]>;
  /** Results and ratings applied per national code. */
  results: Map<string, unknown[]>;
  ratings: Map<string, unknown[]>;
  /** How many times each Idempotency-Key was received (applied once whatever the count). */
  keys: Map<string, number>;
  /** Builds the message of a dossier (its files held for download) without publishing it. */
  buildDossier(d: SimDossier, messageId?: string): Record<string, unknown>;
  /** Publishes a dossier built from `d`; returns its message (for replays). */
  publishDossier(d: SimDossier, messageId?: string): Record<string, unknown>;
  /** Publishes any feed item as it is (a malformed message, a replay). */
  publish(message: unknown): void;
  /** Makes the outbound endpoints refuse a national code with this HTTP status. */
  refuseDossier(nationalCode: string, status: number): void;
  /** 503 for every request, or the port closed (connection refused). */
  down(mode: "503" | "refuse"): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
};

/** The app's national-portal settings pointing at a simulator; no polling (the tests pull by hand). */
export const simulatorSettings = (sim: PortalSimulator): NonNullable<Config["nationalPortal"]> => ({
  url: sim.url,
  clientId: sim.clientId,
  clientSecret: sim.clientSecret,
  pollMs: 0,
  timeoutMs: 2_000,
});

export async function startPortalSimulator(opts: SimulatorOptions = {}): Promise<PortalSimulator> {
  const clientId = opts.clientId ?? "motcua-test";
  const clientSecret = opts.clientSecret ?? "s3cret-for-tests";
  const tokens = new Set<string>();
  const feed: { cursor: number; message: unknown }[] = [];
  const files = new Map<string, Buffer>();
  const refused = new Map<string, number>();
  const replies = new Map<string, { status: number; body: unknown }>();
  let state: "up" | "503" | "refuse" = "up";
  let port = 0;

  const sim = {
    requests: [] as Received[],
    acks: new Map<string, unknown[]>(),
    statuses: new Map<string, { seq: number; TrangThaiHoSo: number; state: string }[]>(),
    results: new Map<string, unknown[]>(),
    ratings: new Map<string, unknown[]>(),
    keys: new Map<string, number>(),
  };
  const lastSeq = new Map<string, number>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) =>
    map.set(key, [...(map.get(key) ?? []), value]);

  const app: FastifyInstance = Fastify({
    logger: false,
    forceCloseConnections: true,
    bodyLimit: 32 * 1024 * 1024,
  });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.addHook("onRequest", async (request, reply) => {
    const entry: Received = {
      method: request.method,
      path: request.url.split("?")[0]!,
      idempotencyKey: (request.headers["idempotency-key"] as string | undefined) ?? null,
      body: null,
      outcome: "received",
    };
    sim.requests.push(entry);
    (request as unknown as { entry: Received }).entry = entry;
    if (state === "503") {
      entry.outcome = "unavailable";
      return reply.code(503).send({ error: "maintenance" });
    }
    if (request.url.startsWith("/api/")) {
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
      if (!bearer || !tokens.has(bearer)) {
        entry.outcome = "unauthorized";
        return reply.code(401).send({ error: "invalid_token" });
      }
    }
  });
  const entryOf = (request: unknown) => (request as { entry: Received }).entry;

  app.post("/oauth/token", async (request, reply) => {
    const b = (request.body ?? {}) as Record<string, string>;
    if (b.grant_type !== "client_credentials" || b.client_id !== clientId || b.client_secret !== clientSecret)
      return reply.code(401).send({ error: "invalid_client" });
    const token = randomUUID();
    tokens.add(token);
    return { access_token: token, token_type: "Bearer", expires_in: opts.tokenTtlSeconds ?? 3600 };
  });

  app.get("/api/v1/messages", async (request) => {
    const q = request.query as { after?: string; limit?: string };
    const after = q.after ? Number(q.after) : 0;
    const limit = Math.min(100, Number(q.limit ?? 20));
    const items = feed
      .filter((m) => m.cursor > after)
      .slice(0, limit)
      .map((m) => ({ cursor: String(m.cursor), message: m.message }));
    return { items, nextCursor: items.at(-1)?.cursor ?? q.after ?? null };
  });

  app.get("/api/v1/files/:id", async (request, reply) => {
    const bytes = files.get((request.params as { id: string }).id);
    if (!bytes) return reply.code(404).send({ error: "no such file" });
    return reply.type("application/octet-stream").send(bytes);
  });

  app.post("/api/v1/messages/:id/ack", async (request) => {
    push(sim.acks, (request.params as { id: string }).id, request.body);
    entryOf(request).body = request.body;
    return { ok: true };
  });

  /** Idempotency-Key: the first reply is kept and replayed for every repeat of the key. */
  function outbound(
    path: string,
    apply: (body: Record<string, unknown>) => { status: number; body: unknown },
  ) {
    app.post(path, async (request, reply) => {
      const entry = entryOf(request);
      entry.body = request.body;
      const key = entry.idempotencyKey;
      if (!key) {
        entry.outcome = "no_key";
        return reply.code(400).send({ error: "Idempotency-Key required" });
      }
      sim.keys.set(key, (sim.keys.get(key) ?? 0) + 1);
      const earlier = replies.get(key);
      if (earlier) {
        entry.outcome = "duplicate";
        return reply.code(earlier.status).send(earlier.body);
      }
      const body = (request.body ?? {}) as Record<string, unknown>;
      const code = typeof body.MaHoSo === "string" ? body.MaHoSo : "";
      const refusal = refused.get(code);
      const result = refusal
        ? { status: refusal, body: { error: "refused" } }
        : !code
          ? { status: 422, body: { error: "MaHoSo required" } }
          : apply(body);
      entry.outcome =
        (result.body as { outcome?: string }).outcome ?? (result.status < 300 ? "applied" : "refused");
      replies.set(key, result);
      return reply.code(result.status).send(result.body);
    });
  }

  outbound("/api/v1/dossiers/status", (b) => {
    const code = b.MaHoSo as string;
    const seq = b.seq;
    if (!Number.isInteger(seq) || typeof b.TrangThaiHoSo !== "number")
      return { status: 422, body: { error: "seq and TrangThaiHoSo required" } };
    if ((seq as number) <= (lastSeq.get(code) ?? 0))
      return { status: 200, body: { outcome: "stale", receiptId: `st-${code}-${seq}` } };
    lastSeq.set(code, seq as number);
    push(sim.statuses, code, { seq: seq as number, TrangThaiHoSo: b.TrangThaiHoSo, state: String(b.state) });
    return { status: 200, body: { outcome: "applied", receiptId: `st-${code}-${seq}` } };
  });
  outbound("/api/v1/dossiers/result", (b) => {
    push(sim.results, b.MaHoSo as string, b);
    return { status: 200, body: { outcome: "applied", receiptId: randomUUID() } };
  });
  outbound("/api/v1/dossiers/rating", (b) => {
    push(sim.ratings, b.MaHoSo as string, b);
    return { status: 200, body: { outcome: "applied", receiptId: randomUUID() } };
  });

  await app.listen({ host: "127.0.0.1", port: 0 });
  port = (app.server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      app.server.once("error", reject);
      app.server.listen(port, "127.0.0.1", () => {
        app.server.off("error", reject);
        resolve();
      });
    });
  const unlisten = () =>
    new Promise<void>((resolve) => {
      app.server.close(() => resolve());
      app.server.closeAllConnections();
    });

  const publish = (message: unknown) => {
    feed.push({ cursor: feed.length + 1, message: structuredClone(message) });
  };

  function buildDossier(d: SimDossier, messageId: string = randomUUID()): Record<string, unknown> {
    const attachments = (d.files ?? []).map((f) => {
      const id = randomUUID();
      files.set(id, f.bytes);
      return {
        TepDinhKemId: id,
        TenTepDinhKem: f.name,
        DuongDanTaiTepTin: `${url}/api/v1/files/${id}`,
        KichThuoc: f.declaredSize ?? f.bytes.length,
        MaHash: f.declaredSha256 ?? createHash("sha256").update(f.bytes).digest("hex"),
        ...(f.contentType ? { LoaiTep: f.contentType } : {}),
      };
    });
    return {
      messageId,
      kind: "dossier",
      sentAt: new Date().toISOString(),
      data: {
        MaHoSo: d.nationalCode,
        MaTTHC: d.procedureCode,
        MaDonVi: d.unitCode,
        HinhThucNop: d.channel ?? "toan_trinh",
        ChuHoSo: d.applicant.name,
        LoaiDoiTuong: 1,
        ...(d.applicant.idNumber ? { MaDoiTuong: d.applicant.idNumber } : {}),
        ...(d.applicant.email ? { Email: d.applicant.email } : {}),
        ...(d.applicant.phone ? { SoDienThoai: d.applicant.phone } : {}),
        HinhThucNhanKetQua: d.resultDelivery ?? "truc_tuyen",
        TaiLieuNop: attachments,
      },
    };
  }

  return {
    url,
    clientId,
    clientSecret,
    ...sim,
    publish,
    buildDossier,
    publishDossier(d, messageId) {
      const message = buildDossier(d, messageId);
      publish(message);
      return message;
    },
    refuseDossier(nationalCode, status) {
      refused.set(nationalCode, status);
    },
    async down(mode) {
      if (mode === "refuse" && state !== "refuse") await unlisten();
      state = mode;
    },
    async up() {
      if (state === "refuse") await listen();
      state = "up";
    },
    async close() {
      if (state === "refuse") return;
      await app.close();
    },
  };
}
