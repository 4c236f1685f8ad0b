"use client";
import { createContext, useContext, type ReactNode } from "react";
import { useTranslations } from "next-intl";

/**
 * The request id (X-Request-Id) for error pages: the layout provides it, because the client error
 * boundary cannot read request headers. A user quotes it; the operator finds the log line with it.
 */
const RequestIdContext = createContext<string | null>(null);

export function RequestIdProvider({ id, children }: { id: string | null; children: ReactNode }) {
  return <RequestIdContext.Provider value={id}>{children}</RequestIdContext.Provider>;
}

/** "Request id: …" for an error page; `id` when known to the caller, else the layout's. */
export function RequestIdNote({ id }: { id?: string | null }) {
  const fromLayout = useContext(RequestIdContext);
  const t = useTranslations("errors");
  const shown = id ?? fromLayout;
  if (!shown) return null;
  return (
    <p className="mt-4 text-sm text-gray-600" data-testid="request-id">
      {t("requestId")} <code dir="ltr">{shown}</code>
    </p>
  );
}
