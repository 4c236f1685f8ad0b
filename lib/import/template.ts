import { createTranslator } from "next-intl";
import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import { exportFormat, fileOf, type ExportFile } from "../exports/file";
import type { ExportColumn, ExportTable } from "../exports/table";
import type { Lang } from "../exports/translate";
import { catalogues } from "../i18n/messages";
import { activeSectors } from "../sectors";
import { fieldSpecs, type Field } from "./fields";

/**
 * The figures template: the wide layout's columns (the active sectors' gap and families in need
 * each in their own column) with headers in English or Arabic and the HXL row under them, which
 * is what the import recognises first. The XLSX's second sheet explains every column. No rows:
 * an example row left in by mistake would be imported as figures.
 */

const ORDER: Field[] = ["pcode", "week", "newly", "repeat", "total", "individuals"];
const TAIL: Field[] = ["notes", "source", "status"];
/** The template's hashtag for the P-code: any level's P-code (#adm1+code … #adm4+code are read too). */
const HXL: Partial<Record<Field, string>> = { pcode: "#loc+code" };

export function importTemplateTable(db: Db, lang: Lang): ExportTable<never> {
  const t = createTranslator({ locale: lang, messages: catalogues[lang], namespace: "figuresImport" });
  const tr = (key: string, values?: Record<string, string>) => t(key as never, values as never) as string;
  const sectors = activeSectors(db);
  const specs = new Map(fieldSpecs(sectors).map((s) => [s.field, s]));
  const col = (field: Field): ExportColumn<never> => {
    const spec = specs.get(field)!;
    const [kind, code] = field.split(":") as [string, string | undefined];
    const sector = code ? sectors.find((s) => s.code === code) : undefined;
    const sectorName = sector ? (lang === "ar" ? sector.nameAr : sector.nameEn) : "";
    return {
      key: field,
      hxl: HXL[field] ?? spec.hxl[0]!,
      label: spec.header[lang],
      description: sector ? tr(`template.describe.${kind}Of`, { sector: sectorName, code: sector.code }) : tr(`template.describe.${field}`),
      value: () => null,
    };
  };
  const sectorFields = sectors.flatMap((s) => [`gap:${s.code}`, `need:${s.code}`] as Field[]);
  return {
    name: lang === "ar" ? "rasd-figures-template-ar" : "rasd-figures-template",
    sheetName: tr("template.sheet"),
    definitionsSheetName: tr("template.definitionsSheet"),
    definitionHeaders: [tr("template.headColumn"), tr("template.headHxl"), tr("template.headMeaning")],
    columns: [...ORDER, ...sectorFields, ...TAIL].map(col),
    notes: [tr("template.notes.rows"), tr("template.notes.weeks"), tr("template.notes.numbers"), tr("template.notes.long"), tr("template.notes.allOrNothing")],
    rtl: lang === "ar",
    pages: [],
  };
}

/** GET …/imports/template?format=csv|xlsx&lang=en|ar: any signed-in user may read the template. */
export function exportImportTemplate(db: Db, actor: Actor | null, raw: Record<string, unknown>): ExportFile {
  requireActor(actor);
  const { format, lang } = exportFormat(raw);
  return fileOf(importTemplateTable(db, lang), format);
}
