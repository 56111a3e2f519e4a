// Twelve compact month tables (Monday first) marking weekends, public holidays, compensatory days,
// the unit's days off and make-up working days. Each marked day names itself in a tooltip (title)
// and in hidden text for screen readers; the legend explains the colours.
import type { UnitCalendar } from "../../api/types";
import { type Lang, type TFunction, useI18n } from "../../i18n";
import { type DayInfo, type DayKind, monthDays, monthWeeks } from "./calendarDays";

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const MARKED: readonly DayKind[] = ["weekend", "holiday", "compensatory", "unitOff", "makeUp"];

export function monthName(year: number, month: number, lang: Lang): string {
  const name = new Intl.DateTimeFormat(lang === "vi" ? "vi-VN" : "en-GB", {
    month: "long",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(year, month - 1, 1)));
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function dayLabel(info: DayInfo, t: TFunction): string {
  const kind = info.kind === "working" ? "" : t(`calendarAdmin.kind.${info.kind}`);
  return [kind, ...info.names].filter(Boolean).join(": ");
}

function MonthTable({ calendar, month }: { calendar: UnitCalendar; month: number }) {
  const { lang, t } = useI18n();
  const days = monthDays(calendar, month, lang);
  const weeks = monthWeeks(days, calendar.year, month);
  return (
    <table className="month-table" data-testid={`calendar-month-${month}`}>
      <caption className="month-table__caption">{monthName(calendar.year, month, lang)}</caption>
      <thead>
        <tr>
          {WEEKDAYS.map((weekday) => (
            <th key={weekday} scope="col" abbr={t(`calendarAdmin.weekday.${weekday}`)}>
              {t(`calendarAdmin.weekdayShort.${weekday}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week.find(Boolean)?.date}>
            {week.map((info, index) => {
              if (!info) return <td key={`empty-${index}`} className="month-table__empty" />;
              const label = dayLabel(info, t);
              return (
                <td
                  key={info.date}
                  className={`month-day month-day--${info.kind}`}
                  data-date={info.date}
                  data-kind={info.kind}
                  title={label || undefined}
                >
                  {info.day}
                  {label && <span className="sr-only">{` (${label})`}</span>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function YearGrid({ calendar }: { calendar: UnitCalendar }) {
  const t = useI18n().t;
  return (
    <>
      <ul className="calendar-legend" aria-label={t("calendarAdmin.legend")}>
        {MARKED.map((kind) => (
          <li key={kind}>
            <span className={`calendar-legend__swatch month-day--${kind}`} aria-hidden />
            {t(`calendarAdmin.kind.${kind}`)}
          </li>
        ))}
      </ul>
      <div className="calendar-year" data-testid="calendar-year">
        {Array.from({ length: 12 }, (_, i) => (
          <MonthTable key={i + 1} calendar={calendar} month={i + 1} />
        ))}
      </div>
    </>
  );
}
