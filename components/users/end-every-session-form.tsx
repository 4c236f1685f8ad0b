"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { endEverySessionAction } from "@/app/[locale]/admin/users/actions";
import { FormAlert } from "@/components/form-kit";

/** Signs everyone out. The box must be ticked first: a confirmation that works without JavaScript. */
export function EndEverySessionForm({ locale }: { locale: string }) {
  const t = useTranslations("users.everySession");
  const [state, action, pending] = useActionState(endEverySessionAction, null);
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
