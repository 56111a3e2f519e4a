// Submits an antd form to the API: loading flag, field errors under their fields, the rest in an alert.
import type { FormInstance } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n";
import { applyFieldErrors, type FieldFilter } from "./problem";

export function useFormSubmit<Values, Result>(
  form: FormInstance<Values>,
  fields: FieldFilter,
  action: (values: Values) => Promise<Result>,
  onSuccess: (result: Result, values: Values) => void,
) {
  const { lang } = useI18n();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef({ action, onSuccess, fields });
  latest.current = { action, onSuccess, fields };

  const onFinish = useCallback(
    async (values: Values) => {
      setSubmitting(true);
      setError(null);
      // The client's rules have passed, so any error still shown is the server's from an earlier
      // attempt: antd keeps those under a field without rules even once it is corrected, and
      // after a successful save. The server re-checks and puts back what is still wrong.
      const stale = form.getFieldsError().filter((f) => f.errors.length > 0);
      if (stale.length > 0)
        (form as FormInstance).setFields(stale.map((f) => ({ name: f.name, errors: [] })));
      try {
        const result = await latest.current.action(values);
        latest.current.onSuccess(result, values);
      } catch (caught) {
        setError(caught);
        applyFieldErrors(form, caught, lang, latest.current.fields);
      } finally {
        setSubmitting(false);
      }
    },
    [form, lang],
  );

  // Field errors are plain strings inside antd; put them in the new language after a switch.
  useEffect(() => {
    if (error) applyFieldErrors(form, error, lang, latest.current.fields, true);
  }, [error, form, lang]);

  return { onFinish, submitting, error, clearError: () => setError(null) };
}
