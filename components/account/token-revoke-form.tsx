"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ConfirmBox } from "@/components/confirm-box";
import { FormAlert } from "@/components/form-kit";
import type { FormAction } from "@/lib/action-state";
import { isolate } from "@/lib/i18n/bidi";

/** `action` revokes one's own token (My account) or anyone's (admin): the page decides which. */
export function TokenRevokeForm({ id, name, action: revokeAction }: { id: number; name: string; action: FormAction<void> }) {
  const t = useTranslations("account.tokens");
  const tc = useTranslations("common.confirm");
  const [state, action, pending] = useActionState(revokeAction, null);
  return (
    <form action={action} className="grid justify-items-start gap-1">
      <input type="hidden" name="id" value={id} />
      {state && !state.ok ? <FormAlert state={state} /> : null}
      <ConfirmBox label={tc("revokeToken", { name: isolate(name) })} state={state} testId="confirm-revoke-token" idSuffix={`-token-${id}`} />
      <button type="submit" className="btn-danger" disabled={pending} aria-label={t("revokeLabel", { name: isolate(name) })} data-testid="revoke-token">
        {t("revoke")}
      </button>
    </form>
  );
}
