import { formatNumber, type Numerals } from "@/lib/i18n/format";

/** A translator for the "reports" namespace, from useTranslations or getTranslations. */
type T = (key: string, values?: Record<string, string | number>) => string;

/** A field as the form, the API and the history name it ("sectors.nfi.gapPct"), in the reader's words. */
export function fieldLabel(t: T, field: string, sectorName: (code: string) => string): string {
  const sector = /^sectors\.([^.]+)\.(gapPct|familiesInNeed)$/.exec(field);
  if (sector) return t(sector[2] === "gapPct" ? "fields.sectorGap" : "fields.sectorNeed", { sector: sectorName(sector[1]!) });
  if (/^sectors\.[^.]+$/.test(field)) return sectorName(field.slice(8));
  const known = ["newlyDisplacedFamilies", "repeatDisplacedFamilies", "totalDisplacedFamilies", "individuals", "notes", "source", "status", "version", "week"];
  return known.includes(field) ? t(`fields.${field}`) : field;
}

/** A value from a snapshot, formatted for the reader: numbers per locale, gaps with their decimal, statuses translated. */
export function fieldValue(t: T, field: string, value: unknown, locale: string, numerals: Numerals): string {
  if (value === null || value === undefined || value === "") return t("history.unset");
  if (field === "status" && typeof value === "string") return t(`status.${value}`);
  if (typeof value === "number") {
    const digits = Number.isInteger(value) ? 0 : 1;
    const n = formatNumber(value, locale, numerals, digits);
    return field.endsWith(".gapPct") ? t("figures.gapValue", { value: n }) : n;
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Sector names in the reader's language, by code (an unknown code shows as itself). */
export function sectorNames(sectors: { code: string; nameEn: string; nameAr: string }[], locale: string) {
  const byCode = new Map(sectors.map((s) => [s.code, locale === "ar" ? s.nameAr : s.nameEn]));
  return (code: string) => byCode.get(code) ?? code;
}
