// Public shell: skip link, header with brand and navigation, main landmark, footer.
import { Layout } from "antd";
import { Link, NavLink, Outlet } from "react-router";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { SkipLink } from "../components/SkipLink";
import { useFocusMainOnNavigate } from "../components/useFocusMainOnNavigate";
import { useT } from "../i18n";

export function PortalLayout() {
  const t = useT();
  useFocusMainOnNavigate();
  return (
    <Layout className="portal">
      <SkipLink />
      <Layout.Header className="app-header">
        <Link to="/" className="app-brand" aria-label={t("app.homeLink")}>
          <span className="app-brand__name">{t("app.name")}</span>
          <span className="app-brand__tagline">{t("app.tagline")}</span>
        </Link>
        <nav aria-label={t("nav.main")} className="app-nav">
          <NavLink to="/thu-tuc">{t("nav.procedures")}</NavLink>
          <a href="/docs">{t("nav.apiDocs")}</a>
          <NavLink to="/register">{t("nav.register")}</NavLink>
          <NavLink to="/login">{t("nav.login")}</NavLink>
          <LanguageSwitch />
        </nav>
      </Layout.Header>
      <Layout.Content id="main-content" tabIndex={-1} className="portal-content">
        <Outlet />
      </Layout.Content>
      <Layout.Footer className="portal-footer">{t("app.footer")}</Layout.Footer>
    </Layout>
  );
}
