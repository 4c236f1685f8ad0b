"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ConfirmBox } from "@/components/confirm-box";
import { isolate } from "@/lib/i18n/bidi";
import { FormAlert } from "@/components/form-kit";
import type { FormAction } from "@/lib/action-state";
import type { UserDetail } from "@/lib/users";

/**
 * `action` deactivates an active account and reactivates a deactivated one: the page passes the
 * right one. lib/ refuses self-lockout and losing the last admin; deactivating asks first.
 */
export function UserActiveForm({ id, name, active, action: toggleAction }: { id: number; name: string; active: boolean; action: FormAction<UserDetail> }) {
  const tc2 = useTranslations("common.confirm");
  const t = useTranslations("users.detail");
  const tc = useTranslations("common");
  const [state, action, pending] = useActionState(toggleAction, null);
  return (
    <form action={action} className="grid justify-items-start gap-2">
      <input type="hidden" name="id" value={id} />
      <FormAlert state={state} />
      {active ? <ConfirmBox label={tc2("deactivate", { name: isolate(name) })} state={state} testId="confirm-deactivate" idSuffix="-deactivate" /> : null}
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
