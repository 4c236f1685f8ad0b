import "server-only";
import { LRUCache } from "lru-cache";
import { getTranslations } from "next-intl/server";
import { formatNumber, weekLabelParts, type Numerals } from "@/lib/i18n/format";
import type { Translate } from "@/lib/i18n/translate";
import { weekStart } from "@/lib/weeks";

/**
 * The server's translation and formatting service for the summary pages: translators that
 * remember their results, and number, percent and week formatting for one reader. Server only
 * (it reads the request's catalogue through next-intl/server); it has no React.
 */

const days = new Map<string, Intl.DateTimeFormat>();
/** "20 Jan" (or "20 Jan 2020"): built once per language and digits (Intl formatters are costly to build, cheap to use). */
function dayFormat(locale: string, numerals: Numerals, withYear = false): Intl.DateTimeFormat {
  const tag = `${locale === "ar" ? "ar-SY" : "en-GB"}-u-nu-${numerals}`;
  const key = `${tag}${withYear ? "+y" : ""}`;
  let f = days.get(key);
  if (!f) days.set(key, (f = new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", timeZone: "UTC", ...(withYear ? { year: "numeric" } : {}) })));
  return f;
}

/**
 * A translation is a pure function of the language, the key and the values (the catalogues are
 * fixed while the server runs, the time zone is UTC), and a summary page asks for a few hundred,
 * mostly the same ones on every request. next-intl parses and formats each afresh per request,
 * which was a tenth of a page's work; remembering the results makes it a lookup.
 */
const translations = new LRUCache<string, string>({ max: 20_000 });
function remembered(locale: string, scope: string, translate: Translate): Translate {
  return (key, values) => {
    const id = `${locale}\u0000${scope}\u0000${key}\u0000${values ? JSON.stringify(values) : ""}`;
    let text = translations.get(id);
    if (text === undefined) translations.set(id, (text = translate(key, values)));
    return text;
  };
}

/**
 * Number, percent and week formatting for one reader (locale and digits), and the translators, for
 * the summary components. Fetched once by the page's top component and passed down, so the many
 * components below are synchronous: an async server component per table or badge costs the
 * server a separate streamed chunk each.
 */
export async function getServerFormatters(locale: string, numerals: Numerals) {
  const common = await getTranslations("common");
  const summary = await getTranslations("summary");
  const root = await getTranslations();
  const tc = remembered(locale, "common", (k, v) => common(k as never, v as never));
  const t = remembered(locale, "summary", (k, v) => summary(k as never, v as never));
  const tr = remembered(locale, "", (k, v) => root(k as never, v as never));
  const scope = (ns: string): Translate => (k, v) => t(`${ns}.${k}`, v);
  const n = (v: number | null | undefined) => (v === null || v === undefined ? "–" : formatNumber(v, locale, numerals));
  // Gaps have one decimal; a whole number is written without it ("91%", "83.3%").
  const pct = (v: number | null | undefined) =>
    v === null || v === undefined ? "–" : `${formatNumber(v, locale, numerals, Number.isInteger(v) ? 0 : 1)}%`;
  const week = (w: string) => tc("weekLabel", weekLabelParts(w, locale, numerals));
  const day = dayFormat(locale, numerals);
  const dayYear = dayFormat(locale, numerals, true);
  /** Day and month of a week's Monday, for chart axes; with the year where an axis needs it. */
  const weekShort = (w: string, withYear = false) => (withYear ? dayYear : day).format(weekStart(w));
  /** Which reader these formatters write for: how they appear in the key of memoised markup (components/summary/markup-memo.ts). */
  const memoKey = `${locale}-${numerals}`;
  return { n, pct, week, weekShort, t, tc, tr, scope, memoKey };
}
export type Formatters = Awaited<ReturnType<typeof getServerFormatters>>;
