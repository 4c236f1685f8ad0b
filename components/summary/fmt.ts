import { getTranslations } from "next-intl/server";
import { formatNumber, weekLabelParts, type Numerals } from "@/lib/i18n/format";
import { weekStart } from "@/lib/weeks";

const days = new Map<string, Intl.DateTimeFormat>();
/** "20 Jan": built once per language and digits (Intl formatters are costly to build, cheap to use). */
function dayFormat(locale: string, numerals: Numerals): Intl.DateTimeFormat {
  const tag = `${locale === "ar" ? "ar-SY" : "en-GB"}-u-nu-${numerals}`;
  let f = days.get(tag);
  if (!f) days.set(tag, (f = new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", timeZone: "UTC" })));
  return f;
}

/** A translator with plain string keys (the catalogue is not typed per key in this project). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * Number, percent and week formatting for one reader (locale and digits), and the translators, for
 * the summary components. Fetched once by the page's top component and passed down, so the many
 * components below are synchronous: an async server component per table or badge costs the
 * server a separate streamed chunk each.
 */
export async function formatters(locale: string, numerals: Numerals) {
  const common = await getTranslations("common");
  const summary = await getTranslations("summary");
  const root = await getTranslations();
  const tc: Translate = (k, v) => common(k as never, v as never);
  const t: Translate = (k, v) => summary(k as never, v as never);
  const tr: Translate = (k, v) => root(k as never, v as never);
  const scope = (ns: string): Translate => (k, v) => t(`${ns}.${k}`, v);
  const n = (v: number | null | undefined) => (v === null || v === undefined ? "–" : formatNumber(v, locale, numerals));
  // Gaps have one decimal; a whole number is written without it ("91%", "83.3%").
  const pct = (v: number | null | undefined) =>
    v === null || v === undefined ? "–" : `${formatNumber(v, locale, numerals, Number.isInteger(v) ? 0 : 1)}%`;
  const week = (w: string) => tc("weekLabel", weekLabelParts(w, locale, numerals));
  const day = dayFormat(locale, numerals);
  /** Day and month of a week's Monday, for chart axes. */
  const weekShort = (w: string) => day.format(weekStart(w));
  return { n, pct, week, weekShort, t, tc, tr, scope };
}
export type Formatters = Awaited<ReturnType<typeof formatters>>;
