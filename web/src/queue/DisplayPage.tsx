// /man-hinh/:unitCode: the hall's display (a TV). The snapshot, then the live stream (server-sent
// events via EventSource, which reconnects by itself and resumes after the last event it saw).
// Each call shows the big number and counter and is announced in Vietnamese where the browser
// has a Vietnamese voice (speechSynthesis; browsers allow speech after one click on the page).
// Plain CSS, no antd: the page stays light for the TV's browser.
import { useCallback, useEffect, useRef, useState } from "react";
import { useParams } from "react-router";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { useI18n } from "../i18n";
import viQueue from "../locales/ticketQueue.vi.json";
import { type Display, type DisplayEvent, queueApi } from "./queueApi";
import "./display.css";

const CALL_KINDS = new Set(["called", "recalled"]);

function announce(e: DisplayEvent) {
  if (typeof window === "undefined" || !("speechSynthesis" in window) || e.deskNumber === null) return;
  const voice = window.speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith("vi"));
  if (!voice) return;
  const text = viQueue.ticketQueue.announce
    .replace("{number}", String(e.number))
    .replace("{desk}", String(e.deskNumber));
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = "vi-VN";
  window.speechSynthesis.speak(utterance);
}

export default function DisplayPage() {
  const { t } = useI18n();
  const unitCode = useParams().unitCode ?? "";
  const [display, setDisplay] = useState<Display | null>(null);
  const [calls, setCalls] = useState<DisplayEvent[]>([]);
  const [waiting, setWaiting] = useState(0);
  const [live, setLive] = useState(false);
  const [failed, setFailed] = useState(false);
  const [sound, setSound] = useState(false);
  const [shownAt, setShownAt] = useState<number | null>(null);
  const soundRef = useRef(false);
  soundRef.current = sound;
  useDocumentTitle(t("ticketQueue.display.title", { unit: display?.unit.name ?? unitCode }));

  const refresh = useCallback(async () => {
    try {
      const d = await queueApi.display(unitCode);
      setDisplay(d);
      setWaiting(d.waiting);
      return d;
    } catch {
      setFailed(true);
      return null;
    }
  }, [unitCode]);

  useEffect(() => {
    let source: EventSource | null = null;
    let cancelled = false;
    let pending: ReturnType<typeof setTimeout> | null = null;
    void refresh().then((d) => {
      if (!d || cancelled) return;
      setCalls(d.calls);
      source = new EventSource(queueApi.streamUrl(unitCode, d.lastEventId));
      source.onopen = () => setLive(true);
      source.onerror = () => setLive(false); // EventSource reconnects with Last-Event-ID
      source.addEventListener("queue", (message) => {
        const e = JSON.parse((message as MessageEvent<string>).data) as DisplayEvent;
        setWaiting(e.waiting);
        if (CALL_KINDS.has(e.kind)) {
          setCalls((prev) => [e, ...prev.filter((c) => c.id !== e.id)].slice(0, 8));
          setShownAt(Date.now());
          if (soundRef.current) announce(e);
        }
        // The desks' panel follows every move; fetched once for a burst of events.
        if (pending) clearTimeout(pending);
        pending = setTimeout(() => void refresh(), 300);
      });
    });
    return () => {
      cancelled = true;
      source?.close();
      if (pending) clearTimeout(pending);
    };
  }, [unitCode, refresh]);

  const current = calls[0];
  return (
    <main className="qd" id="main-content" data-testid="queue-display" data-live={live ? "1" : "0"}>
      <header className="qd-header">
        <h1 className="qd-title">
          {t("ticketQueue.display.title", { unit: display?.unit.name ?? unitCode })}
        </h1>
        <span className="qd-status" data-testid="queue-display-status">
          {live ? t("ticketQueue.display.live") : t("ticketQueue.display.reconnecting")}
        </span>
        <button
          type="button"
          className="qd-sound"
          data-testid="queue-display-sound"
          aria-pressed={sound}
          onClick={() => {
            setSound(true);
            if ("speechSynthesis" in window) window.speechSynthesis.getVoices();
          }}
        >
          {sound ? t("ticketQueue.display.soundOn") : t("ticketQueue.display.sound")}
        </button>
      </header>
      {failed && !display && <p className="qd-empty">{t("ticketQueue.kiosk.noQueue")}</p>}
      <section className="qd-now" aria-live="assertive" aria-atomic="true">
        {current ? (
          <p
            className="qd-now__call"
            data-testid="queue-display-current"
            data-event-id={current.id}
            data-shown-at={shownAt ?? ""}
          >
            <span className="qd-now__label">{t("ticketQueue.display.nowCalling")}</span>
            <span className="qd-now__number" data-testid="queue-display-number">
              {current.label}
            </span>
            <span className="qd-now__label">{t("ticketQueue.display.toDesk")}</span>
            <span className="qd-now__desk" data-testid="queue-display-desk">
              {current.deskNumber}
            </span>
          </p>
        ) : (
          <p className="qd-empty">{t("ticketQueue.display.none")}</p>
        )}
      </section>
      <div className="qd-panels">
        <section aria-labelledby="qd-last">
          <h2 id="qd-last">{t("ticketQueue.display.lastCalls")}</h2>
          <ol className="qd-list">
            {calls.slice(1).map((c) => (
              <li key={c.id}>
                <strong>{c.label}</strong> → {t("ticketQueue.counter.desk")} {c.deskNumber}
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="qd-desks">
          <h2 id="qd-desks">{t("ticketQueue.display.desks")}</h2>
          <ul className="qd-list">
            {(display?.desks ?? []).map((d) => (
              <li key={d.number}>
                {t("ticketQueue.counter.desk")} {d.number}:{" "}
                <strong>{d.current ?? t("ticketQueue.display.free")}</strong>
              </li>
            ))}
          </ul>
          <p className="qd-waiting" data-testid="queue-display-waiting">
            {t("ticketQueue.display.waiting", { count: waiting })}
          </p>
        </section>
      </div>
    </main>
  );
}
