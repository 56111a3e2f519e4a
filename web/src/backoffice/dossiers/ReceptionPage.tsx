// The frame of the pages where an official takes in a dossier (the desk, assisted filing): the
// unit, one where the user is a receptionist (?unit= keeps the choice), then the form; after a
// reception its result replaces the form until "another" (a fresh form for the same unit).
import { Fragment, type ReactNode, useState } from "react";
import type { Dossier, Me, PublicUnit } from "../../api/types";
import { useI18n } from "../../i18n";
import "./dossiers.css";
import { StaffUnitPage, useStaffUnit } from "../StaffUnitPage";
import { RECEIVING_ROLES } from "./dossierUnits";

const receivingUnit = (me: Me) => me.roles.find((role) => RECEIVING_ROLES.has(role.role))?.unitId;

interface Props {
  heading: string;
  intro: string;
  /** data-testid of the unit select. */
  unitTestId: string;
  form: (unitId: string, unitList: readonly PublicUnit[], onDone: (dossier: Dossier) => void) => ReactNode;
  result: (dossier: Dossier, onAnother: () => void) => ReactNode;
}

export function ReceptionPage({ heading, intro, unitTestId, form, result: renderResult }: Props) {
  const { t } = useI18n();
  const unit = useStaffUnit(RECEIVING_ROLES, receivingUnit);
  const [result, setResult] = useState<Dossier | null>(null);
  const [round, setRound] = useState(0);

  return (
    <StaffUnitPage
      heading={heading}
      intro={intro}
      unit={unit}
      unitTestId={unitTestId}
      onUnitChange={(unitId) => {
        setResult(null);
        unit.setParams({ unit: unitId });
      }}
      emptyHint={t("desk.noUnit")}
    >
      {(unitId, unitList) =>
        result ? (
          renderResult(result, () => {
            setResult(null);
            setRound((n) => n + 1);
          })
        ) : (
          <Fragment key={`${unitId}:${round}`}>{form(unitId, unitList, setResult)}</Fragment>
        )
      }
    </StaffUnitPage>
  );
}
