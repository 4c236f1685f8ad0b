"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { endUserSessionsAction } from "@/app/[locale]/admin/users/actions";
import { FormAlert } from "@/components/form-kit";

/** Admin: end every session of an account at once (a lost phone, a shared computer). */
export function EndSessionsForm({ id }: { id: number }) {
  const t = useTranslations("users.detail");
  const tc = useTranslations("common");
  const [state, action, pending] = useActionState(endUserSessionsAction, null);
  return (
    <form action={action} className="grid justify-items-start gap-2">
      <input type="hidden" name="id" value={id} />
      <FormAlert state={state} />
      <button type="submit" className="btn-secondary" disabled={pending} data-testid="end-user-sessions">
        {pending ? tc("working") : t("endSessions")}
      </button>
    </form>
  );
}
