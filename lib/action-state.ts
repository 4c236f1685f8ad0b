import type { FieldErrors, Msg, RowError } from "./errors";

/**
 * What a server action answers a form. A plain type with no server imports, so that client
 * components (the forms) can name it without reaching lib/next/action.ts and the database behind it.
 */
export type ActionState<T = undefined> =
  | { ok: true; data: T; msg?: Msg }
  | { ok: false; msg: Msg; fieldErrors?: FieldErrors; rowErrors?: RowError[]; values?: Record<string, unknown> }
  | null;

/**
 * A server action as a form receives it: pages pass actions to client components as props (React
 * serialises the reference), so components never import from app/ (docs/decisions/035-layering-checked-by-a-tool.md).
 */
export type FormAction<T = undefined> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
