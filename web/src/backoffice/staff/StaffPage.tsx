// /admin/can-bo: the officials of a unit (org.staff.manage there: its administrators, system
// administrators). One row per official with their roles at the unit and the account's status;
// add an official (invitation by e-mail), add or revoke a role, send the invitation again,
// disable or enable the account.
import type { RoleName } from "../../api/types";
import { useT } from "../../i18n";
import "../../portal/account/account.css";
import { StaffUnitPage, useStaffUnit } from "../StaffUnitPage";
import { canManageUnit } from "../staffUnits";
import { UnitStaff } from "./UnitStaff";

const MANAGERS: ReadonlySet<RoleName> = new Set(["unit_admin", "system_admin"]);

export default function StaffPage() {
  const t = useT();
  const unit = useStaffUnit(MANAGERS, (me) => me.roles.find((role) => MANAGERS.has(role.role))?.unitId);
  return (
    <StaffUnitPage
      heading={t("accounts.staff.heading")}
      intro={t("accounts.staff.intro")}
      unit={unit}
      unitTestId="staff-unit"
      emptyHint={t("accounts.staff.selectUnitHint")}
    >
      {(unitId, unitList) => (
        <UnitStaff key={unitId} unitId={unitId} canManage={canManageUnit(unit.me, unitId, unitList)} />
      )}
    </StaffUnitPage>
  );
}
