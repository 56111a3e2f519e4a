// Filters of the procedure search: sector, level, channel and serving unit. The sector list comes
// from /api/public/catalog/sectors; when that is unavailable the sector filter is left out.
import { Button, Col, Row } from "antd";
import { useId, useMemo } from "react";
import { catalog, units } from "../../api/endpoints";
import { SEARCH_CHANNELS, type SearchChannel, UNIT_LEVELS, type UnitLevel } from "../../api/types";
import { LabelledSelect } from "../../components/LabelledSelect";
import { foldText, isAbolished } from "../../components/unitTree";
import { useApiQuery } from "../../components/useApiQuery";
import { useT } from "../../i18n";
import { type CatalogFilters, hasFilters } from "./searchParams";

interface Props {
  filters: CatalogFilters;
  onChange: (patch: Partial<CatalogFilters>) => void;
}

const searchByLabel = {
  filterOption: (input: string, option?: { label?: unknown }) =>
    foldText(String(option?.label ?? "")).includes(foldText(input)),
};

function FilterSelect<T extends string>({
  label,
  placeholder,
  value,
  options,
  onChange,
  testId,
  searchable = false,
}: {
  label: string;
  placeholder: string;
  value: T | "";
  options: { value: T; label: string }[];
  onChange: (value: T | "") => void;
  testId: string;
  searchable?: boolean;
}) {
  const id = useId();
  return (
    <Col xs={24} sm={12} lg={6}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <LabelledSelect<T>
        id={id}
        listLabel={label}
        data-testid={testId}
        className="full-width"
        allowClear
        placeholder={placeholder}
        value={value || undefined}
        options={options}
        onChange={(next) => onChange(next ?? "")}
        showSearch={searchable ? searchByLabel : undefined}
        popupMatchSelectWidth={false}
      />
    </Col>
  );
}

export function ProcedureFilters({ filters, onChange }: Props) {
  const t = useT();
  const sectors = useApiQuery("catalog-sectors", (signal) => catalog.sectors(signal));
  const unitList = useApiQuery("public-units", (signal) => units.list(false, signal));

  const sectorOptions = useMemo(() => {
    const items = sectors.data?.items.map((item) => ({
      value: item.sector,
      label: `${item.sector} (${item.count})`,
    }));
    if (items) return items;
    // Without the list, a sector from the address still shows (and can be cleared).
    return filters.sector ? [{ value: filters.sector, label: filters.sector }] : [];
  }, [sectors.data, filters.sector]);
  const showSectors = sectorOptions.length > 0;

  const unitOptions = useMemo(
    () =>
      (unitList.data?.items ?? [])
        .filter((unit) => !isAbolished(unit))
        .map((unit) => ({ value: unit.id, label: unit.name }))
        .sort((a, b) => a.label.localeCompare(b.label, "vi")),
    [unitList.data],
  );

  return (
    <fieldset className="procedure-filters" data-testid="procedure-filters">
      <legend>{t("procedures.filtersLabel")}</legend>
      <Row gutter={[16, 12]}>
        {showSectors && (
          <FilterSelect<string>
            label={t("procedures.sector")}
            placeholder={t("procedures.allSectors")}
            value={filters.sector}
            options={sectorOptions}
            onChange={(sector) => onChange({ sector })}
            testId="filter-sector"
            searchable
          />
        )}
        <FilterSelect<UnitLevel>
          label={t("procedures.level")}
          placeholder={t("procedures.allLevels")}
          value={filters.level}
          options={UNIT_LEVELS.map((level) => ({ value: level, label: t(`level.${level}`) }))}
          onChange={(level) => onChange({ level })}
          testId="filter-level"
        />
        <FilterSelect<SearchChannel>
          label={t("procedures.channel")}
          placeholder={t("procedures.allChannels")}
          value={filters.channel}
          options={SEARCH_CHANNELS.map((channel) => ({
            value: channel,
            label: t(`catalog.channel.${channel}`),
          }))}
          onChange={(channel) => onChange({ channel })}
          testId="filter-channel"
        />
        <FilterSelect<string>
          label={t("procedures.unit")}
          placeholder={t("procedures.allUnits")}
          value={filters.unit}
          options={unitOptions}
          onChange={(unit) => onChange({ unit })}
          testId="filter-unit"
          searchable
        />
      </Row>
      {hasFilters(filters) && (
        <Button
          type="link"
          className="inline-link procedure-filters__clear"
          data-testid="filter-clear"
          onClick={() => onChange({ sector: "", level: "", channel: "", unit: "" })}
        >
          {t("procedures.clearFilters")}
        </Button>
      )}
    </fieldset>
  );
}
