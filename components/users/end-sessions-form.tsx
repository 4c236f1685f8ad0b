"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ConfirmBox } from "@/components/confirm-box";
import { isolate } from "@/lib/i18n/bidi";
import { FormAlert } from "@/components/form-kit";
import type { FormAction } from "@/lib/action-state";

/** Admin: end every session of an account at once (a lost phone, a shared computer). */
export function EndSessionsForm({ id, name, action: endAction }: { id: number; name: string; action: FormAction<number> }) {
  const t = useTranslations("users.detail");
  const tc2 = useTranslations("common.confirm");
  const tc = useTranslations("common");
  const [state, action, pending] = useActionState(endAction, null);
  return (
    <form action={action} className="grid justify-items-start gap-2">
      <input type="hidden" name="id" value={id} />
      <FormAlert state={state} />
      <ConfirmBox label={tc2("endUserSessions", { name: isolate(name) })} state={state} testId="confirm-end-user-sessions" idSuffix="-end-sessions" />
      <button type="submit" className="btn-secondary" disabled={pending} data-testid="end-user-sessions">
        {pending ? tc("working") : t("endSessions")}
      </button>
    </form>
  );
}
