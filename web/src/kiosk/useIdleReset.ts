// Calls `onIdle` after `timeoutMs` without a touch, click, key press, input or scroll (and again
// after each further idle period). The kiosk uses it to go back to its start screen.
import { useEffect, useRef } from "react";

const ACTIVITY = ["pointerdown", "keydown", "input", "wheel", "touchstart", "scroll"] as const;

export function useIdleReset(timeoutMs: number, onIdle: () => void): void {
  const latest = useRef(onIdle);
  latest.current = onIdle;
  useEffect(() => {
    let timer = 0;
    const arm = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        latest.current();
        arm();
      }, timeoutMs);
    };
    arm();
    for (const event of ACTIVITY) document.addEventListener(event, arm, { capture: true, passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const event of ACTIVITY) document.removeEventListener(event, arm, { capture: true });
    };
  }, [timeoutMs]);
}

export const DEFAULT_IDLE_SECONDS = 90;

/** The idle timeout from `?idle=<seconds>` (1–600; for tests and demos), else 90 s. */
export function idleSecondsFrom(search: string): number {
  const value = Number(new URLSearchParams(search).get("idle"));
  return Number.isInteger(value) && value >= 1 && value <= 600 ? value : DEFAULT_IDLE_SECONDS;
}
