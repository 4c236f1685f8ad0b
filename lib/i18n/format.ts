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
