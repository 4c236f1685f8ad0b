import { catalogues } from "../i18n/messages";
import type { Refusal } from "./body-guards";
import { HSTS, STATIC_CSP, staticSecurityHeaders } from "./security-headers.js";

export type EdgeAnswer = { status: number; headers: Record<string, string>; body: string };

type ErrorKey = keyof (typeof catalogues)["en"]["errors"];

function text(locale: "en" | "ar", key: string): string {
  const name = key.replace(/^errors\./, "") as ErrorKey;
  return catalogues[locale].errors[name] ?? key;
}

/** The headers every response carries (next.config.js gives Next's own the same), plus HSTS behind https. */
export function edgeHeaders(https: boolean): Record<string, string> {
  const headers: Record<string, string> = { "Content-Security-Policy": STATIC_CSP };
  for (const h of staticSecurityHeaders) headers[h.key] = h.value;
  if (https) headers[HSTS.key] = HSTS.value;
  return headers;
}

/**
 * A refusal written by the server itself, before Next: for the API the JSON error shape of every
 * API answer (`{ error: { code, key, message } }`), for pages a short text in both languages.
 */
export function refusalAnswer(refusal: Refusal, api: boolean, https: boolean): EdgeAnswer {
  const headers = { ...edgeHeaders(https), "Cache-Control": "no-store" };
  if (api)
    return {
      status: refusal.status,
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ error: { code: refusal.code, key: refusal.key, message: text("en", refusal.key) } }),
    };
  return {
    status: refusal.status,
    headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" },
    body: `${text("en", refusal.key)}\n${text("ar", refusal.key)}\n`,
  };
}
