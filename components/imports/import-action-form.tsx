"use client";

import { useActionState, type ReactNode } from "react";
import { useLocale, useTranslations } from "next-intl";
import { FormAlert, useMsg } from "@/components/form-kit";
import type { FormAction } from "@/lib/action-state";

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
  children,
}: {
  action: FormAction<T>;
  hidden: Record<string, string>;
  submit: string;
  pending: string;
  testId: string;
  multipart?: boolean;
  danger?: boolean;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const locale = useLocale();
  const render = useMsg();
  const t = useTranslations("figuresImport.page");
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} encType={multipart ? "multipart/form-data" : undefined} className="grid gap-3" data-testid={testId} aria-busy={pending}>
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
      <div>
        <button type="submit" className={danger ? "btn-danger" : "btn"} disabled={pending} data-testid={`${testId}-submit`}>
          {pending ? pendingLabel : submit}
        </button>
      </div>
    </form>
  );
}
