"use client";

import { useState, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";

/**
 * Copies a one-time secret to the clipboard. It appears only once JavaScript runs, since it
 * could do nothing without it; the secret itself stays selectable text either way.
 */
const noSubscription = () => () => {};

export function CopyButton({ value, testId }: { value: string; testId: string }) {
  const t = useTranslations("common.confirm");
  // False in the server's HTML, true once hydrated: the button is never shown where it cannot work.
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);
  const [result, setResult] = useState<"copied" | "failed" | null>(null);
  if (!ready) return null;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setResult("copied");
    } catch {
      // No clipboard (an insecure origin, a refused permission): say so, the text is still there to select.
      setResult("failed");
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" className="btn-secondary" onClick={() => void copy()} data-testid={testId}>
        {t("copy")}
      </button>
      <span role="status" aria-live="polite" className="text-sm" data-testid={`${testId}-result`}>
        {result ? t(result === "copied" ? "copied" : "copyFailed") : ""}
      </span>
    </div>
  );
}
