"use client";

import { useActionState, type ReactNode } from "react";
import { useLocale, useTranslations } from "next-intl";
import { FormAlert, useMsg } from "@/components/form-kit";
import type { FormAction } from "@/lib/action-state";
import { formatNumber, type Numerals } from "@/lib/i18n/format";
import { useProgressSubmit, type ProgressTarget } from "./use-progress-submit";

/**
 * One of the import page's posts (upload, apply, save a mapping, undo): a plain form bound to its
 * server action, so it works without JavaScript; the refusal comes back as the action's state,
 * with a message per field and, for a refused file, per row. Success redirects (the action).
 */
export function ImportActionForm<T>({
  action,
  hidden,
  submit,
  pending: pendingLabel,
  testId,
  multipart,
  danger,
  progress: progressTarget,
  numerals,
  children,
}: {
  action: FormAction<T>;
  hidden: Record<string, string>;
  submit: string;
  pending: string;
  testId: string;
  multipart?: boolean;
  danger?: boolean;
  /** With JavaScript, posts here instead and shows the work's progress (use-progress-submit.ts). */
  progress?: ProgressTarget;
  numerals?: Numerals;
  children?: ReactNode;
}) {
  const [actionState, formAction, actionPending] = useActionState(action, null);
  const streamed = useProgressSubmit<{ id: number }>(progressTarget);
  const locale = useLocale();
  const render = useMsg();
  const t = useTranslations("figuresImport.page");
  const state = streamed.state ?? actionState;
  const pending = actionPending || streamed.running;
  const failed = state && !state.ok ? state : null;
  const n = (v: number) => formatNumber(v, locale, numerals);
  const step = streamed.running ? streamed.progress : null;
  return (
    <form action={formAction} onSubmit={streamed.onSubmit} encType={multipart ? "multipart/form-data" : undefined} className="grid gap-3" data-testid={testId} aria-busy={pending}>
      <input type="hidden" name="locale" value={locale} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children}
      <FormAlert state={state} />
      {failed?.fieldErrors && Object.keys(failed.fieldErrors).length ? (
        <ul className="field-error list-disc ps-5" data-testid={`${testId}-field-errors`}>
          {Object.entries(failed.fieldErrors).map(([field, m]) => (
            <li key={field}>{render(m)}</li>
          ))}
        </ul>
      ) : null}
      {failed?.rowErrors?.length ? (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("errorsTitle")}>
          <table className="table" data-testid={`${testId}-row-errors`}>
            <thead>
              <tr>
                <th scope="col">{t("colRow")}</th>
                <th scope="col">{t("colColumn")}</th>
                <th scope="col">{t("colMessage")}</th>
              </tr>
            </thead>
            <tbody>
              {failed.rowErrors.slice(0, 100).map((r, i) => (
                <tr key={i}>
                  <td>{r.row}</td>
                  <td>
                    <bdi>{r.column}</bdi>
                  </td>
                  <td>{render(r.msg)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {step ? (
        <div className="grid gap-1" data-testid={`${testId}-progress`} data-phase={step.phase} data-done={step.done} data-total={step.total}>
          <progress className="w-full" max={step.total || 1} value={step.done} aria-labelledby={`${testId}-progress-label`} />
          <p id={`${testId}-progress-label`} className="text-sm" aria-live="polite">
            {t(step.phase === "check" ? "progressCheck" : "progressWrite", { done: n(step.done), total: n(step.total) })}
          </p>
        </div>
      ) : null}
      <div>
        <button type="submit" className={danger ? "btn-danger" : "btn"} disabled={pending} data-testid={`${testId}-submit`}>
          {pending ? pendingLabel : submit}
        </button>
      </div>
    </form>
  );
}
