// Shown on citizen pages to someone not signed in as a citizen: sign in and come back here.
import { Link, useLocation } from "react-router";
import { useT } from "../../i18n";

export function SignInPrompt({ staff = false }: { staff?: boolean }) {
  const t = useT();
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);
  return (
    <div className="panel" data-testid="sign-in-prompt">
      <div className="panel__body">
        <p>{staff ? t("myDossiers.staffNotice") : t("myDossiers.signInNotice")}</p>
        {!staff && (
          <p>
            <Link to={`/login?next=${next}`}>{t("myDossiers.signInLink")}</Link>
            {" · "}
            <Link to="/register">{t("myDossiers.registerLink")}</Link>
          </p>
        )}
      </div>
    </div>
  );
}
