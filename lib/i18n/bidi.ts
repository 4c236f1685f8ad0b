/**
 * Text from outside the sentence (a person's name, an e-mail, a P-code, a week, a date) keeps its
 * own direction when it is put into a translated sentence: without isolation "Rasd Admin" next to
 * an Arabic date reorders the date's digits around it ("2026/12/Rasd Admin، 01"). The Unicode
 * isolates FSI…PDI (U+2068, U+2069) do in a plain string what <bdi> does in markup, so they also
 * work in titles, attributes, flash messages and exports' labels.
 */
export const FSI = "\u2068";
export const PDI = "\u2069";

export function isolate(text: string | number | null | undefined): string {
  if (text === null || text === undefined || text === "") return "";
  return `${FSI}${text}${PDI}`;
}

/** A catalogue's values with every one of them isolated, for t("…", isolateAll({ name, at })). */
export function isolateAll<T extends Record<string, string | number>>(values: T): { [K in keyof T]: string } {
  const out = {} as { [K in keyof T]: string };
  for (const k of Object.keys(values) as (keyof T)[]) out[k] = isolate(values[k]);
  return out;
}

/**
 * Left-to-right tokens with a neutral inside ("2020-W04", "2020-W01/2020-W04", "Asia/Damascus"):
 * in a right-to-left sentence the neutral takes the sentence's direction and the token reads
 * reversed ("W04-2020"). Digits and Latin letters with no such neutral inside keep their order.
 */
const LTR_TOKEN = /(?<![\p{L}\p{N}\u2068])[A-Za-z0-9]+(?:[-/:+][A-Za-z0-9]+)+(?![\p{L}\p{N}\u2069])/gu;

export function isolateLtrTokens(text: string): string {
  return text.replace(LTR_TOKEN, (m) => isolate(m));
}

/** A right-to-left catalogue with every such token isolated, so that translators write them plainly. */
export function isolateCatalogue<T>(tree: T): T {
  if (typeof tree === "string") return isolateLtrTokens(tree) as T;
  if (Array.isArray(tree)) return tree.map(isolateCatalogue) as T;
  if (tree && typeof tree === "object") return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, isolateCatalogue(v)])) as T;
  return tree;
}

/** Values that choose a form of the sentence (ICU `select`): catalogue words, matched as they are, never isolated. */
const SELECTORS = new Set(["status", "level"]);

/** A message's values as a sentence takes them: outside text isolated, numbers and selectors as they are. */
export function isolateValues(values: Record<string, string | number> | undefined): Record<string, string | number> | undefined {
  if (!values) return values;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" && !SELECTORS.has(k) ? isolate(v) : v]));
}
