import { isolate } from "@/lib/i18n/bidi";
import { formatNumber, weekLabelParts, type Numerals } from "@/lib/i18n/format";
import { gapChangePoints, WARNING_RULE, type ReportWarning } from "@/lib/reports/warnings";

/** A translator, from useTranslations or getTranslations (or next-intl's createTranslator in tests). */
type T = (key: string, values?: Record<string, string | number>) => string;

/**
 * One warning as a sentence that names what it was compared with, with both numbers: the previous
 * week's report (and which week that was), or this week's newly displaced families. Numbers and the
 * week are isolated, so that they keep their order inside an Arabic sentence; the rule's own numbers
 * (3, 40) are bare digits, which keep their order anyway.
 * `t` is the "reports" namespace, `tc` the "common" one.
 */
export function warningSentence(t: T, tc: T, w: ReportWarning, locale: string, numerals: Numerals): string {
  const num = (v: number) => isolate(formatNumber(v, locale, numerals, Number.isInteger(v) ? 0 : 1));
  const pct = (v: number) => isolate(t("figures.gapValue", { value: formatNumber(v, locale, numerals, Number.isInteger(v) ? 0 : 1) }));
  if (w.against === "range") {
    const bound = w.kind === "aboveMax" ? w.max! : w.min!;
    const fmt = w.field.endsWith(".gapPct") ? pct : num;
    const area = isolate(`${locale === "ar" ? w.source.nameAr : w.source.nameEn} (${w.source.pcode})`);
    return t(`form.warnings.${w.kind}`, { current: fmt(w.current), bound: fmt(bound), area, origin: w.source.origin });
  }
  if (w.against === "newlyDisplacedFamilies") return t("form.warnings.totalBelowNew", { current: num(w.current), newly: num(w.previous) });
  const week = isolate(tc("weekLabel", weekLabelParts(w.previousWeek, locale, numerals)));
  if (w.kind === "gapChange") {
    const change = gapChangePoints(w);
    return t("form.warnings.gapChange", { current: pct(w.current), previous: pct(w.previous), week, count: change, change: num(change), limit: formatNumber(WARNING_RULE.gapPoints, locale, numerals) });
  }
  return t(`form.warnings.${w.kind}`, { current: num(w.current), previous: num(w.previous), week, factor: formatNumber(WARNING_RULE.factor, locale, numerals) });
}

/** The rule under the list of warnings, for what could be compared: with no report the week before, only the total's check applies. */
export function warningRule(t: T, tc: T, previousWeek: string, hasPrevious: boolean, locale: string, numerals: Numerals): string {
  const week = isolate(tc("weekLabel", weekLabelParts(previousWeek, locale, numerals)));
  if (!hasPrevious) return t("form.warnings.ruleNoPrevious", { week });
  return t("form.warnings.ruleWithPrevious", { week, factor: formatNumber(WARNING_RULE.factor, locale, numerals), limit: formatNumber(WARNING_RULE.gapPoints, locale, numerals) });
}
