// Numbers, shares and dates of the transparency page in the reader's language.
import { useMemo } from "react";
import { useI18n } from "../../i18n";

export function useFormat() {
  const { lang, t } = useI18n();
  return useMemo(() => {
    const numbers = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 1 });
    const num = (n: number) => numbers.format(n);
    return {
      lang,
      t,
      num,
      /** A share in percent, or a dash when there was nothing to divide by. */
      pct: (value: number | null) =>
        value === null ? "—" : t("transparency.percent", { value: num(value) }),
      /** "2025-06-30" → "30/06/2025". */
      date: (iso: string) => iso.split("-").reverse().join("/"),
      month: (month: string) => t("transparency.chart.monthShort", { month: Number(month.slice(5)) }),
    };
  }, [lang, t]);
}
