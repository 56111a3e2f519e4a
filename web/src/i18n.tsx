// UI language: Vietnamese by default, English on request. Owns the message catalogs, the typed
// `t(key, params)` and the <html lang> attribute; the choice persists in localStorage.
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
} from "react";
import vi from "./locales/catalog.vi";

export type Lang = "vi" | "en";
export const LANGS: readonly Lang[] = ["vi", "en"];

export type Messages = typeof vi;

type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
export type MessageParams = Record<string, string | number>;
export type TFunction = (key: MessageKey, params?: MessageParams) => string;

// Vietnamese is in the first load; English is fetched when it is first needed (about half the
// messages' bytes, and its parsing, off the first load of every page). Messages are looked up in the
// nested catalog and remembered per key: no up-front flattening of thousands of entries.
const catalogs: Partial<Record<Lang, Messages>> = { vi };
const found: Record<Lang, Map<string, string>> = { vi: new Map(), en: new Map() };

export function isLangLoaded(lang: Lang): boolean {
  return catalogs[lang] !== undefined;
}

/** Loads a language's messages (once); resolves when `translate(lang, …)` can use them. */
export async function loadLang(lang: Lang): Promise<void> {
  if (lang === "en") catalogs.en ??= (await import("./locales/catalog.en")).default;
}

function lookup(lang: Lang, key: string): string | undefined {
  const cache = found[lang];
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let node: unknown = catalogs[lang];
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node !== "string") return undefined;
  cache.set(key, node);
  return node;
}

function interpolate(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A message in `lang`; Vietnamese while `lang` is not loaded yet or lacks the key; else the key. */
export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const template = lookup(lang, key) ?? lookup("vi", key) ?? key;
  return params ? interpolate(template, params) : template;
}

const STORAGE_KEY = "motcua.lang";

function isLang(value: unknown): value is Lang {
  return value === "vi" || value === "en";
}

export function storedLang(): Lang {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    if (isLang(value)) return value;
  } catch {
    // Storage may be disabled (private mode, policy); fall back to the default.
  }
  return "vi";
}

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: TFunction;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  // The stored language if its messages are here (main.tsx loads them before the first render);
  // otherwise Vietnamese until they arrive.
  const [lang, setLangState] = useState<Lang>(() => {
    const stored = storedLang();
    return isLangLoaded(stored) ? stored : "vi";
  });

  useEffect(() => {
    const stored = storedLang();
    if (isLangLoaded(stored)) return;
    let live = true;
    loadLang(stored).then(
      () => live && setLangState(stored),
      () => undefined, // Offline or a failed chunk: the page stays in Vietnamese.
    );
    return () => {
      live = false;
    };
  }, []);

  useLayoutEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this page view.
    }
    // Switch once the messages are here, so no page shows half of each language.
    loadLang(next).then(
      () => setLangState(next),
      () => undefined,
    );
  }, []);

  const value = useMemo<I18nValue>(
    () => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}

export function useT(): TFunction {
  return useI18n().t;
}

/** Formats a calendar date ("YYYY-MM-DD") without shifting it through the local time zone. */
export function formatDate(date: string | null | undefined, lang: Lang): string {
  if (!date) return "";
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return new Intl.DateTimeFormat(lang === "vi" ? "vi-VN" : "en-GB", {
    dateStyle: "medium",
    timeZone: "UTC",
  }).format(parsed);
}

export function formatDateTime(instant: string, lang: Lang): string {
  const parsed = new Date(instant);
  if (Number.isNaN(parsed.getTime())) return instant;
  return new Intl.DateTimeFormat(lang === "vi" ? "vi-VN" : "en-GB", {
    dateStyle: "short",
    timeStyle: "medium",
  }).format(parsed);
}
