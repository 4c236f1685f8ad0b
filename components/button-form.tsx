"use client";

import { useActionState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { FieldError, FormAlert } from "@/components/form-kit";
import type { FormAction } from "@/lib/action-state";

/**
 * One button that posts a few hidden fields to a server action (move, retire, lock), with the
 * action's answer beside it. A plain form: it works without JavaScript.
 */
export function ButtonForm<T>({
  action: serverAction,
  fields,
  label,
  testId,
  danger = false,
  children,
}: {
  action: FormAction<T>;
  fields: Record<string, string>;
  label: string;
  testId: string;
  danger?: boolean;
  /** Inputs shown before the button (a reason). */
  children?: ReactNode;
}) {
  const tc = useTranslations("common");
  const [state, action, pending] = useActionState(serverAction, null);
  return (
    <form action={action} className="inline-grid justify-items-start gap-1">
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {state && !state.ok ? <FormAlert state={state} /> : null}
      {state && !state.ok
        ? Object.entries(state.fieldErrors ?? {}).map(([field, msg]) => <FieldError key={field} id={`${testId}-${field}-error`} message={msg} />)
        : null}
      {children}
      <button type="submit" className={danger ? "btn-danger" : "btn-secondary"} disabled={pending} aria-busy={pending} data-testid={testId}>
        {pending ? tc("working") : label}
      </button>
    </form>
  );
}
