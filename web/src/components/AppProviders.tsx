import { App as AntApp, ConfigProvider, type ThemeConfig } from "antd";
import enUS from "antd/es/locale/en_US";
import viVN from "antd/es/locale/vi_VN";
import { type ReactNode, useSyncExternalStore } from "react";
import { useI18n } from "../i18n";
import { theme } from "./theme";

const REDUCED_MOTION = "(prefers-reduced-motion: reduce)";
const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(REDUCED_MOTION);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
};
const prefersReducedMotion = () => window.matchMedia(REDUCED_MOTION).matches;
const stillTheme: ThemeConfig = { ...theme, token: { ...theme.token, motion: false } };

/**
 * antd follows the UI language (dates, pagination, empty states) and the accessible theme, and
 * stops its fades, slides and click waves for people who ask their system for reduced motion
 * (WCAG 2.3.3).
 */
export function AppProviders({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  const still = useSyncExternalStore(subscribe, prefersReducedMotion);
  return (
    <ConfigProvider
      locale={lang === "vi" ? viVN : enUS}
      theme={still ? stillTheme : theme}
      wave={still ? { disabled: true } : undefined}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
