/**
 * Checks on a request's headers, before its body is read, for the two kinds of request that carry
 * one: server actions (any POST to a page) and writes to API v1. Each returns the refusal, or null.
 */
export type IncomingHeaders = Record<string, string | string[] | undefined>;
export type Refusal = { status: 400 | 401 | 403 | 411 | 413 | 415 | 503; code: string; key: string };

export type BodyLimits = {
  /** Bytes an action body may have (RASD_ACTION_BODY_LIMIT). */
  body: number;
  /** The area import page's own limit: it posts up to 5 MB of CSV. */
  importBody: number;
  /** An API v1 write (a weekly report is a few hundred bytes). */
  apiBody: number;
  /** A figures file posted to the API's imports (POST /api/v1/imports). */
  apiImportBody: number;
};

const IMPORT_PAGE = /^\/(en|ar)\/(admin\/areas|reports)\/import\/?$/;
const IMPORT_API = /^\/api\/v1\/imports\/?$/;

/**
 * What Next sends an action as: multipart/form-data (a form, with JavaScript or without, or a
 * file), text/plain (arguments React could encode as one string). Next also routes urlencoded
 * POSTs through its action handler (and ignores them), so they are let through to it.
 */
const ACTION_TYPES = new Set(["multipart/form-data", "application/x-www-form-urlencoded", "text/plain"]);

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Same origin: the Origin's host is the Host the request was sent to (or the one our proxy
 * received, when there is a trusted one), or the origin is the configured public URL. A missing
 * Origin is not a browser's cross-site request (browsers send it on every POST), and Next lets
 * it through too; "null" (a sandboxed or privacy-redirected page) is foreign.
 */
function isSameOrigin(headers: IncomingHeaders, publicOrigin: string | null, trustProxyHeaders: boolean): boolean {
  const origin = first(headers.origin);
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (publicOrigin !== null && parsed.origin === publicOrigin) return true;
  const hosts = [first(headers.host)];
  if (trustProxyHeaders) hosts.push(first(headers["x-forwarded-host"])?.split(",")[0]?.trim());
  return hosts.some((h) => h !== undefined && h.toLowerCase() === parsed.host);
}

export type ActionCheck = { rawPath: string; headers: IncomingHeaders; publicOrigin: string | null; trustProxyHeaders: boolean; limits: BodyLimits };

/**
 * A POST to a page is a server action (with JavaScript Next adds a Next-Action header; a form
 * posted without JavaScript has none). Refused before Next buffers it: a foreign origin (403),
 * an unknown length (411: a body must say its size to be judged before it is read), too large
 * (413), or not what Next sends (400).
 */
export function checkActionRequest({ rawPath, headers, publicOrigin, trustProxyHeaders, limits }: ActionCheck): Refusal | null {
  if (!isSameOrigin(headers, publicOrigin, trustProxyHeaders)) return { status: 403, code: "forbidden", key: "errors.foreignOrigin" };
  const length = first(headers["content-length"]);
  if (length === undefined) return { status: 411, code: "invalid", key: "errors.lengthRequired" };
  if (!/^\d+$/.test(length)) return { status: 400, code: "invalid", key: "errors.badRequest" };
  const limit = IMPORT_PAGE.test(rawPath) ? limits.importBody : limits.body;
  if (Number(length) > limit) return { status: 413, code: "invalid", key: "errors.bodyTooLarge" };
  const type = first(headers["content-type"])?.split(";")[0]?.trim().toLowerCase();
  if (type === undefined || !ACTION_TYPES.has(type)) return { status: 400, code: "invalid", key: "errors.badContentType" };
  return null;
}

/** Auth.js's session cookie, plain or __Secure- (https), whole or in chunks (`.0`, `.1`…). */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;

/**
 * A write to API v1 with neither a bearer token nor a session cookie cannot be authenticated:
 * answered 401 before its body is read. With credentials (checked by the handler), the body must
 * state its length and stay within the API's limit (lib/api/body-limits.ts MAX_BODY_BYTES).
 */
/**
 * The API's bodies are JSON: `application/json` or a `+json` type, in UTF-8 if a charset is named.
 * XML or plain text would otherwise be handed to JSON.parse and answered as if it were meant as JSON.
 */
export function isJsonType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(";").map((p) => p.trim().toLowerCase());
  if (!type || !/^application\/([a-z0-9.+-]+\+)?json$/.test(type)) return false;
  return params.every((p) => !p.startsWith("charset=") || /^charset="?utf-8"?$/.test(p));
}

export type OriginSettings = { publicOrigin: string | null; trustProxyHeaders: boolean };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A write to API v1 that only the session cookie authenticates (the offline outbox's PUT, the
 * import page's calls) is what a cross-site form or script would send with the victim's cookie:
 * it must come from our own origin, as a server action must. A bearer token cannot be forged by
 * another site, so a request carrying one is not checked. DELETE is a write too.
 */
export function checkCookieApiOrigin(method: string, rawPath: string, headers: IncomingHeaders, origin: OriginSettings): Refusal | null {
  if (SAFE_METHODS.has(method) || !rawPath.startsWith("/api/v1/")) return null;
  if (first(headers.authorization) !== undefined || !SESSION_COOKIE.test(first(headers.cookie) ?? "")) return null;
  return isSameOrigin(headers, origin.publicOrigin, origin.trustProxyHeaders) ? null : { status: 403, code: "forbidden", key: "errors.foreignOrigin" };
}

export function checkApiWrite(
  method: string,
  rawPath: string,
  headers: IncomingHeaders,
  limits: Pick<BodyLimits, "apiBody" | "apiImportBody">,
  origin: OriginSettings = { publicOrigin: null, trustProxyHeaders: false },
): Refusal | null {
  const foreign = checkCookieApiOrigin(method, rawPath, headers, origin);
  if (foreign) return foreign;
  if (!["PUT", "POST", "PATCH"].includes(method) || !rawPath.startsWith("/api/v1/")) return null;
  const credentials = first(headers.authorization) !== undefined || SESSION_COOKIE.test(first(headers.cookie) ?? "");
  if (!credentials) return { status: 401, code: "unauthenticated", key: "errors.unauthenticated" };
  // The handler stops reading past its limit, and a body cut off mid-upload resets the connection
  // under the client: so a body that says it is too large is refused here, while it can be drained.
  const length = first(headers["content-length"]);
  if (length === undefined) return { status: 411, code: "invalid", key: "errors.lengthRequired" };
  if (!/^\d+$/.test(length)) return { status: 400, code: "invalid", key: "errors.badRequest" };
  const isImport = method === "POST" && IMPORT_API.test(rawPath.split("?")[0]!);
  if (Number(length) > (isImport ? limits.apiImportBody : limits.apiBody)) return { status: 413, code: "invalid", key: "errors.bodyTooLarge" };
  // A figures import posts a file (CSV, XLSX or multipart); its handler checks the type.
  if (!isImport && Number(length) > 0 && !isJsonType(first(headers["content-type"]))) return { status: 415, code: "unsupported_media_type", key: "errors.notJson" };
  return null;
}
