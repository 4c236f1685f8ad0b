"use client";

import { useActionState, useState, useTransition, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { FieldError, FormAlert } from "@/components/form-kit";
import type { ActionState, FormAction } from "@/lib/action-state";
import type { AreaImportPreview, AreaImportSummary } from "@/lib/area-import";
import type { Msg } from "@/lib/errors";
import { formatNumber, type Numerals } from "@/lib/i18n/format";
import { ImportPlanView } from "./import-plan-view";
import { ImportRowErrors } from "./import-row-errors";

/**
 * Two steps, each a server action: Preview (parse and plan, write nothing) and Apply (the same
 * text and the plan's fingerprint). Both results live here, from useActionState. Without
 * JavaScript each post renders only its own step's result, which is all the page needs.
 */
export function AreaImportForm({
  maxBytes,
  numerals,
  preview: previewImport,
  apply: applyImport,
}: {
  maxBytes: number;
  numerals: Numerals;
  preview: FormAction<AreaImportPreview>;
  apply: FormAction<AreaImportSummary>;
}) {
  const t = useTranslations("import");
  const locale = useLocale();
  const [preview, previewAction, previewPending] = useActionState(previewImport, null);
  const [applied, applyAction, applyPending] = useActionState(applyImport, null);
  // With JavaScript both results can be set; the step submitted last is the one shown.
  const [last, setLast] = useState<"preview" | "apply" | null>(null);
  const [tooBig, setTooBig] = useState<Msg | null>(null);
  const [, startTransition] = useTransition();
  const busy = previewPending || applyPending;
  const maxMb = maxBytes / (1024 * 1024);
  const current = last ?? (applied ? "apply" : preview ? "preview" : null);

  // Submitting by hand (not through the form's action) keeps the chosen file and pasted text after an error.
  const onPreview = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const file = fd.get("file");
    if (file instanceof File && file.size > maxBytes) {
      setTooBig({ key: "import.tooLarge", values: { max: maxMb } });
      return;
    }
    setTooBig(null);
    setLast("preview");
    startTransition(() => previewAction(fd));
  };
  const onApply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    setLast("apply");
    startTransition(() => applyAction(fd));
  };

  const fieldErrors = current === "preview" && preview && !preview.ok ? preview.fieldErrors : undefined;
  const plan = preview?.ok ? preview.data : null;
  const changes = plan ? plan.addedCount + plan.renamedCount + plan.movedCount : 0;

  return (
    <div className="grid gap-6">
      <form action={previewAction} onSubmit={onPreview} noValidate className="card grid gap-4" data-testid="import-form">
        <h2 className="text-lg font-semibold">{t("step1")}</h2>
        <div>
          <label className="label" htmlFor="import-file">
            {t("fileLabel")}
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            className="input"
            aria-describedby="import-file-hint file-error"
            aria-invalid={!!(tooBig || fieldErrors?.file)}
          />
          <p id="import-file-hint" className="mt-1 text-xs text-slate-600">
            {t("fileHint", { max: maxMb })}
          </p>
          <FieldError id="file-error" message={tooBig ?? fieldErrors?.file} />
        </div>
        <div>
          <label className="label" htmlFor="import-csv">
            {t("csvLabel")}
          </label>
          <textarea
            id="import-csv"
            name="csv"
            rows={6}
            dir="ltr"
            spellCheck={false}
            className="input font-mono"
            aria-describedby="import-csv-hint csv-error"
            aria-invalid={!!fieldErrors?.csv}
          />
          <p id="import-csv-hint" className="mt-1 text-xs text-slate-600">
            {t("csvHint")}
          </p>
          <FieldError id="csv-error" message={fieldErrors?.csv} />
        </div>
        <div className="flex items-center gap-3">
          <button type="submit" className="btn" disabled={busy} aria-busy={previewPending} data-testid="import-preview">
            {previewPending ? t("previewing") : t("preview")}
          </button>
          <span role="status" className="text-sm text-slate-600">
            {previewPending ? t("previewingLong") : applyPending ? t("applyingLong") : ""}
          </span>
        </div>
      </form>

      {current === "preview" && preview ? (
        <section aria-labelledby="import-result" className="card grid gap-4" data-testid="import-preview-result">
          <h2 id="import-result" className="text-lg font-semibold">
            {t("step2")}
          </h2>
          {plan ? (
            <>
              <ImportPlanView plan={plan} numerals={numerals} testId="import-plan" />
              {changes ? (
                <form action={applyAction} onSubmit={onApply} className="flex flex-wrap items-center gap-3">
                  <input type="hidden" name="csv" value={plan.csv} />
                  <input type="hidden" name="fingerprint" value={plan.fingerprint} />
                  <button type="submit" className="btn" disabled={busy} aria-busy={applyPending} data-testid="import-apply">
                    {applyPending ? t("applying") : t("apply", { count: formatNumber(changes, locale, numerals) })}
                  </button>
                  <span className="text-sm text-slate-600">{t("applyHelp")}</span>
                </form>
              ) : (
                <p className="alert-ok" role="status" data-testid="import-nothing">
                  {t("nothingToDo")}
                </p>
              )}
            </>
          ) : (
            <ResultError state={preview} numerals={numerals} />
          )}
        </section>
      ) : null}

      {current === "apply" && applied ? (
        <section
          aria-labelledby="import-applied"
          className="card grid gap-4"
          data-testid={applied.ok ? "import-done" : "import-apply-failed"}
        >
          <h2 id="import-applied" className="text-lg font-semibold">
            {applied.ok ? t("doneTitle") : t("applyFailedTitle")}
          </h2>
          {applied.ok ? (
            <>
              <p className="alert-ok" role="status">
                {t("done", {
                  added: formatNumber(applied.data.addedCount, locale, numerals),
                  renamed: formatNumber(applied.data.renamedCount, locale, numerals),
                  moved: formatNumber(applied.data.movedCount, locale, numerals),
                })}
              </p>
              <ImportPlanView plan={applied.data} numerals={numerals} testId="import-applied-plan" />
            </>
          ) : (
            <>
              <ResultError state={applied} numerals={numerals} />
              <p className="text-sm">{t("previewAgain")}</p>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}

function ResultError({ state, numerals }: { state: ActionState<unknown>; numerals: Numerals }) {
  if (!state || state.ok) return null;
  return (
    <div className="grid gap-3">
      <FormAlert state={state} />
      {state.rowErrors?.length ? <ImportRowErrors errors={state.rowErrors} numerals={numerals} /> : null}
    </div>
  );
}
