"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { endSessionAction, signOutEverywhereAction } from "@/app/[locale]/account/actions";
import { FormAlert } from "@/components/form-kit";

export function SessionEndForm({ id }: { id: number }) {
  const t = useTranslations("account.sessions");
  const [state, action, pending] = useActionState(endSessionAction, null);
  return (
    <form action={action} className="mt-1">
      <input type="hidden" name="id" value={id} />
      {state && !state.ok ? <FormAlert state={state} /> : null}
      <button type="submit" className="btn-secondary" disabled={pending} data-testid="end-session">
        {t("end")}
      </button>
    </form>
  );
}

export function SignOutEverywhereForm({ locale }: { locale: string }) {
  const t = useTranslations("account.sessions");
  const [state, action, pending] = useActionState(signOutEverywhereAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="locale" value={locale} />
      {state && !state.ok ? <FormAlert state={state} /> : null}
      <button type="submit" className="btn-danger" disabled={pending} data-testid="sign-out-everywhere">
        {t("everywhere")}
      </button>
    </form>
  );
}
