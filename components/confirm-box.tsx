"use client";

import { FieldError } from "@/components/form-kit";
import type { ActionState } from "@/lib/action-state";

/**
 * The "I understand" box every destructive form carries (decision 040). `required` stops the
 * post in the browser, with or without JavaScript; the server checks it again
 * (lib/validation/confirm.ts) and answers a field error here when it was not ticked.
 */
export function ConfirmBox({ label, state, testId, idSuffix = "" }: { label: string; state: ActionState<unknown>; testId: string; idSuffix?: string }) {
  const error = state && !state.ok ? state.fieldErrors?.confirm : undefined;
  const errorId = `confirm${idSuffix}-error`;
  return (
    <div className="grid gap-1">
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="confirm" required className="mt-1" aria-invalid={!!error} aria-describedby={error ? errorId : undefined} data-testid={testId} />
        <span>{label}</span>
      </label>
      <FieldError id={errorId} message={error} />
    </div>
  );
}
