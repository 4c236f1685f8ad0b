import type { PageUnavailableKey } from "../errors";
import { catalogues } from "../i18n/messages";

type Locale = keyof typeof catalogues;

/** The page's wording of each cause (lib/errors.ts unavailableFrom): a page shows, it does not save. */
const PAGE_MESSAGE: Record<string, PageUnavailableKey> = {
  "errors.databaseFull": "errors.pageDatabaseFull",
  "errors.databaseReadOnly": "errors.pageDatabaseReadOnly",
  "errors.databaseBusy": "errors.pageDatabaseBusy",
};

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** The page's language from its path (/ar/…), English otherwise. */
export function localeOfPath(path: string): Locale {
  return /^\/ar(\/|$|\?)/.test(path) ? "ar" : "en";
}

/**
 * The 503 page the edge writes for a page that failed on a full, read-only or locked database
 * (docs/decisions/051-pages-on-an-unavailable-database.md): the title, what failed and what to do, in the
 * page's language, a link to try the same address again, and the request id to quote. Plain HTML,
 * no script and no inline style, so it reads with JavaScript off and under the strictest policy.
 */
export function unavailablePage(path: string, cause: string, requestId: string): string {
  const locale = localeOfPath(path);
  const m = catalogues[locale].errors;
  const known = PAGE_MESSAGE[cause] ?? "errors.pageDatabaseBusy";
  const message = m[known.slice("errors.".length) as keyof typeof m];
  return [
    "<!DOCTYPE html>",
    `<html lang="${locale}" dir="${locale === "ar" ? "rtl" : "ltr"}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escape(m.unavailableTitle)} · ${escape(catalogues[locale].common.appName)}</title></head>`,
    `<body><main data-testid="page-unavailable">`,
    `<h1>${escape(m.unavailableTitle)}</h1>`,
    `<p>${escape(message)}</p>`,
    `<p><a href="${escape(path)}">${escape(m.tryAgain)}</a></p>`,
    `<p data-testid="request-id">${escape(m.requestId)} <code dir="ltr">${escape(requestId)}</code></p>`,
    "</main></body></html>",
    "",
  ].join("\n");
}
