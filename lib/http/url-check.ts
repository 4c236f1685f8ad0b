/** Control characters (C0, DEL, C1): never part of an address anyone links to; NUL truncates strings in C code below us. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The path of a request target (`/a/b?q` or the absolute form `http://host/a/b?q`), still percent-encoded. */
export function rawPathOf(target: string): string {
  const withoutHost = /^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "") : target;
  const end = withoutHost.search(/[?#]/);
  const path = end === -1 ? withoutHost : withoutHost.slice(0, end);
  return path || "/";
}

/**
 * True when a path cannot be read as text: a percent-escape that is not one (`%ZZ`, a trailing
 * `%`), bytes that are not UTF-8 (`%E0`, the surrogate `%ED%A0%80`), or that decode to a control
 * character (`%00`), or that end in a space. Next and the pages would otherwise throw on it (a
 * 500) or read something else than the address says. `%25E0` is fine: it is the text "%E0".
 */
export function isMalformedPath(rawPath: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return true;
  }
  // A trailing space is dropped by URL parsers (next-intl reparses the decoded path), so
  // /areas/SY02%20 would silently become /areas/SY02.
  return !decoded.isWellFormed() || CONTROL.test(decoded) || decoded.endsWith(" ");
}

export const isApiPath = (rawPath: string) => rawPath === "/api" || rawPath.startsWith("/api/");

/**
 * Where a malformed page address is sent instead: an unknown path under its locale, which the
 * catch-all page (app/[locale]/[...rest]) answers with the localized 404 page.
 */
export function notFoundPathFor(rawPath: string): string {
  const locale = /^\/(en|ar)(\/|$)/.exec(rawPath)?.[1] ?? "en";
  return `/${locale}/__malformed-address__`;
}
