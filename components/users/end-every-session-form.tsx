"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ConfirmBox } from "@/components/confirm-box";
import { FormAlert } from "@/components/form-kit";
import type { FormAction } from "@/lib/action-state";

/** Signs everyone out. The box must be ticked first: a confirmation that works without JavaScript. */
export function EndEverySessionForm({ locale, action: endEvery }: { locale: string; action: FormAction<number> }) {
  const t = useTranslations("users.everySession");
  const [state, action, pending] = useActionState(endEvery, null);
  return (
    <form action={action} className="grid justify-items-start gap-2">
      <input type="hidden" name="locale" value={locale} />
      <FormAlert state={state} />
      <ConfirmBox label={t("confirm")} state={state} testId="confirm-every-session" idSuffix="-every-session" />
      <button type="submit" className="btn-danger" disabled={pending} data-testid="end-every-session">
        {t("submit")}
      </button>
    </form>
  );
}
