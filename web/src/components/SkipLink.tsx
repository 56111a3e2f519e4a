import { useT } from "../i18n";

/** First focusable element of every page; jumps keyboard users past the header and menu. */
export function SkipLink({ target = "main-content" }: { target?: string }) {
  const t = useT();
  return (
    <a className="skip-link" href={`#${target}`}>
      {t("app.skipToContent")}
    </a>
  );
}
