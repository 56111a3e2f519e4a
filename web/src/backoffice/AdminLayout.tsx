// Back-office shell: side menu (by abilities), header with the user's menu (change password),
// language and logout.
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  CloseOutlined,
  CommentOutlined,
  DashboardOutlined,
  DownOutlined,
  FieldTimeOutlined,
  FileAddOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  FormOutlined,
  FundOutlined,
  IdcardOutlined,
  ImportOutlined,
  KeyOutlined,
  LikeOutlined,
  LogoutOutlined,
  MailOutlined,
  MenuOutlined,
  NodeIndexOutlined,
  NumberOutlined,
  OrderedListOutlined,
  PhoneOutlined,
  ProfileOutlined,
  RiseOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
  WalletOutlined,
} from "@ant-design/icons";
import { Button, Dropdown, Layout, Menu, type MenuProps } from "antd";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { SkipLink } from "../components/SkipLink";
import { useFocusMainOnNavigate } from "../components/useFocusMainOnNavigate";
import { useT } from "../i18n";
import { useSession } from "./session";

function menuKey(pathname: string): string {
  if (pathname.startsWith("/admin/org")) return "org";
  if (pathname.startsWith("/admin/audit")) return "audit";
  if (pathname.startsWith("/admin/catalog")) return "catalog";
  if (pathname.startsWith("/admin/calendar")) return "calendar";
  if (pathname.startsWith("/admin/processes")) return "processes";
  if (pathname.startsWith("/admin/unit-procedures")) return "unitProcedures";
  if (pathname.startsWith("/admin/tiep-nhan")) return "desk";
  if (pathname.startsWith("/admin/ho-so")) return "dossiers";
  if (pathname.startsWith("/admin/bang-dieu-khien")) return "dashboard";
  if (pathname.startsWith("/admin/bao-cao-can-bo")) return "workload";
  if (pathname.startsWith("/admin/chi-so-766")) return "serviceIndex";
  if (pathname.startsWith("/admin/bao-cao-giai-quyet")) return "resolutionReport";
  if (pathname.startsWith("/admin/cai-cach-hanh-chinh/bo-tieu-chi")) return "parSets";
  if (pathname.startsWith("/admin/cai-cach-hanh-chinh/xep-hang")) return "parRanking";
  if (pathname.startsWith("/admin/cai-cach-hanh-chinh")) return "par";
  if (pathname.startsWith("/admin/bieu-mau")) return "eforms";
  if (pathname.startsWith("/admin/nop-ho-tro")) return "assisted";
  if (pathname.startsWith("/admin/nhap-ho-so")) return "imports";
  if (pathname.startsWith("/admin/quay/cau-hinh")) return "queueSettings";
  if (pathname.startsWith("/admin/lich-hen")) return "appointments";
  if (pathname.startsWith("/admin/phan-anh")) return "feedback";
  if (pathname.startsWith("/admin/don-thu")) return "petitions";
  if (pathname.startsWith("/admin/thanh-toan")) return "payments";
  if (pathname.startsWith("/admin/quay")) return "queue";
  if (pathname.startsWith("/admin/lien-he")) return "contacts";
  if (pathname.startsWith("/admin/danh-gia-tai-quay")) return "deskRating";
  if (pathname.startsWith("/admin/can-bo")) return "staff";
  return "overview";
}

export function AdminLayout({ children }: { children: ReactNode }) {
  const t = useT();
  useFocusMainOnNavigate();
  const { me, logout } = useSession();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  // A narrow screen (below antd's md, 768 px): the menu opens on demand and closes on navigation.
  const [narrow, setNarrow] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const closeMenu = () => {
    setMenuOpen(false);
    toggleRef.current?.focus();
  };
  // Following a link of the open menu closes it.
  useEffect(() => setMenuOpen(false), [pathname]);

  const items: MenuProps["items"] = [
    {
      key: "overview",
      icon: <DashboardOutlined aria-hidden />,
      label: <Link to="/admin">{t("admin.overview")}</Link>,
    },
    ...(me.abilities.canReceiveDossiers
      ? [
          {
            key: "desk",
            icon: <FileAddOutlined aria-hidden />,
            label: <Link to="/admin/tiep-nhan">{t("admin.desk")}</Link>,
          },
        ]
      : []),
    ...(me.abilities.canReceiveDossiers
      ? [
          {
            key: "assisted",
            icon: <SolutionOutlined aria-hidden />,
            label: <Link to="/admin/nop-ho-tro">{t("eform.assisted.menu")}</Link>,
          },
        ]
      : []),
    // Appointments: the desk's receptionists and administrators (appointment.manage).
    ...(me.roles.some((r) => ["receptionist", "unit_admin", "system_admin"].includes(r.role))
      ? [
          {
            key: "appointments",
            icon: <CalendarOutlined aria-hidden />,
            label: <Link to="/admin/lich-hen">{t("appointments.menu")}</Link>,
          },
        ]
      : []),
    // Feedback (feedback.handle): the unit's receptionists, specialists, leader and administrators.
    ...(me.roles.some((r) =>
      ["receptionist", "specialist", "leader", "unit_admin", "system_admin"].includes(r.role),
    )
      ? [
          {
            key: "feedback",
            icon: <CommentOutlined aria-hidden />,
            label: <Link to="/admin/phan-anh">{t("feedback.menu")}</Link>,
          },
        ]
      : []),
    // Queue tickets: receptionists serve at a counter (queue.serve).
    ...(me.roles.some((r) => r.role === "receptionist")
      ? [
          {
            key: "queue",
            icon: <NumberOutlined aria-hidden />,
            label: <Link to="/admin/quay">{t("ticketQueue.menu")}</Link>,
          },
        ]
      : []),
    // The desk's tablet: the applicant rates a returned dossier (receptionists).
    ...(me.roles.some((r) => r.role === "receptionist")
      ? [
          {
            key: "deskRating",
            icon: <LikeOutlined aria-hidden />,
            label: <Link to="/admin/danh-gia-tai-quay">{t("ratings.desk.menu")}</Link>,
          },
        ]
      : []),
    // Desks (queue.manage) and waiting times (report.read).
    ...(me.roles.some((r) => ["unit_admin", "leader", "supervisor", "system_admin"].includes(r.role))
      ? [
          {
            key: "queueSettings",
            icon: <FieldTimeOutlined aria-hidden />,
            label: <Link to="/admin/quay/cau-hinh">{t("ticketQueue.settingsMenu")}</Link>,
          },
        ]
      : []),
    // Petitions: the unit's staff (petition.read; a confidential identity stays with the handler and leaders).
    ...(me.roles.some((r) =>
      ["receptionist", "specialist", "leader", "clerk", "unit_admin", "supervisor"].includes(r.role),
    )
      ? [
          {
            key: "petitions",
            icon: <MailOutlined aria-hidden />,
            label: <Link to="/admin/don-thu">{t("petitions.menu")}</Link>,
          },
        ]
      : []),
    // Online payments: the unit's desk, leaders (refunds) and supervisors (payment.read).
    ...(me.roles.some((r) => ["receptionist", "leader", "supervisor"].includes(r.role))
      ? [
          {
            key: "payments",
            icon: <WalletOutlined aria-hidden />,
            label: <Link to="/admin/thanh-toan">{t("payments.menu")}</Link>,
          },
        ]
      : []),
    ...(me.abilities.canReadDossiers
      ? [
          {
            key: "dossiers",
            icon: <FolderOpenOutlined aria-hidden />,
            label: <Link to="/admin/ho-so">{t("admin.dossiers")}</Link>,
          },
        ]
      : []),
    // Reports: leaders, supervisors and system administrators (the server's report.read).
    ...(me.roles.some((r) => ["leader", "supervisor", "system_admin"].includes(r.role))
      ? [
          {
            key: "dashboard",
            icon: <BarChartOutlined aria-hidden />,
            label: <Link to="/admin/bang-dieu-khien">{t("dashboard.menu")}</Link>,
          },
          {
            key: "resolutionReport",
            icon: <FileTextOutlined aria-hidden />,
            label: <Link to="/admin/bao-cao-giai-quyet">{t("reports.menu")}</Link>,
          },
          {
            key: "workload",
            icon: <TeamOutlined aria-hidden />,
            label: <Link to="/admin/bao-cao-can-bo">{t("dashboard.workload.menu")}</Link>,
          },
          {
            key: "serviceIndex",
            icon: <TrophyOutlined aria-hidden />,
            label: <Link to="/admin/chi-so-766">{t("serviceIndex.menu")}</Link>,
          },
        ]
      : []),
    // PAR index: units' administrators and leaders (par.assess), supervisors and system
    // administrators (par.appraise, report.read); criteria sets: system administrators (par.manage).
    ...(me.roles.some((r) => ["unit_admin", "leader", "supervisor", "system_admin"].includes(r.role))
      ? [
          {
            key: "par",
            icon: <FundOutlined aria-hidden />,
            label: <Link to="/admin/cai-cach-hanh-chinh">{t("par.menu.assessments")}</Link>,
          },
          {
            key: "parRanking",
            icon: <RiseOutlined aria-hidden />,
            label: <Link to="/admin/cai-cach-hanh-chinh/xep-hang">{t("par.menu.ranking")}</Link>,
          },
        ]
      : []),
    ...(me.roles.some((r) => r.role === "system_admin")
      ? [
          {
            key: "parSets",
            icon: <OrderedListOutlined aria-hidden />,
            label: <Link to="/admin/cai-cach-hanh-chinh/bo-tieu-chi">{t("par.menu.sets")}</Link>,
          },
        ]
      : []),
    // Officials' accounts and roles (org.staff.manage): unit and system administrators.
    ...(me.roles.some((r) => r.role === "unit_admin" || r.role === "system_admin")
      ? [
          {
            key: "staff",
            icon: <IdcardOutlined aria-hidden />,
            label: <Link to="/admin/can-bo">{t("accounts.staff.menu")}</Link>,
          },
        ]
      : []),
    {
      key: "org",
      icon: <ApartmentOutlined aria-hidden />,
      label: <Link to="/admin/org">{t("admin.organisation")}</Link>,
    },
    {
      key: "contacts",
      icon: <PhoneOutlined aria-hidden />,
      label: <Link to="/admin/lien-he">{t("contacts.menu")}</Link>,
    },
    {
      key: "calendar",
      icon: <CalendarOutlined aria-hidden />,
      label: <Link to="/admin/calendar">{t("admin.calendar")}</Link>,
    },
    {
      key: "processes",
      icon: <NodeIndexOutlined aria-hidden />,
      label: <Link to="/admin/processes">{t("admin.processes")}</Link>,
    },
    {
      key: "unitProcedures",
      icon: <ProfileOutlined aria-hidden />,
      label: <Link to="/admin/unit-procedures">{t("admin.unitProcedures")}</Link>,
    },
    ...(me.roles.some((role) => role.role === "unit_admin" || role.role === "system_admin")
      ? [
          {
            key: "eforms",
            icon: <FormOutlined aria-hidden />,
            label: <Link to="/admin/bieu-mau">{t("eform.builder.heading")}</Link>,
          },
        ]
      : []),
    ...(me.abilities.canPublishCatalog
      ? [
          {
            key: "catalog",
            icon: <BookOutlined aria-hidden />,
            label: <Link to="/admin/catalog">{t("admin.catalog")}</Link>,
          },
        ]
      : []),
    // Historical import: system administrators (the server's history.import).
    ...(me.roles.some((r) => r.role === "system_admin")
      ? [
          {
            key: "imports",
            icon: <ImportOutlined aria-hidden />,
            label: <Link to="/admin/nhap-ho-so">{t("imports.menu")}</Link>,
          },
        ]
      : []),
    ...(me.abilities.canReadAudit
      ? [
          {
            key: "audit",
            icon: <AuditOutlined aria-hidden />,
            label: <Link to="/admin/audit">{t("admin.audit")}</Link>,
          },
        ]
      : []),
  ];

  return (
    <Layout className="admin">
      <SkipLink />
      {/* Below 768 px the menu folds away behind the header's menu button, over the page when open. */}
      <Layout.Sider
        id="admin-menu"
        width={232}
        theme="light"
        className="admin-sider"
        breakpoint="md"
        collapsedWidth={0}
        collapsed={narrow && !menuOpen}
        onBreakpoint={(below) => {
          setNarrow(below);
          setMenuOpen(false);
        }}
        trigger={null}
        onKeyDown={(event) => {
          if (narrow && event.key === "Escape") closeMenu();
        }}
      >
        {(!narrow || menuOpen) && (
          <>
            {narrow && (
              <Button
                type="text"
                className="admin-sider__close"
                icon={<CloseOutlined aria-hidden />}
                aria-label={t("admin.closeNav")}
                title={t("admin.closeNav")}
                onClick={closeMenu}
                autoFocus
                data-testid="admin-menu-close"
              />
            )}
            <Link to="/" className="admin-sider-brand" aria-label={t("app.homeLink")}>
              {t("app.name")}
            </Link>
            <nav aria-label={t("admin.nav")}>
              <Menu mode="inline" selectedKeys={[menuKey(pathname)]} items={items} />
            </nav>
          </>
        )}
      </Layout.Sider>
      <Layout>
        <Layout.Header className="admin-header">
          {narrow && (
            <Button
              ref={toggleRef}
              className="admin-header__menu"
              icon={<MenuOutlined aria-hidden />}
              aria-expanded={menuOpen}
              aria-controls="admin-menu"
              onClick={() => setMenuOpen((open) => !open)}
              data-testid="admin-menu-toggle"
            >
              {t("admin.nav")}
            </Button>
          )}
          <Dropdown
            trigger={["click"]}
            autoFocus
            menu={{
              items: [
                {
                  key: "password",
                  icon: <KeyOutlined aria-hidden />,
                  label: <span data-testid="user-menu-password">{t("accounts.changePassword.menu")}</span>,
                },
              ],
              onClick: ({ key }) => {
                if (key === "password") navigate("/admin/doi-mat-khau");
              },
            }}
          >
            <Button type="text" className="admin-header__user" data-testid="user-menu">
              <UserOutlined aria-hidden /> <span data-testid="user-menu-name">{me.user.fullName}</span>{" "}
              <DownOutlined aria-hidden />
            </Button>
          </Dropdown>
          <LanguageSwitch />
          <Button data-testid="logout" icon={<LogoutOutlined aria-hidden />} onClick={logout}>
            {t("admin.logout")}
          </Button>
        </Layout.Header>
        <Layout.Content id="main-content" tabIndex={-1} className="admin-content">
          {children}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
