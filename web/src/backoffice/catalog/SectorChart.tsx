// Procedures in force per sector as plain CSS bars, split by level (no chart library). The numbers
// are in the text, so the chart reads as a list; the bars themselves are decorative.
import type { CatalogLevel, CatalogReport } from "../../api/types";
import { UNIT_LEVELS } from "../../api/types";
import { useT } from "../../i18n";

interface SectorBar {
  sector: string;
  total: number;
  byLevel: Partial<Record<CatalogLevel, number>>;
}

export function sectorBars(report: CatalogReport): SectorBar[] {
  const bySector = new Map<string, SectorBar>();
  for (const row of report.inForce) {
    const bar = bySector.get(row.sector) ?? { sector: row.sector, total: 0, byLevel: {} };
    bar.total += row.total;
    bar.byLevel[row.level] = (bar.byLevel[row.level] ?? 0) + row.total;
    bySector.set(row.sector, bar);
  }
  return [...bySector.values()].sort((a, b) => b.total - a.total || a.sector.localeCompare(b.sector, "vi"));
}

export function SectorChart({ report }: { report: CatalogReport }) {
  const t = useT();
  const bars = sectorBars(report);
  const max = Math.max(1, ...bars.map((bar) => bar.total));
  const levels = UNIT_LEVELS.filter((level) => bars.some((bar) => bar.byLevel[level]));
  return (
    <figure className="sector-chart" data-testid="sector-chart">
      <figcaption className="sector-chart__caption">
        <h3 className="card-heading">{t("catalogReport.chartHeading")}</h3>
        <p className="text-secondary">{t("catalogReport.chartHint")}</p>
        <ul className="sector-chart__legend" aria-hidden>
          {levels.map((level) => (
            <li key={level}>
              <span className={`sector-chart__swatch sector-chart__seg--${level}`} /> {t(`level.${level}`)}
            </li>
          ))}
        </ul>
      </figcaption>
      <ul className="sector-chart__bars">
        {bars.map((bar) => (
          <li key={bar.sector} className="sector-chart__row">
            <span className="sector-chart__label">{bar.sector}</span>
            <span className="sector-chart__track" aria-hidden>
              {levels.map((level) =>
                bar.byLevel[level] ? (
                  <span
                    key={level}
                    className={`sector-chart__seg sector-chart__seg--${level}`}
                    style={{ width: `${((bar.byLevel[level] ?? 0) / max) * 100}%` }}
                  />
                ) : null,
              )}
            </span>
            <span className="sector-chart__value">
              {bar.total}
              <span className="sr-only">
                {" "}
                (
                {levels
                  .filter((level) => bar.byLevel[level])
                  .map((level) => `${t(`level.${level}`)}: ${bar.byLevel[level]}`)
                  .join(", ")}
                )
              </span>
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
