// /admin/tiep-nhan: reception at the one-stop desk. The unit is one where the user is a
// receptionist (?unit= keeps the choice); after a reception the result panel replaces the form
// until "receive another".
import { Card, Empty, Typography } from "antd";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { units } from "../../api/endpoints";
import type { Dossier } from "../../api/types";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import "../planning.css";
import "./dossiers.css";
import { StaffUnitSelect } from "../StaffUnitSelect";
import { useSession } from "../session";
import { staffUnits } from "../staffUnits";
import { DeskForm } from "./DeskForm";
import { DeskResult } from "./DeskResult";
import { RECEIVING_ROLES } from "./dossierUnits";

export default function DeskPage() {
  const { t } = useI18n();
  const { me } = useSession();
  useDocumentTitle(t("desk.heading"));
  const [params, setParams] = useSearchParams();
  const unitList = useApiQuery("public-units", (signal) => units.list(false, signal));
  const options = useMemo(() => staffUnits(me, unitList.data?.items, RECEIVING_ROLES), [me, unitList.data]);
  const unitId =
    params.get("unit") ?? me.roles.find((role) => RECEIVING_ROLES.has(role.role))?.unitId ?? null;
  const [result, setResult] = useState<Dossier | null>(null);
  const [round, setRound] = useState(0);

  return (
    <>
      <Typography.Title level={1}>{t("desk.heading")}</Typography.Title>
      <Typography.Paragraph>{t("desk.intro")}</Typography.Paragraph>
      <div className="picker-row">
        <StaffUnitSelect
          value={unitId ?? undefined}
          options={options}
          loading={unitList.loading}
          onChange={(unit) => {
            setResult(null);
            setParams({ unit });
          }}
          testId="desk-unit"
        />
      </div>
      {!unitId ? (
        <Card className="section-card">
          <Empty description={t("desk.noUnit")} />
        </Card>
      ) : result ? (
        <DeskResult
          dossier={result}
          onAnother={() => {
            setResult(null);
            setRound((n) => n + 1);
          }}
        />
      ) : (
        <DeskForm
          key={`${unitId}:${round}`}
          unitId={unitId}
          units={unitList.data?.items ?? []}
          onReceived={setResult}
        />
      )}
    </>
  );
}
