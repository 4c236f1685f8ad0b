"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ConfirmBox } from "@/components/confirm-box";
import { isolate } from "@/lib/i18n/bidi";
import { FormAlert } from "@/components/form-kit";
import { OneTimeSecret } from "./one-time-secret";
import type { FormAction } from "@/lib/action-state";

export function ResetPasswordForm({ id, name, action: resetAction }: { id: number; name: string; action: FormAction<{ password: string }> }) {
  const t = useTranslations("users");
  const tc2 = useTranslations("common.confirm");
  const tc = useTranslations("common");
  const [state, action, pending] = useActionState(resetAction, null);
  return (
    <form action={action} className="grid justify-items-start gap-2">
      <input type="hidden" name="id" value={id} />
      {state?.ok ? (
        <OneTimeSecret label={`${t("detail.passwordReset")} ${t("new.passwordLabel")}:`} value={state.data.password} testId="new-password">
          <p>{t("new.passwordOnce")}</p>
        </OneTimeSecret>
      ) : (
        <FormAlert state={state} />
      )}
      <ConfirmBox label={tc2("resetPassword", { name: isolate(name) })} state={state} testId="confirm-reset-password" idSuffix="-reset" />
      <button type="submit" className="btn-secondary" disabled={pending} data-testid="reset-password">
        {pending ? tc("working") : t("detail.resetPassword")}
      </button>
    </form>
  );
}
