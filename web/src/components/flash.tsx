// Notices that outlive a page change ("signed in", "signed out"): a page calls flash() right before
// it navigates away, and the host at the root of the app (antd-free, so it stays mounted while
// pages and their antd providers come and go) shows it as a polite status for a few seconds.
import CheckCircleFilled from "@ant-design/icons-svg/es/asn/CheckCircleFilled";
import { useEffect, useState } from "react";
import { Icon } from "./lite/Icon";

type Flash = { id: number; text: string };
const listeners = new Set<(f: Flash) => void>();
let nextId = 1;

/** Shows a success notice on whatever page comes next. */
export function flash(text: string): void {
  const f = { id: nextId++, text };
  for (const listener of listeners) listener(f);
}

const SHOWN_MS = 4_500;

export function FlashHost() {
  const [current, setCurrent] = useState<Flash | null>(null);
  useEffect(() => {
    const listener = (f: Flash) => setCurrent(f);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  useEffect(() => {
    if (!current) return;
    const timer = window.setTimeout(() => setCurrent(null), SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [current]);
  return (
    <div className="flash-host" role="status" aria-live="polite">
      {current && (
        <div key={current.id} className="flash" data-testid="flash">
          <Icon icon={CheckCircleFilled} className="flash__icon" />
          <span>{current.text}</span>
        </div>
      )}
    </div>
  );
}
