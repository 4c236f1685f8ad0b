"use client";

import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { forgetCachedPages, useOffline } from "./offline-provider";

/**
 * The header's sign-out form. With figures still on this device it asks first, offering to send
 * them (they stay on the device either way, and only this user will see them again); signing out
 * empties the page cache, so the next person on this browser gets no page of this user's.
 * Without JavaScript it is the plain form it always was.
 */
export function SignOutForm({ action, locale, label }: { action: (form: FormData) => Promise<void>; locale: string; label: string }) {
  const t = useTranslations("offline.signOut");
  const offline = useOffline();
  const [asking, setAsking] = useState(false);
  const unsent = offline?.items.filter((i) => i.status !== "sent").length ?? 0;

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (unsent > 0 && submitter?.value !== "anyway") {
      e.preventDefault();
      setAsking(true);
      return;
    }
    void forgetCachedPages();
  };

  return (
    <form action={action} onSubmit={onSubmit} className="grid gap-2">
      <input type="hidden" name="locale" value={locale} />
      {asking && unsent > 0 ? (
        <div className="alert-warn grid max-w-sm gap-2 text-sm" role="alertdialog" aria-labelledby="sign-out-unsent" data-testid="sign-out-unsent">
          <p id="sign-out-unsent">{t("unsent", { count: unsent })}</p>
          <p className="flex flex-wrap gap-2">
            <button type="button" className="btn" disabled={!offline?.online || offline.syncing} onClick={() => void offline?.sync(true).then(() => setAsking(false))} data-testid="sign-out-send-first">
              {t("sendFirst")}
            </button>
            <button type="submit" name="intent" value="anyway" className="btn-secondary" data-testid="sign-out-anyway">
              {t("anyway")}
            </button>
          </p>
        </div>
      ) : (
        <button type="submit" className="btn-secondary" data-testid="sign-out">
          {label}
        </button>
      )}
    </form>
  );
}
