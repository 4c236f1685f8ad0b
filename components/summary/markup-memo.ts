/**
 * Markup drawn from cached figures (lib/summary/cache.ts) is kept with them: the same figures
 * object, drawn by the same function with the same other inputs, always gives the same markup,
 * so it is built once per data version instead of once per request. Keyed weakly by the figures,
 * it goes when they leave the cache; uncached figures are new objects each time and never hit.
 *
 * The key is derived, never written by hand: the drawing function itself, plus every other input
 * it receives, serialised by memoKey(). The function gets only the figures and those inputs, so
 * an input it uses is part of the key by construction. Pass a module-level function (a closure
 * made during render is a new function each time: correct, but never reused) that reads nothing
 * but its two arguments.
 */

/** A reader's formatters (or anything else) that names itself in a key: its language and digits. */
export type MemoKeyed = { readonly memoKey: string };

export type MemoInput = string | number | boolean | null | undefined | MemoKeyed | readonly MemoInput[] | { readonly [name: string]: MemoInput };

export type MemoInputs = { readonly [name: string]: MemoInput };

/** Any drawing function, as a key (`never` parameters: every drawing's type is assignable to it). */
type Draw = (figures: never, inputs: never) => unknown;

const memo = new WeakMap<object, Map<Draw, Map<string, unknown>>>();

/** One string for every input: objects by their own memoKey if they have one, otherwise by value. */
export function memoKey(inputs: MemoInputs): string {
  return JSON.stringify(inputs, (_name, value: unknown) => {
    if (typeof value === "function") throw new Error("memoKey: a function is not an input; pass what it depends on");
    if (typeof value === "object" && value !== null && typeof (value as { memoKey?: unknown }).memoKey === "string") return (value as MemoKeyed).memoKey;
    return value;
  });
}

export function memoMarkup<F extends object, I extends MemoInputs, T>(figures: F, inputs: I, draw: (figures: F, inputs: I) => T): T {
  let byDraw = memo.get(figures);
  if (!byDraw) memo.set(figures, (byDraw = new Map()));
  let byInputs = byDraw.get(draw);
  if (!byInputs) byDraw.set(draw, (byInputs = new Map()));
  const key = memoKey(inputs);
  if (byInputs.has(key)) return byInputs.get(key) as T;
  const value = draw(figures, inputs);
  byInputs.set(key, value);
  return value;
}
