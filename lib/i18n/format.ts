import { weekEnd, weekStart } from "../weeks";

/**
 * Number and date formatting per locale and per the user's digits setting. Latin digits are
 * the default in both languages (see README, Decisions: "Digits"); Arabic-Indic is a setting.
 */
export type Numerals = "latn" | "arab";

const tag = (locale: string, numerals: Numerals) => `${locale === "ar" ? "ar-SY" : "en-GB"}-u-nu-${numerals}`;

export function formatNumber(value: number, locale: string, numerals: Numerals = "latn", digits = 0): string {
  return new Intl.NumberFormat(tag(locale, numerals), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

export function formatDateTime(iso: string, locale: string, numerals: Numerals = "latn"): string {
  return new Intl.DateTimeFormat(tag(locale, numerals), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(new Date(iso)) + " UTC";
}

/**
 * The pieces of a week's label, formatted for the reader; the catalogue's `common.weekLabel`
 * puts them together ("2020-W04 (20–26 Jan 2020)", "الأسبوع 4، 2020 (20–26 كانون الثاني)").
 */
export function weekLabelParts(week: string, locale: string, numerals: Numerals = "latn") {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new Error(`not an ISO week: ${week}`);
  const start = weekStart(week);
  const end = weekEnd(week);
  const fmt = new Intl.DateTimeFormat(
    tag(locale, numerals),
    locale === "ar" ? { day: "numeric", month: "long", timeZone: "UTC" } : { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" },
  );
  return {
    week,
    number: formatNumber(Number(m[2]), locale, numerals),
    year: new Intl.NumberFormat(tag(locale, numerals), { useGrouping: false }).format(Number(m[1])),
    // "20 – 26 Jan" → "20–26 Jan": a tight dash between two days of one month, as field reports write it.
    range: fmt.formatRange(start, end).replace(/^(\p{Nd}+)\s–\s(\p{Nd}+)(?=\s\P{Nd})/u, "$1–$2"),
  };
}

