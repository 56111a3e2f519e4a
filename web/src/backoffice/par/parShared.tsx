// Pieces the PAR index pages share: number formatting, titles in the UI language, the status tag,
// the choice of a criteria set (kept in the address as ?set=), the links between the pages.
import { Tag } from "antd";
import { useId, useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import { LabelledSelect } from "../../components/LabelledSelect";
import { type Query, useApiQuery } from "../../components/useApiQuery";
import { type Lang, useI18n, useT } from "../../i18n";
import { type ParSetSummary, type ParStatus, par } from "./parApi";

export const PAR_BASE = "/admin/cai-cach-hanh-chinh";
export const parPaths = {
  home: PAR_BASE,
  sets: `${PAR_BASE}/bo-tieu-chi`,
  set: (id: string) => `${PAR_BASE}/bo-tieu-chi/${id}`,
  assessment: (id: string) => `${PAR_BASE}/danh-gia/${id}`,
  ranking: (setId?: string, unit?: string) =>
    `${PAR_BASE}/xep-hang${setId ? `?set=${setId}${unit ? `&unit=${encodeURIComponent(unit)}` : ""}` : ""}`,
};

/** Points as people write them: up to two decimals, the UI language's decimal mark. */
export function usePoints() {
  const { lang } = useI18n();
  return useMemo(() => {
    const f = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 2 });
    return (n: number | null | undefined) => (n === null || n === undefined ? "—" : f.format(n));
  }, [lang]);
}

export function titleOf(c: { title: string; titleEn: string | null }, lang: Lang): string {
  return lang === "en" && c.titleEn ? c.titleEn : c.title;
}

export function StatusTag({ status, testId }: { status: ParStatus | null; testId?: string }) {
  const t = useT();
  if (status === null)
    return (
      <Tag className="par-tag par-tag--none" data-testid={testId}>
        {t("par.status.none")}
      </Tag>
    );
  return (
    <Tag className={`par-tag par-tag--${status}`} data-testid={testId} data-status={status}>
      {t(`par.status.${status}`)}
    </Tag>
  );
}

export const setLabel = (s: ParSetSummary, t: ReturnType<typeof useT>) =>
  t("par.set.option", { year: s.year, title: s.title, issuer: s.issuer.name });

/** The sets the user may see, and the one chosen in the address (default: the newest). */
export function useChosenSet(): {
  sets: Query<{ items: ParSetSummary[] }>;
  set: ParSetSummary | undefined;
  choose: (id: string) => void;
} {
  const sets = useApiQuery("par-sets", (signal) => par.sets(undefined, signal));
  const [params, setParams] = useSearchParams();
  const wanted = params.get("set");
  const items = sets.data?.items ?? [];
  const set = items.find((s) => s.id === wanted) ?? items[0];
  const choose = (id: string) => {
    const next = new URLSearchParams(params);
    next.set("set", id);
    next.delete("unit");
    setParams(next, { replace: true });
  };
  return { sets, set, choose };
}

export function SetPicker({
  sets,
  value,
  onChange,
}: {
  sets: ParSetSummary[];
  value: string | undefined;
  onChange: (id: string) => void;
}) {
  const t = useT();
  const id = useId();
  return (
    <div className="picker-field picker-field--wide">
      <label htmlFor={id} className="field-label">
        {t("par.set.choose")}
      </label>
      <LabelledSelect<string>
        id={id}
        listLabel={t("par.set.choose")}
        data-testid="par-set-select"
        className="picker-field__select"
        value={value}
        onChange={onChange}
        options={sets.map((s) => ({ value: s.id, label: setLabel(s, t) }))}
      />
    </div>
  );
}

/** Links between the PAR pages, the current one marked. */
export function ParNav({ current, setId }: { current: "home" | "ranking" | "sets"; setId?: string }) {
  const t = useT();
  const links = [
    { key: "home", to: setId ? `${parPaths.home}?set=${setId}` : parPaths.home, label: t("par.nav.home") },
    { key: "ranking", to: parPaths.ranking(setId), label: t("par.nav.ranking") },
    { key: "sets", to: parPaths.sets, label: t("par.nav.sets") },
  ] as const;
  return (
    <nav aria-label={t("par.nav.label")} className="par-nav">
      <ul>
        {links.map((l) => (
          <li key={l.key}>
            <Link
              to={l.to}
              aria-current={l.key === current ? "page" : undefined}
              data-testid={`par-nav-${l.key}`}
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
