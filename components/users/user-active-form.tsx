"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { deactivateUserAction, reactivateUserAction } from "@/app/[locale]/admin/users/actions";
import { FormAlert } from "@/components/form-kit";

/** Deactivate an active account, reactivate a deactivated one; lib/ refuses self-lockout and losing the last admin. */
export function UserActiveForm({ id, active }: { id: number; active: boolean }) {
  const t = useTranslations("users.detail");
  const tc = useTranslations("common");
  const [state, action, pending] = useActionState(active ? deactivateUserAction : reactivateUserAction, null);
  return (
    <form action={action} className="grid justify-items-start gap-2">
      <input type="hidden" name="id" value={id} />
      <FormAlert state={state} />
      {active ? (
        <button type="submit" className="btn-danger" disabled={pending} data-testid="deactivate">
          {pending ? tc("working") : t("deactivate")}
        </button>
      ) : (
        <button type="submit" className="btn" disabled={pending} data-testid="reactivate">
          {pending ? tc("working") : t("reactivate")}
        </button>
      )}
    </form>
  );
}
