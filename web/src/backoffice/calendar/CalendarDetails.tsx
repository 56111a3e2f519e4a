// Read-only parts of the calendar screen: where the calendar comes from, the working hours, the
// list of days off (and make-up days) of the year, and the saved versions.
import { Descriptions, Empty, Table, type TableColumnsType } from "antd";
import type { HTMLAttributes } from "react";
import type { UnitCalendar } from "../../api/types";
import { formatDate, formatDateTime, useI18n } from "../../i18n";
import { dayOffName } from "./calendarDays";

export function CalendarSummary({ calendar, unitId }: { calendar: UnitCalendar; unitId: string }) {
  const { lang, t } = useI18n();
  const { source, config } = calendar;
  const sourceText = !source
    ? t("calendarAdmin.sourceNational")
    : source.unitId === unitId
      ? t("calendarAdmin.sourceOwn", { at: formatDateTime(source.savedAt, lang) })
      : t("calendarAdmin.sourceInherited", {
          unit: source.unitName,
          at: formatDateTime(source.savedAt, lang),
        });
  const adjacentYears = Object.entries(config.nationalDayAdjacentByYear)
    .map(([year, choice]) => `${year}: ${t(`calendarForm.adjacent.${choice}`)}`)
    .join("; ");
  return (
    <Descriptions
      column={1}
      size="small"
      data-testid="calendar-summary"
      items={[
        {
          key: "source",
          label: t("calendarAdmin.source"),
          children: <span data-testid="calendar-source">{sourceText}</span>,
        },
        {
          key: "hours",
          label: t("calendarAdmin.hours"),
          children: (
            <span data-testid="calendar-hours-text">
              {config.workingHours.map((i) => `${i.start}–${i.end}`).join(", ")} (
              {t("calendarAdmin.hoursPerDay", { hours: calendar.workingHoursPerDay })})
            </span>
          ),
        },
        {
          key: "weekdays",
          label: t("calendarAdmin.weeklyDays"),
          children: config.weeklyWorkingDays.map((day) => t(`calendarAdmin.weekday.${day}`)).join(", "),
        },
        {
          key: "adjacent",
          label: t("calendarForm.adjacentHeading"),
          children: [t(`calendarForm.adjacent.${config.nationalDayAdjacent}`), adjacentYears]
            .filter(Boolean)
            .join(" — "),
        },
      ]}
    />
  );
}

interface DayRow {
  key: string;
  date: string;
  name: string;
  kind: "holiday" | "compensatory" | "unitOff" | "makeUp";
}

export function DaysOffTable({ calendar }: { calendar: UnitCalendar }) {
  const { lang, t } = useI18n();
  const kinds = { statutory: "holiday", compensatory: "compensatory", unit: "unitOff" } as const;
  const year = String(calendar.year);
  const rows: DayRow[] = [
    ...calendar.daysOff.map((day, index) => ({
      key: `off-${index}`,
      date: day.date,
      name: dayOffName(day, lang),
      kind: kinds[day.kind],
    })),
    ...calendar.config.makeUpWorkingDays
      .filter((day) => day.date.startsWith(year))
      .map((day) => ({
        key: `makeup-${day.date}`,
        date: day.date,
        name: day.note ?? "",
        kind: "makeUp" as const,
      })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const columns: TableColumnsType<DayRow> = [
    {
      key: "date",
      dataIndex: "date",
      title: t("calendarAdmin.date"),
      render: (v: string) => formatDate(v, lang),
    },
    { key: "name", dataIndex: "name", title: t("calendarAdmin.name") },
    {
      key: "kind",
      dataIndex: "kind",
      title: t("calendarAdmin.kindColumn"),
      render: (_, row) => (
        <span className={`day-kind-tag month-day--${row.kind}`}>{t(`calendarAdmin.kind.${row.kind}`)}</span>
      ),
    },
  ];
  return (
    <div data-testid="calendar-days-list">
      <Table<DayRow>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        onRow={(row) => ({ "data-date": row.date }) as HTMLAttributes<HTMLElement>}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("calendarAdmin.noDaysOff")} />
          ),
        }}
      />
    </div>
  );
}

type HistoryRow = UnitCalendar["history"][number] & { key: string };

export function CalendarHistory({ calendar }: { calendar: UnitCalendar }) {
  const { lang, t } = useI18n();
  const columns: TableColumnsType<HistoryRow> = [
    {
      key: "createdAt",
      dataIndex: "createdAt",
      title: t("calendarAdmin.savedAt"),
      render: (v: string) => formatDateTime(v, lang),
    },
    {
      key: "by",
      dataIndex: "createdByName",
      title: t("calendarAdmin.savedBy"),
      render: (v: string | null) => v ?? t("org.none"),
    },
    { key: "note", dataIndex: "note", title: t("calendarAdmin.note"), render: (v) => v ?? t("org.none") },
  ];
  return (
    <div data-testid="calendar-history">
      <Table<HistoryRow>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={calendar.history.map((row, index) => ({ ...row, key: String(index) }))}
        pagination={false}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("calendarAdmin.noHistory")} />
          ),
        }}
      />
    </div>
  );
}
