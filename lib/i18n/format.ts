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

/** Syria's zone (UTC+3 all year since 2022): where Rasd's users work, so the default reader's zone (decision 045). */
export const DEFAULT_TIME_ZONE = "Asia/Damascus";

/**
 * A moment in the reader's time zone, with the zone's offset after it ("1 Dec 2026, 13:05 GMT+3"),
 * so that nobody mistakes it for another zone's time. Weeks are not moments: they stay UTC dates.
 */
export function formatDateTime(iso: string, locale: string, numerals: Numerals, timeZone: string): string {
  const t = tag(locale, numerals);
  const zone = canonicalTimeZone(timeZone) ?? DEFAULT_TIME_ZONE;
  return cached(
    `dt|${t}|${zone}`,
    () =>
      new Intl.DateTimeFormat(t, {
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZone: zone,
        timeZoneName: "shortOffset",
      }),
  ).format(new Date(iso));
}

/** The IANA name Intl knows a zone by ("asia/damascus" → "Asia/Damascus"), or null when Intl knows no such zone. */
export function canonicalTimeZone(name: string): string | null {
  if (typeof name !== "string" || name.length === 0 || name.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** How far a zone's clock is ahead of UTC at an instant, in milliseconds (negative west of Greenwich). */
function zoneOffsetMs(instant: number, zone: string): number {
  const parts = cached(
    `off|${zone}`,
    () => new Intl.DateTimeFormat("en-GB", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }),
  ).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant at which a calendar day ("2026-12-01") starts in a zone, as an ISO string. */
export function startOfDayIn(day: string, zone: string): string {
  const midnight = Date.parse(`${day}T00:00:00Z`);
  // Twice: the offset at the first guess may differ from the offset at the day's start (a clock change).
  let at = midnight - zoneOffsetMs(midnight, zone);
  at = midnight - zoneOffsetMs(at, zone);
  return new Date(at).toISOString();
}

/** The zones a reader may choose from: every zone this runtime's Intl knows, and UTC. */
export function timeZoneChoices(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
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

