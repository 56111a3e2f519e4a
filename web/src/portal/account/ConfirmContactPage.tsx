// /xac-nhan-lien-he#t=<token>: the link sent to a new e-mail or phone. The page reads the token
// once, takes it out of the address bar, shows what it would set (masked) and for whom, and makes
// the change only when the user presses "Xác nhận" (a mail scanner that opens the link changes
// nothing).
import { Button, Spin } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { auth } from "../../api/endpoints";
import type { ContactKind } from "../../api/types";
import { formatVnDateTime } from "../../components/dossierFormat";
import { Alert } from "../../components/lite/Alert";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import { isDeadLink, useMailedLink } from "./useMailedLink";

export default function ConfirmContactPage() {
  const { lang, t } = useI18n();
  const { token, state: link, retry, markInvalid } = useMailedLink((token) => auth.contactToken({ token }));
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<{ kind: ContactKind; contact: string } | null>(null);

  const confirm = async () => {
    setConfirming(true);
    setFailure(null);
    try {
      setDone(await auth.confirmContactChange({ token, locale: lang }));
    } catch (error) {
      if (isDeadLink(error)) markInvalid();
      else setFailure(error);
    } finally {
      setConfirming(false);
    }
  };
  const state = done ? "done" : link.status;
  const heading =
    state === "invalid"
      ? t("accounts.confirmContact.invalidHeading")
      : state === "done"
        ? t("accounts.confirmContact.doneHeading")
        : t("accounts.confirmContact.heading");
  useDocumentTitle(heading);

  return (
    <div className="panel auth-card" data-testid="confirm-contact-page" data-state={state}>
      <div className="panel__body">
        <h1 className="page-title">{heading}</h1>
        {state === "checking" && <Spin description={t("accounts.setPassword.checking")} />}
        {link.status === "error" && <ProblemAlert error={link.error} onRetry={retry} />}
        {state === "invalid" && (
          <Alert
            type="error"
            title={t("accounts.confirmContact.invalidText")}
            data-testid="confirm-contact-invalid"
          />
        )}
        {state === "ready" && link.status === "ready" && (
          <>
            <p data-testid="confirm-contact-intro">
              {t(
                link.link.kind === "email"
                  ? "accounts.confirmContact.introEmail"
                  : "accounts.confirmContact.introPhone",
                { name: link.link.fullName, contact: link.link.newContact },
              )}
            </p>
            <p className="text-secondary">
              {t("accounts.setPassword.expires", { at: formatVnDateTime(link.link.expiresAt) })}
            </p>
            <div aria-live="polite">
              <ProblemAlert error={failure} />
            </div>
            <Button
              type="primary"
              block
              loading={confirming}
              onClick={confirm}
              data-testid="confirm-contact-submit"
            >
              {t("accounts.confirmContact.submit")}
            </Button>
          </>
        )}
        {done && (
          <>
            <Alert
              type="success"
              title={t(
                done.kind === "email"
                  ? "accounts.confirmContact.doneEmail"
                  : "accounts.confirmContact.donePhone",
                { contact: done.contact },
              )}
              data-testid="confirm-contact-done"
            />
            <p className="auth-links">
              <Link to="/">{t("accounts.confirmContact.home")}</Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
