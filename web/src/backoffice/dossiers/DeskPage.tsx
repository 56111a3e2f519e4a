// /admin/tiep-nhan: reception at the one-stop desk. The unit is one where the user is a
// receptionist (?unit= keeps the choice); after a reception the result panel replaces the form
// until "receive another".
import { useI18n } from "../../i18n";
import { DeskForm } from "./DeskForm";
import { DeskResult } from "./DeskResult";
import { ReceptionPage } from "./ReceptionPage";

export default function DeskPage() {
  const { t } = useI18n();
  return (
    <ReceptionPage
      heading={t("desk.heading")}
      intro={t("desk.intro")}
      unitTestId="desk-unit"
      form={(unitId, units, onDone) => <DeskForm unitId={unitId} units={units} onReceived={onDone} />}
      result={(dossier, onAnother) => <DeskResult dossier={dossier} onAnother={onAnother} />}
    />
  );
}
