import { getTranslations, setRequestLocale } from "next-intl/server";
import { ImportActionForm } from "@/components/imports/import-action-form";
import { ImportPreview } from "@/components/imports/import-preview";
import { getDb } from "@/db/client";
import { isAppError, type Msg } from "@/lib/errors";
import { isolateValues } from "@/lib/i18n/bidi";
import { formatNumber } from "@/lib/i18n/format";
import { IMPORT_LIMITS } from "@/lib/import/limits";
import { previewUpload, readPreviewQuery, type UploadPreview } from "@/lib/import/uploads";
import { pageActor } from "@/lib/next/page-guard";
import { titled } from "@/lib/next/page-title";
import { activeSectors } from "@/lib/sectors";
import { applyFiguresAction, saveImportMappingAction, uploadFiguresAction } from "./actions";

export const generateMetadata = titled("figuresImport.page.title");

type Search = Record<string, string | string[] | undefined>;

export default async function FiguresImportPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<Search> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/reports/import", "admin", "coordinator");
  const sp = await searchParams;
  const t = await getTranslations("figuresImport");
  const tAll = await getTranslations();
  const n = (v: number) => formatNumber(v, locale, actor.numerals);

  // The preview is a GET of a kept upload: reading it writes nothing. A refusal (an upload gone,
  // a file that no longer reads with the sheet asked for, a bad value in the address) is shown, never a 500.
  let preview: UploadPreview | null = null;
  let refusal: Msg | null = null;
  let page = 1;
  if (sp.upload !== undefined) {
    try {
      const q = readPreviewQuery(sp);
      page = q.page;
      preview = await previewUpload(getDb(), actor, q);
    } catch (e) {
      if (!isAppError(e)) throw e;
      refusal = e.fieldErrors?.upload ? { key: "figuresImport.page.uploadGone" } : e.msg;
      if (e.fieldErrors && !e.fieldErrors.upload) refusal = Object.values(e.fieldErrors)[0] ?? e.msg;
    }
  }
  const sectors = activeSectors(getDb());
  const status = sp.status === "submitted" ? "submitted" : "draft";
  const templateLink = (format: "csv" | "xlsx", lang: "en" | "ar", key: string) => (
    <li>
      <a href={`/api/v1/imports/template?format=${format}&lang=${lang}`} data-testid={`template-${format}-${lang}`} download>
        {t(`page.${key}`)}
      </a>
    </li>
  );

  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-bold">{t("page.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("page.intro")}</p>
        <p className="mt-1 text-sm text-slate-600">{t("page.limits", { maxMb: IMPORT_LIMITS.bytes / 1024 / 1024, maxRows: n(IMPORT_LIMITS.rows) })}</p>
        <p className="mt-1 text-sm">
          <a href={`/${locale}/reports/imports`} data-testid="imports-link">
            {t("nav.imports")}
          </a>
        </p>
      </div>
      {sp.mappingSaved && preview?.savedUsed ? (
        <div className="alert-ok" role="status" data-testid="mapping-saved">
          {t("page.saved", { name: preview.savedUsed.name })}
        </div>
      ) : null}
      {refusal ? (
        <div className="alert-error" role="alert" data-testid="preview-refused">
          {tAll(refusal.key as never, isolateValues(refusal.values) as never)}
        </div>
      ) : null}
      {preview ? (
        <ImportPreview
          preview={preview}
          page={page}
          locale={locale}
          numerals={actor.numerals}
          timeZone={actor.timeZone}
          sectors={sectors}
          apply={applyFiguresAction}
          saveMapping={saveImportMappingAction}
        />
      ) : null}
      <section aria-labelledby="upload-title" className="card grid gap-3">
        <h2 id="upload-title" className="text-lg font-semibold">
          {preview ? t("page.uploadAgainTitle") : t("page.uploadTitle")}
        </h2>
        <ImportActionForm action={uploadFiguresAction} hidden={{}} submit={t("page.previewButton")} pending={t("page.previewing")} testId="upload-form" multipart>
          <div>
            <label className="label" htmlFor="import-file">
              {t("page.fileLabel")}
            </label>
            <input id="import-file" name="file" type="file" accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="input" aria-describedby="import-file-hint" required />
            <p id="import-file-hint" className="mt-1 text-xs text-slate-600">
              {t("page.fileHint")}
            </p>
          </div>
          <div>
            <label className="label" htmlFor="import-sheet">
              {t("page.sheetLabel")}
            </label>
            <input id="import-sheet" name="sheet" className="input" maxLength={100} aria-describedby="import-sheet-hint" defaultValue={typeof sp.sheet === "string" ? sp.sheet : ""} />
            <p id="import-sheet-hint" className="mt-1 text-xs text-slate-600">
              {t("page.sheetHint")}
            </p>
          </div>
          <div>
            <label className="label" htmlFor="import-status">
              {t("page.statusLabel")}
            </label>
            <select id="import-status" name="status" className="input" defaultValue={status} data-testid="upload-status">
              <option value="draft">{t("page.statusDraft")}</option>
              <option value="submitted">{t("page.statusSubmitted")}</option>
            </select>
          </div>
        </ImportActionForm>
      </section>
      <section aria-labelledby="template-title" className="card grid gap-2 text-sm" data-testid="import-template">
        <h2 id="template-title" className="text-lg font-semibold">
          {t("page.templateTitle")}
        </h2>
        <p>{t("page.templateIntro")}</p>
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {templateLink("csv", "en", "templateCsv")}
          {templateLink("csv", "ar", "templateCsvAr")}
          {templateLink("xlsx", "en", "templateXlsx")}
          {templateLink("xlsx", "ar", "templateXlsxAr")}
        </ul>
      </section>
    </div>
  );
}
