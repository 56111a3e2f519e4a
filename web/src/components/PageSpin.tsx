import { useT } from "../i18n";

/**
 * Loading placeholder of lazily loaded pages. A CSS spinner rather than antd's Spin: it is the
 * Suspense fallback of the router, so it is part of every page's first load.
 */
export function PageSpin() {
  const t = useT();
  return (
    <div className="page-spin" role="status" aria-live="polite">
      <span className="page-spin__dot" aria-hidden="true" />
      <span className="page-spin__text">{t("app.loading")}</span>
    </div>
  );
}
