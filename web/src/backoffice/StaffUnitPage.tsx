// The frame of the back-office pages that work on one of the user's units (e-form builder, unit
// procedures, processes, the desk and assisted filing): heading, intro, the unit choice (kept in
// ?unit= so the view can be linked to) with any further pickers, then the page's own content,
// or a hint while no unit is chosen.
import { Card, Empty, Typography } from "antd";
import { type ReactNode, useMemo } from "react";
import { useSearchParams } from "react-router";
import { units } from "../api/endpoints";
import type { Me, PublicUnit, RoleName } from "../api/types";
import { useApiQuery } from "../components/useApiQuery";
import { useDocumentTitle } from "../components/useDocumentTitle";
import "./planning.css";
import { StaffUnitSelect } from "./StaffUnitSelect";
import { useSession } from "./session";
import { defaultUnit, staffUnits } from "./staffUnits";

/**
 * The chosen unit: ?unit=, else `preferred` (default: defaultUnit). `options` are the units the
 * user may choose from (staffUnits, limited to `roles` when given).
 */
export function useStaffUnit(
  roles?: ReadonlySet<RoleName>,
  preferred: (me: Me) => string | undefined = defaultUnit,
) {
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const unitList = useApiQuery("public-units", (signal) => units.list(false, signal));
  const options = useMemo(() => staffUnits(me, unitList.data?.items, roles), [me, unitList.data, roles]);
  const unitId = params.get("unit") ?? preferred(me) ?? null;
  return { me, params, setParams, unitList, options, unitId };
}

interface Props {
  heading: string;
  intro: string;
  unit: ReturnType<typeof useStaffUnit>;
  /** data-testid of the unit select. */
  unitTestId: string;
  /** Default: ?unit= becomes the new unit alone. */
  onUnitChange?: (unitId: string) => void;
  /** More pickers in the row, after the unit. */
  pickers?: ReactNode;
  /** Shown while no unit is chosen. */
  emptyHint: string;
  children: (unitId: string, unitList: readonly PublicUnit[]) => ReactNode;
}

export function StaffUnitPage({
  heading,
  intro,
  unit: { unitId, options, unitList, setParams },
  unitTestId,
  onUnitChange = (unit) => setParams({ unit }),
  pickers,
  emptyHint,
  children,
}: Props) {
  useDocumentTitle(heading);
  return (
    <>
      <Typography.Title level={1}>{heading}</Typography.Title>
      <Typography.Paragraph>{intro}</Typography.Paragraph>
      <div className="picker-row">
        <StaffUnitSelect
          value={unitId ?? undefined}
          options={options}
          loading={unitList.loading}
          onChange={onUnitChange}
          testId={unitTestId}
        />
        {pickers}
      </div>
      {unitId ? (
        children(unitId, unitList.data?.items ?? [])
      ) : (
        <Card className="section-card">
          <Empty description={emptyHint} />
        </Card>
      )}
    </>
  );
}
