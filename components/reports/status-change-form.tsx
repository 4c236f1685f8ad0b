"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormAlert, useSubmit, useZodForm } from "@/components/form-kit";
import { reportReopenInput, reportReturnInput } from "@/lib/validation/weekly-report";
import type { FormAction } from "@/lib/action-state";
import type { WeeklyReport } from "@/lib/reports/model";

/**
 * The admin's status changes that carry a text for the coordinator: reopening approved figures
 * (a reason) and returning submitted ones (a comment). The text goes into the history and the
 * audit log, and the coordinator sees it on My week and on the report.
 */
const KINDS = {
  reopen: { schema: reportReopenInput, field: "reason", ns: "reports.approval", label: "reason", hint: "reasonHint", submit: "reopen", rows: 2 },
  return: { schema: reportReturnInput, field: "comment", ns: "reports.review", label: "comment", hint: "commentHint", submit: "return", rows: 3 },
} as const;

export function StatusChangeForm({
  kind,
  pcode,
  week,
  version,
  idSuffix = "",
  folded,
  action: changeAction,
}: {
  kind: keyof typeof KINDS;
  pcode: string;
  week: string;
  version: number;
  /** Several forms on one page (the approval queue) need their own field ids. */
  idSuffix?: string;
  /** Folded behind its title (the approval queue), and unfolded whenever it has something to say. */
  folded?: { title: string; help: string; testId: string };
  action: FormAction<WeeklyReport>;
}) {
  const k = KINDS[kind];
  const t = useTranslations(k.ns);
  const tc = useTranslations("common");
  const [state, action] = useActionState(changeAction, null);
  const echoed = state && !state.ok ? state.values : undefined;
  const defaults = { pcode, week, version: String(version), [k.field]: String(echoed?.[k.field] ?? "") };
  const form = useZodForm(k.schema, defaults, state);
  const { ref, onSubmit, pending } = useSubmit(form, action);
  const error = (form.formState.errors as Record<string, { message?: string } | undefined>)[k.field]?.message;
  const id = `${k.field}${idSuffix}`;
  const body = (
    <form ref={ref} action={action} onSubmit={onSubmit} noValidate className="grid max-w-xl gap-2" data-testid={`${kind}-form`}>
      <FormAlert state={state} />
      <input type="hidden" defaultValue={defaults.pcode} {...form.register("pcode")} />
      <input type="hidden" defaultValue={defaults.week} {...form.register("week")} />
      <input type="hidden" defaultValue={defaults.version} {...form.register("version")} />
      <Field label={t(k.label)} name={id} error={error} hint={t(k.hint)}>
        <textarea
          id={id}
          rows={k.rows}
          className="input"
          dir="auto"
          aria-invalid={!!error}
          aria-describedby={`${id}-error`}
          defaultValue={defaults[k.field]}
          {...form.register(k.field)}
        />
      </Field>
      <div>
        <button type="submit" className={kind === "reopen" ? "btn-danger" : "btn-secondary"} disabled={pending} data-testid={kind}>
          {pending ? tc("working") : t(k.submit)}
        </button>
      </div>
    </form>
  );
  if (!folded) return body;
  return (
    // Open after a refusal, so that the message and the typed comment are in view (also without JavaScript).
    <details className="grid gap-2" open={state !== null || undefined} data-testid={folded.testId}>
      <summary className="cursor-pointer py-2 text-sm font-medium">{folded.title}</summary>
      <p className="mb-2 text-xs text-slate-600">{folded.help}</p>
      {body}
    </details>
  );
}

/** An admin unlocks approved figures, giving a reason. */
export function ReopenForm(props: { pcode: string; week: string; version: number; action: FormAction<WeeklyReport> }) {
  return <StatusChangeForm kind="reopen" {...props} />;
}
