import { GlobalOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useI18n } from "../i18n";

/** Labelled in the target language, and marked with that language for screen readers. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { lang, setLang, t } = useI18n();
  const target = lang === "vi" ? "en" : "vi";
  return (
    <Button
      data-testid="lang-switch"
      className={className}
      icon={<GlobalOutlined aria-hidden />}
      onClick={() => setLang(target)}
    >
      <span lang={t("lang.switchToCode")}>{t("lang.switchTo")}</span>
    </Button>
  );
}
