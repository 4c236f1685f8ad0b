import { ScrollBox } from "@/components/scroll-box";
import { warningSentence } from "@/components/reports/warning-text";
import { getTranslations } from "next-intl/server";
import { fieldLabel, fieldValue, sectorNames } from "@/components/reports/field-label";
import type { FormAction } from "@/lib/action-state";
import type { Applied } from "@/lib/import/apply";
import type { SavedMapping } from "@/lib/import/mappings";
import type { UploadPreview } from "@/lib/import/uploads";
import type { Msg } from "@/lib/errors";
import { isolateValues } from "@/lib/i18n/bidi";
import { formatDateTime, formatNumber, type Numerals } from "@/lib/i18n/format";
import { chosenParams } from "@/lib/validation/figures-import";
import { ImportActionForm } from "./import-action-form";

/** Rows of each list shown per page: a 50,000-row file previews a page at a time. */
export const PREVIEW_PAGE_SIZE = 100;

type Props = {
  preview: UploadPreview;
  page: number;
  locale: string;
  numerals: Numerals;
  timeZone: string;
  sectors: { code: string; nameEn: string; nameAr: string }[];
  apply: FormAction<Applied>;
  saveMapping: FormAction<SavedMapping>;
};

/** The dry run of an upload: counts, the columns (changeable), refused rows, warnings, every report's changes, and the apply. */
export async function ImportPreview({ preview: p, page, locale, numerals, timeZone, sectors, apply, saveMapping }: Props) {
  const t = await getTranslations("figuresImport");
  const tAll = await getTranslations();
  const tr = await getTranslations("reports");
  const tcommon = await getTranslations("common");
  const tc = (key: string, values?: Record<string, string | number>) => tcommon(key as never, values as never);
  const trs = (key: string, values?: Record<string, string | number>) => tr(key as never, values as never);
  const msg = (m: Msg) => tAll(m.key as never, isolateValues(m.values) as never);
  const n = (v: number) => formatNumber(v, locale, numerals);
  const sectorName = sectorNames(sectors, locale);
  const label = (field: string) => fieldLabel(trs, field, sectorName);

  // What every link and form of this preview carries: the upload, its options and the columns chosen by hand.
  const savedParam = p.savedUsed ? String(p.savedUsed.id) : "none";
  const base: Record<string, string> = { upload: String(p.upload.id), status: p.status, saved: savedParam, ...(p.sheet && p.sheets.length ? { sheet: p.sheet } : {}), ...chosenParams(p.chosen) };
  const withoutSaved = Object.fromEntries(Object.entries(base).filter(([k]) => k !== "saved" && !/^c\d+$/.test(k)));
  const href = (extra: Record<string, string>) => `/${locale}/reports/import?${new URLSearchParams({ ...base, ...extra })}`;

  const warned = p.items.filter((i) => i.warnings.length);
  const pages = Math.max(1, Math.ceil(Math.max(p.errors.length, p.items.length, warned.length) / PREVIEW_PAGE_SIZE));
  const current = Math.min(page, pages);
  const slice = <T,>(list: T[]) => list.slice((current - 1) * PREVIEW_PAGE_SIZE, current * PREVIEW_PAGE_SIZE);
  const range = (total: number) =>
    total > PREVIEW_PAGE_SIZE ? (
      <p className="text-xs text-slate-600">{t("page.shownRange", { from: n(Math.min(total, (current - 1) * PREVIEW_PAGE_SIZE + 1)), to: n(Math.min(total, current * PREVIEW_PAGE_SIZE)), total: n(total) })}</p>
    ) : null;
  const fieldName = (field: string) => {
    const [kind, code] = field.split(":");
    return code ? t(`columns.${kind}Of` as never, { sector: sectorName(code) } as never) : t(`columns.${field}` as never);
  };
  const writes = p.create + p.update;
  const canApply = p.errors.length === 0 && p.missing.length === 0;

  const pager =
    pages > 1 ? (
      <nav aria-label={t("page.pageOf", { page: n(current), pages: n(pages) })} className="flex flex-wrap items-center gap-3 text-sm" data-testid="preview-pager">
        {current > 1 ? <a href={href({ page: String(current - 1) })}>{t("page.prev")}</a> : null}
        <span>{t("page.pageOf", { page: n(current), pages: n(pages) })}</span>
        {current < pages ? (
          <a href={href({ page: String(current + 1) })} data-testid="preview-next">
            {t("page.next")}
          </a>
        ) : null}
      </nav>
    ) : null;

  return (
    <section aria-labelledby="preview-title" className="grid gap-6" data-testid="import-preview">
      <div className="card grid gap-3">
        <h2 id="preview-title" className="text-lg font-semibold">
          {t("page.previewTitle")}
        </h2>
        <p className="text-sm">
          {t("page.previewIntro")}{" "}
          {t("page.fileInfo", { name: p.upload.fileName, size: n(Math.max(1, Math.round(p.upload.size / 1024))), at: formatDateTime(p.upload.createdAt, locale, numerals, timeZone) })}
        </p>
        {p.sheet && p.sheets.length ? <p className="text-sm">{t("page.sheetInfo", { sheet: p.sheet, sheets: p.sheets.join(", ") })}</p> : null}
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3" data-testid="preview-counts">
          {(
            [
              ["rows", "countRows", p.rows],
              ["create", "countCreate", p.create],
              ["update", "countUpdate", p.update],
              ["unchanged", "countUnchanged", p.unchanged],
              ["errors", "countErrors", p.errors.length],
              ["warnings", "countWarnings", warned.length],
            ] as const
          ).map(([id, key, v]) => (
            <div key={id} className="rounded border border-slate-200 p-2" data-testid={`count-${id}`}>
              <dt className="text-xs text-slate-600">{t(`page.${key}`)}</dt>
              <dd className="text-lg font-semibold" data-value={v}>
                {n(v)}
              </dd>
            </div>
          ))}
        </dl>
        <p className="text-sm">{p.mapping.layout === "long" ? t("page.layoutLong") : t("page.layoutWide")}</p>
      </div>

      <div className="card grid gap-3" data-testid="preview-mapping">
        <h2 className="text-lg font-semibold">{t("page.mappingTitle")}</h2>
        <p className="text-sm">{t("page.mappingIntro")}</p>
        <div className="grid gap-2 text-sm" data-testid="saved-mappings">
          <p>{p.savedUsed ? t("page.savedUsing", { name: p.savedUsed.name }) : t("page.savedNone")}</p>
          {p.savedMappings.length ? (
            <form method="get" action={`/${locale}/reports/import`} className="flex flex-wrap items-end gap-2">
              {Object.entries(withoutSaved).map(([k, v]) => (
                <input key={k} type="hidden" name={k} value={v} />
              ))}
              <label className="grid gap-1">
                <span className="label">{t("page.savedChoose")}</span>
                <select name="saved" defaultValue={savedParam} className="input" data-testid="saved-choice">
                  <option value="none">{t("page.savedNoneOption")}</option>
                  {p.savedMappings.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="btn-secondary">
                {t("page.savedApply")}
              </button>
            </form>
          ) : null}
        </div>
        <form method="get" action={`/${locale}/reports/import`} className="grid gap-3" data-testid="mapping-form">
          {Object.entries({ ...withoutSaved, saved: savedParam }).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <ScrollBox labelledBy="import-mapping-caption">
            <table className="table">
              <caption id="import-mapping-caption" className="sr-only">{t("page.mappingTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("page.colColumn")}</th>
                  <th scope="col">{t("page.colField")}</th>
                  <th scope="col">{t("page.colSamples")}</th>
                </tr>
              </thead>
              <tbody>
                {p.mapping.columns.map((c) => (
                  <tr key={c.index} data-testid="mapping-row" data-header={c.header}>
                    <th scope="row" className="text-start font-normal">
                      <bdi className="font-mono text-xs">{c.header || `#${c.index + 1}`}</bdi>
                      {c.hashtag ? (
                        <span className="block font-mono text-xs text-slate-700" dir="ltr">
                          {c.hashtag}
                        </span>
                      ) : null}
                    </th>
                    <td>
                      <select name={`c${c.index}`} defaultValue={c.field ?? "-"} className="input min-w-40" aria-label={t("page.colField") + ": " + (c.header || `#${c.index + 1}`)} data-testid={`map-${c.index}`}>
                        <option value="-">{t("page.ignore")}</option>
                        {p.fieldOptions.map((o) => (
                          <option key={o.field} value={o.field}>
                            {fieldName(o.field)}
                          </option>
                        ))}
                      </select>
                      <span className="block text-xs text-slate-700">{t(`page.via.${c.via ?? "none"}`)}</span>
                    </td>
                    <td className="text-xs">
                      {c.samples.map((s, i) => (
                        <bdi key={i} className="me-2 inline-block">
                          {s.slice(0, 40)}
                        </bdi>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
          <div>
            <button type="submit" className="btn-secondary" data-testid="remap">
              {t("page.remap")}
            </button>
          </div>
        </form>
        <details className="text-sm">
          <summary className="cursor-pointer font-semibold">{t("page.saveTitle")}</summary>
          <div className="mt-2 grid gap-2">
            <p>{t("page.saveHint")}</p>
            <ImportActionForm action={saveMapping} hidden={base} submit={t("page.saveButton")} pending={t("page.saveButton")} testId="save-mapping">
              <label className="grid gap-1">
                <span className="label">{t("page.saveName")}</span>
                <input name="name" className="input" maxLength={100} required data-testid="mapping-name" />
              </label>
            </ImportActionForm>
          </div>
        </details>
      </div>

      {p.errors.length ? (
        <div className="card grid gap-3 border-red-300" data-testid="preview-errors">
          <h2 className="text-lg font-semibold">{t("page.errorsTitle")}</h2>
          <p className="text-sm">{t("page.errorsIntro", { count: p.errors.length })}</p>
          {range(p.errors.length)}
          <ScrollBox labelledBy="import-errors-caption">
            <table className="table">
              <caption id="import-errors-caption" className="sr-only">{t("page.errorsTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("page.colRow")}</th>
                  <th scope="col">{t("page.colColumn")}</th>
                  <th scope="col">{t("page.colMessage")}</th>
                </tr>
              </thead>
              <tbody>
                {slice(p.errors).map((e, i) => (
                  <tr key={i} data-testid="preview-error">
                    <td>{n(e.row)}</td>
                    <td>
                      <bdi>{e.column}</bdi>
                    </td>
                    <td>{msg(e.msg)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        </div>
      ) : null}

      {warned.length ? (
        <div className="card grid gap-3" data-testid="preview-warnings">
          <h2 className="text-lg font-semibold">{t("page.warningsTitle")}</h2>
          <p className="text-sm">{t("page.warningsIntro")}</p>
          {range(warned.length)}
          <ul className="grid gap-1 text-sm">
            {slice(warned).flatMap((i) =>
              i.warnings.map((w) => (
                <li key={`${i.row}-${w.field}-${w.kind}`} data-testid="preview-warning">
                  {t("page.colRow")} {n(i.row)} · <bdi>{i.pcode}</bdi> · <bdi>{i.week}</bdi>:{" "}
                  {label(w.field)}: {warningSentence(trs, tc, w, locale, numerals)}
                </li>
              )),
            )}
          </ul>
        </div>
      ) : null}

      {p.items.length ? (
        <div className="card grid gap-3" data-testid="preview-items">
          <h2 className="text-lg font-semibold">{t("page.changesTitle")}</h2>
          {range(p.items.length)}
          <ScrollBox labelledBy="import-changes-caption">
            <table className="table">
              <caption id="import-changes-caption" className="sr-only">{t("page.changesTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("page.colRow")}</th>
                  <th scope="col">{t("page.colArea")}</th>
                  <th scope="col">{t("page.colAction")}</th>
                  <th scope="col">{t("page.colChanges")}</th>
                </tr>
              </thead>
              <tbody>
                {slice(p.items).map((i) => (
                  <tr key={`${i.pcode}-${i.week}`} data-testid="preview-item" data-action={i.action}>
                    <td>{n(i.row)}</td>
                    <td>
                      <bdi className="font-mono">{i.pcode}</bdi> <bdi className="font-mono">{i.week}</bdi>
                    </td>
                    <td>{t(`page.action.${i.action}`)}</td>
                    <td className="text-xs">
                      <ul>
                        {i.changes.map((c) => (
                          <li key={c.field} data-testid="preview-change">
                            {t("page.change", { field: label(c.field), from: fieldValue(trs, c.field, c.from, locale, numerals), to: fieldValue(trs, c.field, c.to, locale, numerals) })}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        </div>
      ) : null}
      {pager}

      <div className="card grid gap-3" data-testid="preview-apply">
        <h2 className="text-lg font-semibold">{t("page.applyTitle")}</h2>
        {canApply ? (
          <>
            <p className="text-sm">{t("page.applyIntro", { count: writes })}</p>
            <ImportActionForm
              action={apply}
              hidden={{ ...base, fingerprint: p.fingerprint }}
              submit={t("page.applyButton")}
              pending={t("page.applying")}
              testId="apply-import"
              progress={{ url: "/api/v1/imports/uploads/apply", doneHref: `/${locale}/reports/imports/{id}?applied=1` }}
              numerals={numerals}
            >
              {warned.length ? (
                <label className="flex items-start gap-2 text-sm">
                  <input type="checkbox" name="confirmWarnings" value="on" required data-testid="confirm-warnings" />
                  <span>{t("page.confirmWarnings")}</span>
                </label>
              ) : null}
            </ImportActionForm>
          </>
        ) : (
          <p className="text-sm" data-testid="fix-first">
            {t("page.fixFirst")}
          </p>
        )}
      </div>
    </section>
  );
}
