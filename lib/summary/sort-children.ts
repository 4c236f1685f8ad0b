import type { AreaRef, WeekFigures } from "../figures/read";
import type { ChildSort } from "../validation/summary";

type Row = WeekFigures & { area: AreaRef };

/**
 * Orders the children table by a column. Areas without a figure always go last, whichever the
 * direction, so that sorting by "newly displaced" never opens on a page of blanks.
 */
export function sortChildren(rows: Row[], sort: ChildSort, dir: "asc" | "desc", sector: string | null, locale: string): Row[] {
  const collator = new Intl.Collator(locale === "ar" ? "ar" : "en", { sensitivity: "base" });
  const name = (r: Row) => (locale === "ar" ? r.area.nameAr : r.area.nameEn);
  const sectorOf = (r: Row) => r.sectors.find((s) => s.code === sector);
  const key = (r: Row): number | string | null => {
    switch (sort) {
      case "name":
        return name(r);
      case "pcode":
        return r.area.pcode;
      case "newly":
        return r.newlyDisplacedFamilies;
      case "repeat":
        return r.repeatDisplacedFamilies;
      case "total":
        return r.totalDisplacedFamilies;
      case "basis":
        return r.basis === "none" ? null : r.basis === "direct" ? -1 : r.childrenCount;
      case "gap":
        return sectorOf(r)?.gapPct ?? null;
      case "unmet":
        return sectorOf(r)?.unmetFamilies ?? null;
    }
  };
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) return ka === kb ? a.area.pcode.localeCompare(b.area.pcode) : ka === null ? 1 : -1;
    const c = typeof ka === "string" && typeof kb === "string" ? collator.compare(ka, kb) : (ka as number) - (kb as number);
    return c !== 0 ? sign * c : a.area.pcode.localeCompare(b.area.pcode);
  });
}
