// /kiosk: the self-service kiosk in the reception hall (no sign-in, no portal header or menu).
// Large touch targets (≥ 64 px), large type, high contrast; tiles for finding a procedure and
// looking up a dossier, plus the tiles other modules add (extensions.ts: queue tickets, issue #8).
// After 90 s without a touch (`?idle=<seconds>` to shorten) it returns to the start screen,
// forgets what was typed and switches back to Vietnamese.
import { useEffect, useRef, useState } from "react";
import { useLocation } from "react-router";
import { SkipLink } from "../components/SkipLink";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { type MessageKey, useI18n } from "../i18n";
import { KIOSK_EXTRA_TILES } from "./extensions";
import { KioskLookup } from "./KioskLookup";
import { KioskSearch } from "./KioskSearch";
import { idleSecondsFrom, useIdleReset } from "./useIdleReset";
import "./kiosk.css";

type View = "start" | "search" | "lookup" | { extra: string };

interface Tile {
  id: string;
  title: MessageKey;
  hint: MessageKey;
  view: View;
}

const TILES: Tile[] = [
  { id: "search", title: "kiosk.tiles.search", hint: "kiosk.tiles.searchHint", view: "search" },
  { id: "lookup", title: "kiosk.tiles.lookup", hint: "kiosk.tiles.lookupHint", view: "lookup" },
  ...KIOSK_EXTRA_TILES.map((tile) => ({
    id: tile.id,
    title: tile.title,
    hint: tile.hint,
    view: { extra: tile.id },
  })),
];

function viewTitle(view: View): MessageKey {
  if (view === "start") return "kiosk.heading";
  if (view === "search") return "kiosk.tiles.search";
  if (view === "lookup") return "kiosk.tiles.lookup";
  return KIOSK_EXTRA_TILES.find((tile) => tile.id === view.extra)?.title ?? "kiosk.heading";
}

export default function KioskPage() {
  const { lang, setLang, t } = useI18n();
  const idleSeconds = idleSecondsFrom(useLocation().search);
  const [view, setView] = useState<View>("start");
  // A new key on every reset remounts the views, so nothing typed survives for the next person.
  const [session, setSession] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useDocumentTitle(t("kiosk.title"));

  const home = () => {
    setView("start");
    setSession((n) => n + 1);
  };
  useIdleReset(idleSeconds * 1000, () => {
    home();
    setLang("vi");
  });

  // Each new screen is announced by moving focus to its heading (not on the first load).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [view, session]);

  const extra =
    typeof view === "object" ? KIOSK_EXTRA_TILES.find((tile) => tile.id === view.extra) : undefined;
  return (
    <div className="kiosk" data-testid="kiosk" data-view={typeof view === "string" ? view : view.extra}>
      <SkipLink />
      <header className="kiosk-header">
        <span className="kiosk-brand">{t("kiosk.brand")}</span>
        <div className="kiosk-header__actions">
          {view !== "start" && (
            <button
              type="button"
              className="kiosk-button kiosk-button--light"
              onClick={home}
              data-testid="kiosk-home"
            >
              {t("kiosk.home")}
            </button>
          )}
          <button
            type="button"
            className="kiosk-button kiosk-button--light"
            onClick={() => setLang(lang === "vi" ? "en" : "vi")}
            data-testid="kiosk-lang"
          >
            <span lang={t("lang.switchToCode")}>{t("lang.switchTo")}</span>
          </button>
        </div>
      </header>
      <main id="main-content" tabIndex={-1} className="kiosk-main" key={session}>
        <h1 className="kiosk-title" ref={heading} tabIndex={-1} data-testid="kiosk-heading">
          {t(viewTitle(view))}
        </h1>
        {view === "start" && (
          <>
            <p className="kiosk-intro">{t("kiosk.intro")}</p>
            <nav aria-label={t("kiosk.tiles.label")}>
              <ul className="kiosk-tiles">
                {TILES.map((tile) => (
                  <li key={tile.id}>
                    <button
                      type="button"
                      className="kiosk-tile"
                      data-testid={`kiosk-tile-${tile.id}`}
                      onClick={() => setView(tile.view)}
                    >
                      <span className="kiosk-tile__title">{t(tile.title)}</span>
                      <span className="kiosk-tile__hint">{t(tile.hint)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </nav>
          </>
        )}
        {view === "search" && <KioskSearch />}
        {view === "lookup" && <KioskLookup />}
        {extra?.render({ onHome: home })}
      </main>
      <footer className="kiosk-footer">{t("kiosk.idleNotice", { seconds: idleSeconds })}</footer>
    </div>
  );
}
