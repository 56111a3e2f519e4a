// After a reception: the dossier code (large), the due date in Vietnam time, and what to do next
// (print the receipt, open the dossier, receive another). Announced to screen readers.
import { FilePdfOutlined, FolderOpenOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Space } from "antd";
import { useEffect, useId, useRef } from "react";
import { useNavigate } from "react-router";
import { dossiers } from "../../api/endpoints";
import type { Dossier } from "../../api/types";
import { StateTag, TimelinessTag } from "../../components/DossierTags";
import { formatVnDateTime, formNumber } from "../../components/dossierFormat";
import { useI18n } from "../../i18n";

export function DeskResult({ dossier, onAnother }: { dossier: Dossier; onAnother: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const headingId = useId();
  const receiptRef = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    receiptRef.current?.focus();
  }, []);
  const due = dossier.promisedAt ?? dossier.dueAt;

  return (
    <Card className="section-card desk-result" data-testid="desk-result" aria-labelledby={headingId}>
      <div role="status">
        <h2 id={headingId} className="card-heading">
          {t("desk.resultHeading")}
        </h2>
        <p className="desk-result__label">{t("dossier.code")}</p>
        <p className="dossier-code dossier-code--large" data-testid="desk-result-code">
          {dossier.code}
        </p>
        <p>
          <StateTag state={dossier.state} label={dossier.stateLabel} />{" "}
          <TimelinessTag timeliness={dossier.timeliness} />
        </p>
        <p>
          {dossier.procedure.code} – {dossier.procedure.name}
          <br />
          {t("dossier.applicant")}: <strong>{dossier.applicant.name}</strong>
        </p>
        {due && (
          <p className="desk-result__due" data-testid="desk-result-due">
            {t("dossier.dueAt")}: <strong>{formatVnDateTime(due)}</strong>
          </p>
        )}
      </div>
      <Space wrap>
        {dossier.forms.includes("receipt") && (
          <Button
            ref={receiptRef}
            type="primary"
            size="large"
            href={dossiers.formUrl(dossier.id, "receipt")}
            target="_blank"
            rel="noopener"
            icon={<FilePdfOutlined aria-hidden />}
            data-testid="desk-receipt"
          >
            {t("desk.printReceipt", { number: formNumber(dossier.ruleSet, "receipt") })}
          </Button>
        )}
        <Button
          size="large"
          icon={<FolderOpenOutlined aria-hidden />}
          onClick={() => navigate(`/admin/ho-so/${dossier.id}`)}
          data-testid="desk-open"
        >
          {t("desk.openDossier")}
        </Button>
        <Button
          size="large"
          icon={<PlusOutlined aria-hidden />}
          onClick={onAnother}
          data-testid="desk-another"
        >
          {t("desk.another")}
        </Button>
      </Space>
    </Card>
  );
}
