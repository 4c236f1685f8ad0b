import { randomUUID } from "node:crypto";

/**
 * What a request's log line says of its address: the path, and of the query only the names, since
 * a value can carry something private (a sign-in page's `next`, a search for a person's name).
 */
export function loggablePath(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url.length > 512 ? `${url.slice(0, 512)}…` : url;
  const path = url.slice(0, q);
  const names = url
    .slice(q + 1)
    .split("&")
    .filter(Boolean)
    .map((pair) => pair.split("=")[0]!.replace(/[^\w.[\]-]/g, "_").slice(0, 40));
  return `${path.length > 512 ? `${path.slice(0, 512)}…` : path}?${names.map((n) => `${n}=…`).join("&")}`;
}

/**
 * The request id: a proxy's X-Request-Id when a trusted proxy is in front (so one id follows the
 * request through both logs), otherwise a new one. A client's own header is never believed as it is.
 */
export function requestIdFor(header: string | string[] | undefined, trustedProxies: number): string {
  const given = Array.isArray(header) ? header[0] : header;
  if (trustedProxies > 0 && given && /^[\w.:-]{1,128}$/.test(given)) return given;
  return randomUUID();
}
