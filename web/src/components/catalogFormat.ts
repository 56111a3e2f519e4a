// Display text for catalog values: deadlines ("3 ngày làm việc", "Trong ngày"), fees in đồng.
import type { Deadline, Fee } from "../api/types";
import type { Lang, TFunction } from "../i18n";

function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 2 }).format(value);
}

/** "3 ngày làm việc" / "3 working days", "Trong ngày" / "Same day"; the note is separate. */
export function formatDeadline(deadline: Deadline, lang: Lang, t: TFunction): string {
  if (deadline.kind === "same_day" || deadline.value === null) return t(`catalog.deadline.${deadline.kind}`);
  const value = formatNumber(deadline.value, lang);
  return deadline.value === 1
    ? t(`catalog.deadlineOne.${deadline.kind}`, { value })
    : t(`catalog.deadline.${deadline.kind}`, { value });
}

/** "8.000 đ" in Vietnamese, "VND 8,000" in English. */
export function formatVnd(amount: number, lang: Lang): string {
  const number = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", {
    maximumFractionDigits: 0,
  }).format(amount);
  return lang === "vi" ? `${number} đ` : `VND ${number}`;
}

/** A fee's amount: "Miễn phí" for 0, "—" when the amount is set locally (see the note). */
export function formatFeeAmount(fee: Fee, lang: Lang, t: TFunction): string {
  if (fee.amountVnd === null) return t("catalog.amountUnset");
  if (fee.amountVnd === 0) return t("catalog.free");
  return formatVnd(fee.amountVnd, lang);
}

export const PROCEDURE_CODE = /^[0-9]\.[0-9]{6}$/;
