import { createTranslator } from "next-intl";
import { catalogues } from "../i18n/messages";
import type { SectorInfo } from "../sectors";

/**
 * What a column of an import file can hold, and how each is recognised: by HXL hashtag (Rasd's
 * own exports use these), by the template's header in English or Arabic, or by a KoboToolbox /
 * ODK question name (the last part of a group path such as `displacement/newly_displaced`).
 */

export type BaseField = "pcode" | "week" | "newly" | "repeat" | "total" | "individuals" | "notes" | "source" | "status" | "sector" | "gap" | "need";
/** Wide layout: a sector's gap and families in need each have their own column. */
export type SectorField = `gap:${string}` | `need:${string}`;
export type Field = BaseField | SectorField;

type FieldSpec = { field: Field; hxl: string[]; names: string[]; header: Record<"en" | "ar", string> };

const BASE: { field: BaseField; hxl: string[]; names: string[] }[] = [
  // P-codes: #adm1+code … #adm4+code; the deepest one given in a row is the row's area.
  { field: "pcode", hxl: ["#adm1+code", "#adm2+code", "#adm3+code", "#adm4+code", "#loc+code"], names: ["pcode", "p code", "area pcode", "admin pcode", "location pcode"] },
  { field: "week", hxl: ["#date+week", "#date"], names: ["week", "iso week", "date", "reporting week", "visit date", "report date"] },
  { field: "newly", hxl: ["#affected+idps+hh+new"], names: ["newly displaced", "newly displaced families", "new idp families", "new families"] },
  { field: "repeat", hxl: ["#affected+idps+hh+repeat"], names: ["repeat displaced", "repeat displaced families", "displaced more than once"] },
  { field: "total", hxl: ["#affected+idps+hh+total"], names: ["total displaced", "total displaced families", "total idp families"] },
  { field: "individuals", hxl: ["#affected+idps+ind"], names: ["individuals", "idp individuals"] },
  { field: "notes", hxl: ["#description+notes", "#description"], names: ["notes", "comments", "remarks"] },
  { field: "source", hxl: ["#meta+source"], names: ["source"] },
  { field: "status", hxl: ["#status"], names: ["status"] },
  // Long layout: one row per area, week and sector.
  { field: "sector", hxl: ["#sector"], names: ["sector", "cluster"] },
  { field: "gap", hxl: ["#indicator+gap+pct"], names: ["gap", "gap pct", "gap percent", "response gap"] },
  { field: "need", hxl: ["#inneed+hh"], names: ["families in need", "in need"] },
];

/** The wide layout's sector columns for the active sectors. */
function sectorSpecs(sectors: SectorInfo[]): { field: SectorField; hxl: string[]; names: string[]; sector: SectorInfo }[] {
  return sectors.flatMap((s) => [
    { field: `gap:${s.code}` as const, hxl: [...new Set([`#indicator+gap+pct+${s.hxl}`, `#indicator+gap+pct+${s.code}`])], names: [`${s.code} gap`, `gap ${s.code}`, `${s.nameEn} gap`], sector: s },
    { field: `need:${s.code}` as const, hxl: [...new Set([`#inneed+hh+${s.hxl}`, `#inneed+hh+${s.code}`])], names: [`${s.code} in need`, `${s.code} families in need`, `${s.nameEn} families in need`], sector: s },
  ]);
}

/** Unicode direction marks and isolates: invisible, never part of a header as typed. */
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const header = (lang: "en" | "ar") => {
  const t = createTranslator({ locale: lang, messages: catalogues[lang], namespace: "figuresImport" });
  // The Arabic catalogue isolates Latin tokens such as "P-code" for display; a file's header holds none.
  return (key: string, values?: Record<string, string>) => (t(key as never, values as never) as string).replace(BIDI, "");
};

/** Every field with its hashtags, names and the template's headers in both languages. */
export function fieldSpecs(sectors: SectorInfo[]): FieldSpec[] {
  const en = header("en");
  const ar = header("ar");
  return [
    ...BASE.map((b) => ({ ...b, header: { en: en(`columns.${b.field}`), ar: ar(`columns.${b.field}`) } })),
    ...sectorSpecs(sectors).map((s) => {
      const [kind] = s.field.split(":") as ["gap" | "need"];
      return { field: s.field, hxl: s.hxl, names: s.names, header: { en: en(`columns.${kind}Of`, { sector: s.sector.nameEn }), ar: ar(`columns.${kind}Of`, { sector: s.sector.nameAr }) } };
    }),
  ];
}

/** An HXL hashtag with its attributes in a fixed order, so `#affected+hh+idps+new` is `#affected+idps+hh+new`. */
export function normaliseHashtag(text: string): string | null {
  const m = /^\s*(#[a-z][a-z0-9_]*)((?:\s*\+\s*[a-z][a-z0-9_]*)*)\s*$/i.exec(text);
  if (!m) return null;
  const attrs = m[2]!
    .split("+")
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean)
    // A language attribute (+i_ar) names the language of a text column, not what it holds.
    .filter((a) => !/^i_[a-z]{2,3}$/.test(a))
    .sort();
  return [m[1]!.toLowerCase(), ...attrs].join("+");
}

const DIACRITICS = /[\u064B-\u065F\u0670\u0640]/g;

/** A header as compared: lower case, no diacritics or tatweel, group path and separators dropped. */
export function normaliseHeader(text: string): string {
  const last = text.split("/").at(-1) ?? text;
  return last
    .replace(BIDI, "")
    .replace(DIACRITICS, "")
    .replace(/[أإآ]/g, "ا")
    .toLowerCase()
    .replace(/[_\-.:()]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Kobo, ODK and Ona add these to every export: never figures. */
export function isSystemColumn(headerText: string): boolean {
  const h = (headerText.split("/").at(-1) ?? "").trim();
  return /^_/.test(h) || /^(meta\/)?(instanceid|deviceid|username|end|simserial|subscriberid|phonenumber|audit)$/i.test(h) || /^__version__$/i.test(h);
}
