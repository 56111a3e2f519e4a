import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/es/locale/en_US";
import viVN from "antd/es/locale/vi_VN";
import type { ReactNode } from "react";
import { useI18n } from "../i18n";
import { theme } from "./theme";

/** antd follows the UI language (dates, pagination, empty states) and the accessible theme. */
export function AppProviders({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === "vi" ? viVN : enUS} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
