import GlobalOutlined from "@ant-design/icons-svg/es/asn/GlobalOutlined";
import { useI18n } from "../i18n";
import { Button } from "./lite/Button";
import { Icon } from "./lite/Icon";

/** Labelled in the target language, and marked with that language for screen readers. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { lang, setLang, t } = useI18n();
  const target = lang === "vi" ? "en" : "vi";
  return (
    <Button
      data-testid="lang-switch"
      className={className}
      icon={<Icon icon={GlobalOutlined} />}
      onClick={() => setLang(target)}
    >
      <span lang={t("lang.switchToCode")}>{t("lang.switchTo")}</span>
    </Button>
  );
}
