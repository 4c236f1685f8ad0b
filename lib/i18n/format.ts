import { weekEnd, weekStart } from "../weeks";

/**
 * Number and date formatting per locale and per the user's digits setting. Latin digits are
 * the default in both languages (docs/decisions/012-latin-digits-by-default.md); Arabic-Indic is a setting.
 */
export type Numerals = "latn" | "arab";

const tag = (locale: string, numerals: Numerals) => `${locale === "ar" ? "ar-SY" : "en-GB"}-u-nu-${numerals}`;

/**
 * Building an Intl formatter costs far more than using one (a summary page formats thousands of
 * numbers), so each configuration is built once per process and reused.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

export function formatNumber(value: number, locale: string, numerals: Numerals = "latn", digits = 0): string {
  const t = tag(locale, numerals);
  return cached(`n|${t}|${digits}`, () => new Intl.NumberFormat(t, { maximumFractionDigits: digits, minimumFractionDigits: digits })).format(value);
}

export function formatDateTime(iso: string, locale: string, numerals: Numerals = "latn"): string {
  const t = tag(locale, numerals);
  return cached(`dt|${t}`, () => new Intl.DateTimeFormat(t, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })).format(new Date(iso)) + " UTC";
}

/**
 * The pieces of a week's label, formatted for the reader; the catalogue's `common.weekLabel`
 * puts them together ("2020-W04 (20–26 Jan 2020)", "الأسبوع 4، 2020 (20–26 كانون الثاني)").
 */
export function weekLabelParts(week: string, locale: string, numerals: Numerals = "latn") {
  // Week pickers label every week with data (156 over three years): worth remembering.
  const key = `${week}|${locale}|${numerals}`;
  const hit = weekLabels.get(key);
  if (hit) return hit;
  if (weekLabels.size > 20_000) weekLabels.clear();
  const parts = computeWeekLabelParts(week, locale, numerals);
  weekLabels.set(key, parts);
  return parts;
}

type WeekLabelParts = { week: string; number: string; year: string; range: string };
const weekLabels = new Map<string, WeekLabelParts>();

function computeWeekLabelParts(week: string, locale: string, numerals: Numerals): WeekLabelParts {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new Error(`not an ISO week: ${week}`);
  const start = weekStart(week);
  const end = weekEnd(week);
  const t = tag(locale, numerals);
  const fmt = cached(`week|${t}`, () =>
    new Intl.DateTimeFormat(t, locale === "ar" ? { day: "numeric", month: "long", timeZone: "UTC" } : { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }),
  );
  return {
    week,
    number: formatNumber(Number(m[2]), locale, numerals),
    year: cached(`year|${t}`, () => new Intl.NumberFormat(t, { useGrouping: false })).format(Number(m[1])),
    // "20 – 26 Jan" → "20–26 Jan": a tight dash between two days of one month, as field reports write it.
    range: fmt.formatRange(start, end).replace(/^(\p{Nd}+)\s–\s(\p{Nd}+)(?=\s\P{Nd})/u, "$1–$2"),
  };
}

