// The signed-in staff session for the back office: loads /api/auth/me, sends the user to /login on
// any 401, and offers logout. Children render only with a session.
import { App, Button, Result } from "antd";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { ApiError, isAbort, onUnauthorized } from "../api/client";
import { auth } from "../api/endpoints";
import type { Me } from "../api/types";
import { flash } from "../components/flash";
import { PageSpin } from "../components/PageSpin";
import { ProblemAlert } from "../components/ProblemAlert";
import { problemText } from "../components/problem";
import { SkipLink } from "../components/SkipLink";
import { useI18n } from "../i18n";

type SessionState =
  | { status: "loading" }
  | { status: "signedIn"; me: Me }
  | { status: "signedOut" }
  | { status: "error"; error: unknown };

interface SessionValue {
  me: Me;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside <SessionProvider>");
  return value;
}

/** Full-page states shown before the admin layout exists still get a main landmark. */
function BareMain({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <main id="main-content" tabIndex={-1} className="portal-content">
        {children}
      </main>
    </>
  );
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    auth.me(controller.signal).then(
      (me) => setState({ status: "signedIn", me }),
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        if (error instanceof ApiError && error.status === 401) setState({ status: "signedOut" });
        else setState({ status: "error", error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  // A session that expires mid-use (any 401) ends up on the login page, then back here.
  useEffect(() => onUnauthorized(() => setState({ status: "signedOut" })), []);

  const logout = useCallback(async () => {
    try {
      await auth.logout();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) {
        message.error(problemText(error, lang, t));
        return;
      }
    }
    flash(t("admin.loggedOut"));
    navigate("/login", { replace: true });
  }, [lang, message, navigate, t]);

  const value = useMemo(
    () => (state.status === "signedIn" ? { me: state.me, logout } : null),
    [state, logout],
  );

  switch (state.status) {
    case "loading":
      return (
        <BareMain>
          <PageSpin />
        </BareMain>
      );
    case "signedOut": {
      const next = encodeURIComponent(location.pathname + location.search);
      return <Navigate to={`/login?next=${next}`} replace />;
    }
    case "error":
      return (
        <BareMain>
          <ProblemAlert error={state.error} onRetry={() => setAttempt((n) => n + 1)} />
        </BareMain>
      );
    case "signedIn":
      if (state.me.user.kind !== "staff") {
        return (
          <BareMain>
            <Result
              status="403"
              title={<h1 className="result-title">{t("errors.forbidden")}</h1>}
              subTitle={t("admin.citizenNotice")}
              extra={[
                <Link key="portal" to="/">
                  {t("admin.portal")}
                </Link>,
                <Button key="logout" data-testid="logout" onClick={logout}>
                  {t("admin.logout")}
                </Button>,
              ]}
            />
          </BareMain>
        );
      }
      return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
  }
}
