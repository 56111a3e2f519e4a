// UI language: Vietnamese by default, English on request. Owns the message catalogs, the typed
// `t(key, params)` and the <html lang> attribute; the choice persists in localStorage.
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useLayoutEffect,
  useMemo,
  useState,
} from "react";
import accountsEn from "./locales/accounts.en.json";
import accountsVi from "./locales/accounts.vi.json";
import appointmentsEn from "./locales/appointments.en.json";
import appointmentsVi from "./locales/appointments.vi.json";
import contactsEn from "./locales/contacts.en.json";
import contactsVi from "./locales/contacts.vi.json";
import dashboardEn from "./locales/dashboard.en.json";
import dashboardVi from "./locales/dashboard.vi.json";
import eformEn from "./locales/eform.en.json";
import eformVi from "./locales/eform.vi.json";
import coreEn from "./locales/en.json";
import feedbackEn from "./locales/feedback.en.json";
import feedbackVi from "./locales/feedback.vi.json";
import filingEn from "./locales/filing.en.json";
import filingVi from "./locales/filing.vi.json";
import importsEn from "./locales/imports.en.json";
import importsVi from "./locales/imports.vi.json";
import kioskEn from "./locales/kiosk.en.json";
import kioskVi from "./locales/kiosk.vi.json";
import parEn from "./locales/par.en.json";
import parVi from "./locales/par.vi.json";
import paymentsEn from "./locales/payments.en.json";
import paymentsVi from "./locales/payments.vi.json";
import petitionsEn from "./locales/petitions.en.json";
import petitionsVi from "./locales/petitions.vi.json";
import ratingsEn from "./locales/ratings.en.json";
import ratingsVi from "./locales/ratings.vi.json";
import reportsEn from "./locales/reports.en.json";
import reportsVi from "./locales/reports.vi.json";
import serviceIndexEn from "./locales/serviceIndex.en.json";
import serviceIndexVi from "./locales/serviceIndex.vi.json";
import ticketQueueEn from "./locales/ticketQueue.en.json";
import ticketQueueVi from "./locales/ticketQueue.vi.json";
import transparencyEn from "./locales/transparency.en.json";
import transparencyVi from "./locales/transparency.vi.json";
import coreVi from "./locales/vi.json";

export type Lang = "vi" | "en";
export const LANGS: readonly Lang[] = ["vi", "en"];

// The core catalog plus one file per feature area, each under its own top-level key.
const vi = {
  ...coreVi,
  ...eformVi,
  ...filingVi,
  ...dashboardVi,
  ...kioskVi,
  ...parVi,
  ...petitionsVi,
  ...ticketQueueVi,
  ...reportsVi,
  ...serviceIndexVi,
  ...importsVi,
  ...transparencyVi,
  ...appointmentsVi,
  ...feedbackVi,
  ...contactsVi,
  ...ratingsVi,
  ...paymentsVi,
  ...accountsVi,
};
const en = {
  ...coreEn,
  ...eformEn,
  ...filingEn,
  ...dashboardEn,
  ...kioskEn,
  ...parEn,
  ...petitionsEn,
  ...ticketQueueEn,
  ...reportsEn,
  ...serviceIndexEn,
  ...importsEn,
  ...transparencyEn,
  ...appointmentsEn,
  ...feedbackEn,
  ...contactsEn,
  ...ratingsEn,
  ...paymentsEn,
  ...accountsEn,
};

type Messages = typeof vi;
// Compile-time check that en.json has every key of vi.json.
const enMessages: Messages = en;

type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
export type MessageParams = Record<string, string | number>;
export type TFunction = (key: MessageKey, params?: MessageParams) => string;

function flatten(tree: object, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else if (value && typeof value === "object") flatten(value, `${prefix}${key}.`, out);
  }
  return out;
}

const catalogs: Record<Lang, Map<string, string>> = { vi: flatten(vi), en: flatten(enMessages) };

function interpolate(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const template = catalogs[lang].get(key) ?? catalogs.vi.get(key) ?? key;
  return params ? interpolate(template, params) : template;
}

const STORAGE_KEY = "motcua.lang";

function isLang(value: unknown): value is Lang {
  return value === "vi" || value === "en";
}

function storedLang(): Lang {
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
  const [lang, setLangState] = useState<Lang>(storedLang);

  useLayoutEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this page view.
    }
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
