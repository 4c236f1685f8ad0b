import { getTranslations } from "next-intl/server";
import { formatNumber, type Numerals } from "@/lib/i18n/format";
import type { WeeklyReport } from "@/lib/reports/model";

/** A stored report, read-only: for viewers, for locked (approved) figures, and for areas outside one's own. */
export async function ReportFigures({
  report,
  sectors,
  locale,
  numerals,
}: {
  report: WeeklyReport;
  sectors: { code: string; nameEn: string; nameAr: string }[];
  locale: string;
  numerals: Numerals;
}) {
  const t = await getTranslations("reports");
  const n = (v: number | null, digits = 0) => (v === null ? t("figures.none") : formatNumber(v, locale, numerals, digits));
  // Sectors no longer active still show when this report has a figure for them.
  const shown = [...sectors, ...Object.keys(report.sectors).filter((c) => !sectors.some((s) => s.code === c)).map((c) => ({ code: c, nameEn: c, nameAr: c }))];
  return (
    <div className="grid gap-4" data-testid="report-figures">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        {(["newlyDisplacedFamilies", "repeatDisplacedFamilies", "totalDisplacedFamilies", "individuals"] as const).map((f) => (
          <div key={f} className="contents">
            <dt className="font-medium">{t(`fields.${f}`)}</dt>
            <dd className="num" data-testid={`figure-${f}`}>
              {n(report[f])}
            </dd>
          </div>
        ))}
      </dl>
      <table className="table max-w-xl">
        <caption className="mb-1 text-start font-semibold">{t("form.sectorsTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("fields.sector")}</th>
            <th scope="col">{t("fields.gapPct")}</th>
            <th scope="col">{t("fields.familiesInNeed")}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((s) => {
            const g = report.sectors[s.code];
            return (
              <tr key={s.code} data-testid={`figure-sector-${s.code}`}>
                <th scope="row" className="font-medium">
                  {locale === "ar" ? s.nameAr : s.nameEn}
                </th>
                <td className="num">{g ? t("figures.gapValue", { value: n(g.gapPct, Number.isInteger(g.gapPct) ? 0 : 1) }) : t("figures.notReported")}</td>
                <td className="num">{g ? n(g.familiesInNeed) : t("figures.none")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="font-medium">{t("fields.notes")}</dt>
        <dd className="whitespace-pre-wrap">{report.notes || t("figures.none")}</dd>
        <dt className="font-medium">{t("fields.source")}</dt>
        <dd>{report.source || t("figures.none")}</dd>
      </dl>
    </div>
  );
}
