// Who is signed in, for the public portal: loads /api/auth/me once (a 401 simply means nobody),
// reloaded after signing in, registering or signing out. Pages that need a citizen ask for it.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { ApiError, isAbort } from "../api/client";
import { auth } from "../api/endpoints";
import type { Me } from "../api/types";

type PortalSession =
  | { status: "loading" }
  | { status: "signedIn"; me: Me }
  | { status: "signedOut" }
  | { status: "error"; error: unknown };

interface PortalSessionValue {
  session: PortalSession;
  /** Load the session again (after signing in or out). */
  reload: () => void;
}

const Context = createContext<PortalSessionValue>({ session: { status: "signedOut" }, reload: () => {} });

export function PortalSessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<PortalSession>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    auth.me(controller.signal).then(
      (me) => setSession({ status: "signedIn", me }),
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        if (error instanceof ApiError && error.status === 401) setSession({ status: "signedOut" });
        else setSession({ status: "error", error });
      },
    );
    return () => controller.abort();
  }, [attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const value = useMemo(() => ({ session, reload }), [session, reload]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function usePortalSession(): PortalSessionValue {
  return useContext(Context);
}

/** The signed-in citizen, or null (nobody, or a staff account). */
export function citizenOf(session: PortalSession): Me | null {
  return session.status === "signedIn" && session.me.user.kind === "citizen" ? session.me : null;
}
