// /admin/nop-ho-tro: assisted filing (nộp hồ sơ có hỗ trợ). A receptionist files an online dossier
// for a citizen who cannot do it alone; the dossier shows in the citizen's "my dossiers" when their
// account matches the applicant's e-mail or phone. "Receive now" opens the dossier page, where the
// receive command is.
import { FolderOpenOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Space } from "antd";
import { useEffect, useId, useRef } from "react";
import { useNavigate } from "react-router";
import type { Dossier } from "../../api/types";
import { StateTag } from "../../components/DossierTags";
import { useI18n } from "../../i18n";
import { ReceptionPage } from "../dossiers/ReceptionPage";
import { AssistedForm } from "./AssistedForm";

function Filed({ dossier, onAnother }: { dossier: Dossier; onAnother: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const headingId = useId();
  const openRef = useRef<HTMLButtonElement>(null);
  useEffect(() => openRef.current?.focus(), []);
  return (
    <Card className="section-card" data-testid="assisted-result" aria-labelledby={headingId}>
      <div role="status">
        <h2 id={headingId} className="card-heading">
          {t("eform.assisted.filedHeading")}
        </h2>
        <p>
          <StateTag state={dossier.state} label={dossier.stateLabel} />
        </p>
        <p>
          {dossier.procedure.code} – {dossier.procedure.name}
          <br />
          {t("dossier.applicant")}:{" "}
          <strong data-testid="assisted-result-applicant">{dossier.applicant.name}</strong>
        </p>
        <p className="text-secondary">{t("eform.assisted.filedHint")}</p>
      </div>
      <Space wrap>
        <Button
          ref={openRef}
          type="primary"
          size="large"
          icon={<FolderOpenOutlined aria-hidden />}
          onClick={() => navigate(`/admin/ho-so/${dossier.id}`)}
          data-testid="assisted-receive-now"
        >
          {t("eform.assisted.receiveNow")}
        </Button>
        <Button
          size="large"
          icon={<PlusOutlined aria-hidden />}
          onClick={onAnother}
          data-testid="assisted-another"
        >
          {t("eform.assisted.another")}
        </Button>
      </Space>
    </Card>
  );
}

export default function AssistedFilingPage() {
  const { t } = useI18n();
  return (
    <ReceptionPage
      heading={t("eform.assisted.heading")}
      intro={t("eform.assisted.intro")}
      unitTestId="assisted-unit"
      form={(unitId, _units, onDone) => <AssistedForm unitId={unitId} onFiled={onDone} />}
      result={(dossier, onAnother) => <Filed dossier={dossier} onAnother={onAnother} />}
    />
  );
}
