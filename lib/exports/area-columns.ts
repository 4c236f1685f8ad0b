import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas } from "@/db/schema";
import type { AreaRef } from "../figures/read";
import type { ExportColumn } from "./table";
import { levelName, type Lang, type Translate } from "./translate";

/**
 * adm1…admN columns (P-code, English name, Arabic name) for rows at level N: the HXL way of
 * saying where a row is, so a sheet can be joined to any other P-coded data set.
 */
export function areaColumns<Row>(level: number, lang: Lang, t: Translate, ancestry: (row: Row) => AreaRef[]): ExportColumn<Row>[] {
  const out: ExportColumn<Row>[] = [];
  for (let l = 1; l <= level; l++) {
    const at = (r: Row) => ancestry(r).find((a) => a.level === l);
    const name = levelName(lang, l);
    out.push(
      { key: `adm${l}_code`, hxl: `#adm${l}+code`, label: t("columns.admCode.label", { level: name }), description: t("columns.admCode.description", { level: name }), value: (r) => at(r)?.pcode ?? null },
      { key: `adm${l}_name`, hxl: `#adm${l}+name`, label: t("columns.admName.label", { level: name }), description: t("columns.admName.description", { level: name }), value: (r) => at(r)?.nameEn ?? null },
      { key: `adm${l}_name_ar`, hxl: `#adm${l}+name+i_ar`, label: t("columns.admNameAr.label", { level: name }), description: t("columns.admNameAr.description", { level: name }), value: (r) => at(r)?.nameAr ?? null },
    );
  }
  return out;
}

/**
 * Looks up the ancestors named in materialised paths ("/3/41/388/": the last id is the row's own
 * area), one query per page of rows. Only ancestors are remembered across pages: a few hundred
 * areas at most, however many rows are exported.
 */
export function ancestryResolver(db: Db) {
  const known = new Map<number, AreaRef>();
  const ids = (path: string) => path.split("/").filter(Boolean).map(Number).slice(0, -1);
  return {
    load(paths: string[]): void {
      const missing = [...new Set(paths.flatMap(ids))].filter((id) => !known.has(id));
      if (!missing.length) return;
      const rows = db
        .select({ id: areas.id, pcode: areas.pcode, nameEn: areas.nameEn, nameAr: areas.nameAr, level: areas.level })
        .from(areas)
        .where(inArray(areas.id, missing))
        .all();
      for (const { id, ...a } of rows) known.set(id, a);
    },
    /** The row's ancestors from the top, then the row's own area. */
    of(path: string, self: AreaRef): AreaRef[] {
      return [...ids(path).flatMap((id) => known.get(id) ?? []), self];
    },
  };
}
