"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
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
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="confirm" required className="mt-1" data-testid="confirm-every-session" />
        <span>{t("confirm")}</span>
      </label>
      <button type="submit" className="btn-danger" disabled={pending} data-testid="end-every-session">
        {t("submit")}
      </button>
    </form>
  );
}
