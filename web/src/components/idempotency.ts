// Idempotency keys for dossier commands: one random key per user action, kept while that same
// submission is retried (a double click, a retry after a network error), a new one afterwards.
import { useMemo, useRef } from "react";

/** A random UUID v4; falls back to getRandomValues where randomUUID is missing (plain http). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface IdempotencyKey {
  /** The key of the current action (created on first use). */
  current: () => string;
  /** Forget it: the next action gets a new key (after a success, or when a new form opens). */
  reset: () => void;
}

/** One key per opened form or modal; `reset()` after a success or when the form is reopened. */
export function useIdempotencyKey(): IdempotencyKey {
  const ref = useRef<string | null>(null);
  return useMemo(
    () => ({
      current: () => {
        ref.current ??= newIdempotencyKey();
        return ref.current;
      },
      reset: () => {
        ref.current = null;
      },
    }),
    [],
  );
}
