// The display's live feed: every queue command calls pg_notify in its transaction, so the
// database delivers the event at commit (never for a rolled-back command) to every process
// listening — one LISTEN connection per app process, fanned out here to the open streams of
// the event's unit. PGlite delivers notifications to its own listeners the same way, so one
// code path serves both drivers and several app processes behind a load balancer.
//
// If the LISTEN connection drops (PostgreSQL restart), events could be missed while it is
// down: every open stream is ended, browsers reconnect with Last-Event-ID and resume from
// queue_events.
import pg from "pg";
import type { Database } from "../../db/client.ts";
import { QUEUE_CHANNEL } from "./queue.repository.ts";
import type { DisplayEvent } from "./queue.schemas.ts";

export type FeedSubscriber = { event: (e: DisplayEvent) => void; reset: () => void };

type Log = { warn: (obj: object, msg: string) => void };

export class QueueFeed {
  readonly #subs = new Map<string, Set<FeedSubscriber>>();
  #ready: Promise<void> | null = null;
  #stop: (() => Promise<void>) | null = null;
  #closed = false;

  constructor(
    private readonly database: Database,
    private readonly log: Log,
  ) {}

  /** Listen for a unit's events; resolves once the LISTEN is in place. Returns the unsubscribe. */
  async subscribe(unitId: string, sub: FeedSubscriber): Promise<() => void> {
    const set = this.#subs.get(unitId) ?? new Set();
    set.add(sub);
    this.#subs.set(unitId, set);
    try {
      await this.#start();
    } catch (err) {
      set.delete(sub);
      throw err;
    }
    return () => {
      set.delete(sub);
      if (set.size === 0) this.#subs.delete(unitId);
    };
  }

  /** Open streams (for tests and the health of the display). */
  get streams(): number {
    let n = 0;
    for (const set of this.#subs.values()) n += set.size;
    return n;
  }

  /** End every open stream (before the server closes: open streams would hold it open). */
  endAll(): void {
    for (const set of [...this.#subs.values()]) for (const sub of [...set]) sub.reset();
    this.#subs.clear();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.endAll();
    const stop = this.#stop;
    this.#stop = null;
    this.#ready = null;
    await stop?.().catch(() => {});
  }

  #dispatch(payload: string | undefined): void {
    if (!payload) return;
    let message: { unitId: string; event: DisplayEvent };
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    for (const sub of this.#subs.get(message.unitId) ?? []) sub.event(message.event);
  }

  #start(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error("queue feed closed"));
    this.#ready ??= this.#listen().catch((err) => {
      this.#ready = null;
      throw err;
    });
    return this.#ready;
  }

  async #listen(): Promise<void> {
    if (this.database.pglite) {
      const unlisten = await this.database.pglite.listen(QUEUE_CHANNEL, (p) => this.#dispatch(p));
      this.#stop = unlisten;
      return;
    }
    // A connection of its own (not one of the pool's): LISTEN holds it for the process's life.
    const pool = (this.database.db as unknown as { $client: pg.Pool }).$client;
    // The pool's client class: with several hosts it connects to the current primary.
    const ClientClass = (pool as unknown as { Client?: typeof pg.Client }).Client ?? pg.Client;
    const client = new ClientClass(pool.options);
    const lost = (err?: Error) => {
      if (this.#stop === stop) {
        this.#stop = null;
        this.#ready = null;
      }
      if (!this.#closed) {
        this.log.warn({ err }, "queue feed: LISTEN connection lost; open streams are ended to resume");
        this.endAll();
      }
    };
    const stop = async () => {
      client.removeAllListeners("end");
      await client.end();
    };
    client.on("notification", (m) => {
      if (m.channel === QUEUE_CHANNEL) this.#dispatch(m.payload);
    });
    client.on("error", (err) => lost(err));
    client.on("end", () => lost());
    await client.connect();
    await client.query(`LISTEN ${QUEUE_CHANNEL}`);
    this.#stop = stop;
  }
}
