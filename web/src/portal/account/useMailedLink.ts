// A page opened from a mailed single-use link (`#t=<token>`: set a password, confirm a contact).
// The token is read once and taken out of the address bar (and so out of history, bookmarks and
// screenshots of the URL); the server is asked what the link is for; a link it refuses (unknown,
// used, expired) is "invalid", any other failure can be retried.
import { useCallback, useEffect, useState } from "react";
import { ApiError, isAbort } from "../../api/client";
import { fieldProblems } from "../../components/problem";
import { tokenOfHash } from "./accountLink";

export type MailedLink<T> =
  | { status: "checking" }
  | { status: "invalid" }
  | { status: "error"; error: unknown }
  | { status: "ready"; link: T };

/** The server refused the link itself: a 404, or its token refused as a field. */
export function isDeadLink(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 404) return true;
  return fieldProblems(error).some((problem) => problem.field === "token");
}

export function useMailedLink<T>(inspect: (token: string) => Promise<T>) {
  const [token] = useState(() => tokenOfHash(window.location.hash));
  const [state, setState] = useState<MailedLink<T>>(token ? { status: "checking" } : { status: "invalid" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (window.location.hash)
      window.history.replaceState(
        window.history.state,
        "",
        window.location.pathname + window.location.search,
      );
  }, []);

  // Once per token and retry: `inspect` (an API call, a new closure each render) is not a dependency.
  useEffect(() => {
    if (!token) return;
    let live = true;
    setState({ status: "checking" });
    inspect(token).then(
      (link) => {
        if (live) setState({ status: "ready", link });
      },
      (error: unknown) => {
        if (!live || isAbort(error)) return;
        setState(
          isDeadLink(error) || (error instanceof ApiError && error.status === 400)
            ? { status: "invalid" }
            : { status: "error", error },
        );
      },
    );
    return () => {
      live = false;
    };
  }, [token, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const markInvalid = useCallback(() => setState({ status: "invalid" }), []);
  return { token, state, retry, markInvalid };
}
