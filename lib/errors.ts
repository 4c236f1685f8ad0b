/** A user-facing message: a catalogue key plus the values it interpolates. */
export type Msg = { key: string; values?: Record<string, string | number> };
export type FieldErrors = Record<string, Msg>;
/** An error in an uploaded file: `row` counts from 1 at the header, as a spreadsheet shows it. */
export type RowError = { row: number; column: string; msg: Msg };

export type AppErrorCode = "unauthenticated" | "forbidden" | "not_found" | "conflict" | "invalid" | "throttled";

const HTTP_STATUS: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 422,
  throttled: 429,
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

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
