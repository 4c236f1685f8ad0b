import { getTranslations, setRequestLocale } from "next-intl/server";
import { AreaImportForm } from "@/components/areas/area-import-form";
import { AREA_CSV_COLUMNS, AREA_IMPORT_MAX_BYTES, AREA_IMPORT_MAX_ROWS } from "@/lib/area-import";
import { countAreas } from "@/lib/areas";
import { formatNumber } from "@/lib/i18n/format";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { applyAreaImportAction, previewAreaImportAction } from "./actions";
import { titled } from "@/lib/next/page-title";
import { ScrollBox } from "@/components/scroll-box";

export const generateMetadata = titled("import.title");

export default async function AreaImportPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/admin/areas/import", "admin");
  const t = await getTranslations("import");
  // What the file will be compared with; the preview and apply actions check the admin role again in lib/.
  const total = pageData(locale, (db) => countAreas(db, actor));
  const n = (v: number) => formatNumber(v, locale, actor.numerals);
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro", { areas: n(total) })}</p>
      </div>
      <section aria-labelledby="import-shape" className="card grid gap-3 text-sm" data-testid="import-help">
        <h2 id="import-shape" className="text-lg font-semibold">
          {t("shapeTitle")}
        </h2>
        <p>{t("shapeIntro", { maxMb: AREA_IMPORT_MAX_BYTES / (1024 * 1024), maxRows: n(AREA_IMPORT_MAX_ROWS) })}</p>
        <ScrollBox labelledBy="import-shape">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("colColumn")}</th>
                <th scope="col">{t("colMeaning")}</th>
              </tr>
            </thead>
            <tbody>
              {AREA_CSV_COLUMNS.map((c) => (
                <tr key={c}>
                  <td>
                    <code dir="ltr">{c}</code>
                  </td>
                  <td>{t(`columns.${c}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
        <p id="import-example">{t("example")}</p>
        <ScrollBox labelledBy="import-example" hint={false}>
          <pre dir="ltr" className="rounded bg-slate-100 p-2 text-start font-mono text-xs">
            {t("sample")}
          </pre>
        </ScrollBox>
        <ul className="list-disc ps-6">
          <li>{t("ruleKey")}</li>
          <li>{t("ruleKept")}</li>
          <li>{t("ruleAllOrNothing")}</li>
        </ul>
      </section>
      <AreaImportForm maxBytes={AREA_IMPORT_MAX_BYTES} numerals={actor.numerals} preview={previewAreaImportAction} apply={applyAreaImportAction} />
    </div>
  );
}
