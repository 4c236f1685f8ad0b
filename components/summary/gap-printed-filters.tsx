import type { GapQuery } from "@/lib/figures/gap-ranking";
import type { AreaRef } from "@/lib/figures/read";
import type { SectorInfo } from "@/lib/sectors";
import type { Formatters } from "@/lib/i18n/server-formatters";

/** The filters in words, shown only on paper (the form is hidden when printing). */
export function GapPrintedFilters({ q, sector, parent, locale, f }: { q: GapQuery; sector: SectorInfo; parent: AreaRef | null; locale: string; f: Formatters }) {
  const t = f.scope("gaps");
  const tc = f.tc;
  const name = (a: { nameEn: string; nameAr: string }) => (locale === "ar" ? a.nameAr : a.nameEn);
  const show = { all: t("showAll"), high: t("showHigh"), critical: t("showCritical") }[q.show];
  const items: [string, string][] = [
    [t("week"), q.from === q.to ? f.week(q.to) : t("period", { from: f.week(q.from), to: f.week(q.to) })],
    [t("level"), tc(`levels.${q.level}`)],
    [t("parent"), parent ? `${name(parent)} (${parent.pcode})` : t("parentAll")],
    [t("sector"), name(sector)],
    [t("critical"), f.pct(q.critical)],
    [t("high"), f.pct(q.high)],
    [t("show"), show],
    [t("results"), t(`sorts.${q.sort}`)],
  ];
  return (
    <section className="print-only" aria-label={t("printedFilters")} data-testid="printed-filters">
      <h2 className="font-semibold">{t("printedFilters")}</h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 text-sm">
        {items.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-medium">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
