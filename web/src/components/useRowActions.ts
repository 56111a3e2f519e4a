// Actions on the rows of a list (revoke a role, sign out a session…): the running one's key shows
// its button busy, success is a toast, a refusal is kept to show above the list, and the list
// reloads after each success.
import { App } from "antd";
import { useState } from "react";

export function useRowActions(reload: () => void) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const act = async <T>(key: string, action: () => Promise<T>, done: (result: T) => string) => {
    setBusy(key);
    setError(null);
    try {
      message.success(done(await action()));
      reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, act };
}
