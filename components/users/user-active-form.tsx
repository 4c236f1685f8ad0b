"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormAlert } from "@/components/form-kit";
import type { FormAction } from "@/lib/action-state";
import type { UserDetail } from "@/lib/users";

/** Deactivate an active account, reactivate a deactivated one; lib/ refuses self-lockout and losing the last admin. */
/** `action` deactivates an active account and reactivates a deactivated one: the page passes the right one. */
export function UserActiveForm({ id, active, action: toggleAction }: { id: number; active: boolean; action: FormAction<UserDetail> }) {
  const t = useTranslations("users.detail");
  const tc = useTranslations("common");
  const [state, action, pending] = useActionState(toggleAction, null);
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
