"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { revokeTokenAction } from "@/app/[locale]/account/actions";
import { revokeAnyTokenAction } from "@/app/[locale]/admin/tokens/actions";
import { FormAlert } from "@/components/form-kit";

export function TokenRevokeForm({ id, name, admin }: { id: number; name: string; admin: boolean }) {
  const t = useTranslations("account.tokens");
  const [state, action, pending] = useActionState(admin ? revokeAnyTokenAction : revokeTokenAction, null);
  return (
    <form action={action} className="grid justify-items-start gap-1">
      <input type="hidden" name="id" value={id} />
      {state && !state.ok ? <FormAlert state={state} /> : null}
      <button type="submit" className="btn-danger" disabled={pending} aria-label={t("revokeLabel", { name })} data-testid="revoke-token">
        {t("revoke")}
      </button>
    </form>
  );
}
