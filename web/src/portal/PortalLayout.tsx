// Public shell: skip link, header with brand and navigation, main landmark, footer. The navigation
// follows who is signed in (a citizen gets "my dossiers", "my documents", "change password" and
// sign-out).
// Plain landmarks rather than antd's Layout: the shell is part of every page's first load.
import { Link, NavLink, Outlet, useNavigate } from "react-router";
import { auth } from "../api/endpoints";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { SkipLink } from "../components/SkipLink";
import { useFocusMainOnNavigate } from "../components/useFocusMainOnNavigate";
import { useT } from "../i18n";
import { citizenOf, PortalSessionProvider, usePortalSession } from "./portalSession";

function PortalNav() {
  const t = useT();
  const navigate = useNavigate();
  const { session, reload } = usePortalSession();
  const citizen = citizenOf(session);
  const staff = session.status === "signedIn" && session.me.user.kind === "staff";
  const logout = async () => {
    try {
      await auth.logout();
    } catch {
      // Signed out already, or the server is unreachable: the reload below shows which.
    }
    reload();
    navigate("/");
  };
  return (
    <nav aria-label={t("nav.main")} className="app-nav">
      <NavLink to="/thu-tuc">{t("nav.procedures")}</NavLink>
      <NavLink to="/tra-cuu">{t("nav.lookup")}</NavLink>
      <NavLink to="/dat-lich">{t("appointments.portalLink")}</NavLink>
      <NavLink to="/phan-anh">{t("feedback.portalLink")}</NavLink>
      <NavLink to="/xac-thuc">{t("nav.verify")}</NavLink>
      <NavLink to="/minh-bach">{t("transparency.nav")}</NavLink>
      {citizen && <NavLink to="/ho-so-cua-toi">{t("nav.myDossiers")}</NavLink>}
      {citizen && <NavLink to="/giay-to-cua-toi">{t("nav.myDocuments")}</NavLink>}
      {staff && <Link to="/admin">{t("nav.backOffice")}</Link>}
      <a href="/docs">{t("nav.apiDocs")}</a>
      {citizen && (
        <NavLink to="/doi-mat-khau" data-testid="portal-change-password">
          {t("accounts.changePassword.menu")}
        </NavLink>
      )}
      {citizen ? (
        <button type="button" className="app-nav__button" onClick={logout} data-testid="portal-logout">
          {t("nav.logout")}
        </button>
      ) : (
        <>
          <NavLink to="/register">{t("nav.register")}</NavLink>
          <NavLink to="/login">{t("nav.login")}</NavLink>
        </>
      )}
      <LanguageSwitch />
    </nav>
  );
}

export function PortalLayout() {
  const t = useT();
  useFocusMainOnNavigate();
  return (
    <PortalSessionProvider>
      <div className="portal">
        <SkipLink />
        <header className="app-header">
          {/* Named by its visible text (WCAG 2.5.3), which says where it leads. */}
          <Link to="/" className="app-brand">
            <span className="app-brand__name">{t("app.name")}</span>{" "}
            <span className="app-brand__tagline">{t("app.tagline")}</span>
          </Link>
          <PortalNav />
        </header>
        <main id="main-content" tabIndex={-1} className="portal-content">
          <Outlet />
        </main>
        <footer className="portal-footer">{t("app.footer")}</footer>
      </div>
    </PortalSessionProvider>
  );
}
