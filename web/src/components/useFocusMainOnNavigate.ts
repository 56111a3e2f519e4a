import { useEffect, useRef } from "react";
import { useLocation } from "react-router";

/**
 * After client-side navigation, move focus to <main> (as a full page load would reset it), so
 * keyboard and screen-reader users start at the new content. The initial page is left alone.
 */
export function useFocusMainOnNavigate(mainId = "main-content"): void {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    document.getElementById(mainId)?.focus();
  }, [pathname, mainId]);
}
