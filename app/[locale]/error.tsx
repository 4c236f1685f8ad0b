"use client";
import { useTranslations } from "next-intl";
import { RequestIdNote } from "@/components/request-id";

/**
 * An unexpected failure of a page, shown in the browser (React renders error boundaries there only;
 * a database that is unavailable has its own server-rendered 503 page, app/[locale]/unauthorized.tsx).
 * The request id lets a user quote the failure, and the operator find its log line.
 */
export default function PageError() {
  const t = useTranslations("errors");
  return (
    <section className="card max-w-xl" role="alert" data-testid="page-error">
      <h1 className="mb-2 text-xl font-bold">{t("errorTitle")}</h1>
      <p className="mb-4">{t("errorBody")}</p>
      <a href="">{t("tryAgain")}</a>
      <RequestIdNote />
    </section>
  );
}
