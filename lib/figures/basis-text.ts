import type { GapRow } from "./gap-ranking";
import type { WeekFigures } from "./read";

import type { Translate } from "../i18n/translate";

/** How a figure was obtained, in words ("summary" catalogue): for exports and the gap report. */
export function basisText(t: Translate, r: Pick<WeekFigures, "basis" | "childrenCount">): string {
  if (r.basis === "direct") return t("basis.direct");
  if (r.basis === "children") return t("basis.children", { count: r.childrenCount });
  return t("basis.none");
}

/** A gap report row: one week, or how many of the range's weeks were direct reports. */
export function gapBasisText(t: Translate, r: Pick<GapRow, "directWeeks" | "childrenCount" | "weeksWithData">, single: boolean): string {
  if (single) return r.directWeeks ? t("basis.direct") : t("basis.children", { count: r.childrenCount });
  return t("basis.directWeeks", { direct: r.directWeeks, weeks: r.weeksWithData });
}
