// Loads data for a page: aborts on change or unmount, keeps data while reloading the same key.
import { startTransition, useCallback, useEffect, useRef, useState } from "react";
import { isAbort } from "../api/client";

export interface Query<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * `key` identifies what is loaded (null: nothing). A new key clears the previous data unless
 * `keepPrevious` is set (paged tables keep showing the old page while the next one loads).
 */
export function useApiQuery<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
  { keepPrevious = false }: { keepPrevious?: boolean } = {},
): Query<T> {
  const loadRef = useRef(load);
  loadRef.current = load;
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ key: string | null; data?: T; error: unknown; loading: boolean }>({
    key,
    error: null,
    loading: key !== null,
  });

  useEffect(() => {
    if (key === null) {
      setState({ key, error: null, loading: false });
      return;
    }
    const controller = new AbortController();
    setState((prev) => ({
      key,
      data: prev.key === key || keepPrevious ? prev.data : undefined,
      error: null,
      loading: true,
    }));
    loadRef.current(controller.signal).then(
      (data) => {
        // Rendering what arrived is a transition: React builds it in slices of a few milliseconds
        // instead of one long task (a procedure's tables, a page of dossiers), so input stays live.
        if (!controller.signal.aborted)
          startTransition(() => setState({ key, data, error: null, loading: false }));
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        setState((prev) => ({ ...prev, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [key, version, keepPrevious]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const current = state.key === key;
  return {
    data: current || keepPrevious ? state.data : undefined,
    error: current ? state.error : null,
    loading: current ? state.loading : key !== null,
    reload,
  };
}
