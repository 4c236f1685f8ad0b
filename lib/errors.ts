/** A user-facing message: a catalogue key plus the values it interpolates. */
export type Msg = { key: string; values?: Record<string, string | number> };
export type FieldErrors = Record<string, Msg>;
/** An error in an uploaded file: `row` counts from 1 at the header, as a spreadsheet shows it. */
export type RowError = { row: number; column: string; msg: Msg };

export type AppErrorCode = "unauthenticated" | "forbidden" | "not_found" | "conflict" | "invalid" | "throttled" | "unsupported_media_type" | "unavailable" | "locked";

const HTTP_STATUS: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 422,
  throttled: 429,
  unsupported_media_type: 415,
  unavailable: 503,
  /** A reporting week past its lock (decision 057): WebDAV's 423 Locked, so that a client tells it from a stale version (409). */
  locked: 423,
};

/** Every refusal from lib/ is an AppError: pages, actions and the API map it to a message and status, never a 500. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly msg: Msg,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(`${code}: ${msg.key}`);
    this.name = "AppError";
  }
  rowErrors?: RowError[];
  withRows(rows: RowError[]): this {
    this.rowErrors = rows;
    return this;
  }
  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

export const unauthenticated = () => new AppError("unauthenticated", { key: "errors.unauthenticated" });
export const forbidden = (what = "errors.forbidden") => new AppError("forbidden", { key: what });
export const notFound = (what = "errors.notFound") => new AppError("not_found", { key: what });
export const invalid = (fieldErrors: FieldErrors, msg: Msg = { key: "errors.invalid" }) =>
  new AppError("invalid", msg, fieldErrors);
export const conflict = (msg: Msg) => new AppError("conflict", msg);

/**
 * The database could not take a write: the disk is full, the file is read-only, or another writer
 * held it past the busy timeout. SQLite rolled the transaction back, so nothing was half-written;
 * the answer is a 503 that says which, never a generic 500. Null for any other error.
 */
export function unavailableFrom(e: unknown): AppError | null {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  if (typeof code !== "string") return null;
  if (code === "SQLITE_FULL") return new AppError("unavailable", { key: "errors.databaseFull" });
  if (code.startsWith("SQLITE_READONLY")) return new AppError("unavailable", { key: "errors.databaseReadOnly" });
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return new AppError("unavailable", { key: "errors.databaseBusy" });
  return null;
}

/** What a page says when its database read or write failed as unavailable (lib/next/page-failure.ts). */
export const PAGE_UNAVAILABLE_KEYS = ["errors.pageDatabaseFull", "errors.pageDatabaseReadOnly", "errors.pageDatabaseBusy"] as const;
export type PageUnavailableKey = (typeof PAGE_UNAVAILABLE_KEYS)[number];

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
