/**
 * Markup drawn from cached figures (lib/summary/cache.ts) is kept with them: the same figures
 * object, in the same language, digits and place on the page, always gives the same string, so
 * it is built once per data version instead of once per request. Keyed weakly by the figures,
 * it goes when they leave the cache; uncached figures are new objects each time and never hit.
 */
const memo = new WeakMap<object, Map<string, unknown>>();

export function memoMarkup<T>(figures: object, key: string, draw: () => T): T {
  let forData = memo.get(figures);
  if (!forData) memo.set(figures, (forData = new Map()));
  if (forData.has(key)) return forData.get(key) as T;
  const value = draw();
  forData.set(key, value);
  return value;
}
