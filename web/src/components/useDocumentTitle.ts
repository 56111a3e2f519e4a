import { useEffect } from "react";
import { useT } from "../i18n";

/** Sets "<page> – motcua – …" so each route is announced and distinguishable in tabs and history. */
export function useDocumentTitle(page: string | null): void {
  const t = useT();
  const appTitle = t("app.title");
  useEffect(() => {
    document.title = page ? `${page} – ${appTitle}` : appTitle;
  }, [page, appTitle]);
}
