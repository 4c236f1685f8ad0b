"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ConfirmBox } from "@/components/confirm-box";
import { FormAlert } from "@/components/form-kit";
import type { FormAction } from "@/lib/action-state";

export function SessionEndForm({ id, action: endAction }: { id: number; action: FormAction<void> }) {
  const t = useTranslations("account.sessions");
  const tc = useTranslations("common.confirm");
  const [state, action, pending] = useActionState(endAction, null);
  return (
    <form action={action} className="mt-1 grid justify-items-start gap-1">
      <input type="hidden" name="id" value={id} />
      {state && !state.ok ? <FormAlert state={state} /> : null}
      <ConfirmBox label={tc("endSession")} state={state} testId="confirm-end-session" idSuffix={`-session-${id}`} />
      <button type="submit" className="btn-secondary" disabled={pending} data-testid="end-session">
        {t("end")}
      </button>
    </form>
  );
}

export function SignOutEverywhereForm({ locale, action: signOutAction }: { locale: string; action: FormAction<number> }) {
  const t = useTranslations("account.sessions");
  const tc = useTranslations("common.confirm");
  const [state, action, pending] = useActionState(signOutAction, null);
  return (
    <form action={action} className="grid justify-items-start gap-1">
      <input type="hidden" name="locale" value={locale} />
      {state && !state.ok ? <FormAlert state={state} /> : null}
      <ConfirmBox label={tc("signOutEverywhere")} state={state} testId="confirm-sign-out-everywhere" idSuffix="-everywhere" />
      <button type="submit" className="btn-danger" disabled={pending} data-testid="sign-out-everywhere">
        {t("everywhere")}
      </button>
    </form>
  );
}
