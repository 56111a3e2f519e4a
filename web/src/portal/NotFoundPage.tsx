import { Link } from "react-router";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { useT } from "../i18n";

/** Also used inside the back office for unknown /admin paths. */
export function NotFoundPage({ homePath = "/" }: { homePath?: string }) {
  const t = useT();
  useDocumentTitle(t("notFound.title"));
  return (
    <div className="not-found" data-testid="not-found">
      <p className="not-found__code" aria-hidden>
        404
      </p>
      <h1 className="page-title">{t("notFound.title")}</h1>
      <p>{t("notFound.text")}</p>
      <Link to={homePath}>{t("notFound.back")}</Link>
    </div>
  );
}
